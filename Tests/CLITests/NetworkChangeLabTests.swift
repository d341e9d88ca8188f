import Foundation
import Testing
import TestLab

/// Our own interface address changes mid-call (DHCP renumbering the laptop, or a move to
/// another network): pipit notices it through rtnetlink, tells the user, registers the
/// new Contact at once, moves the call's media socket off the vanished address and
/// restarts ICE by re-INVITE, and two-way audio comes back.
@Suite(.timeLimit(.minutes(2)), .serialized)
struct NetworkChangeLabTests {
    /// pipit for `user` on `host` listening on the wildcard address (a listener bound to
    /// the old address would die with it), sending a tone and recording what it hears.
    static func phone(_ user: String, on host: NATNetwork.Host, of nat: NATTopology, frequency: Double,
                      turn: Bool, ice: Bool, turnOverTCP: Bool = false, dir: URL) throws -> NATLabCallTests.Phone {
        try NATLabCallTests.phone(user, on: host, of: nat, frequency: frequency, NATLabPhoneSettings(
            listenOnWildcard: true, turnServer: turn ? "" : nil, turnTransport: turnOverTCP ? "tcp" : "udp", ice: ice), dir: dir)
    }

    /// The longest silence (10 ms frames under -40 dBFS) between the first and the last
    /// sound of a recording, in seconds: how long the audio was gone.
    static func longestGap(_ wav: WAV) -> Double {
        let frame = max(1, wav.sampleRate / 100)
        var loud: [Bool] = []
        var start = 0
        while start + frame <= wav.samples.count {
            let power = wav.samples[start..<(start + frame)].reduce(0.0) { $0 + Double($1) * Double($1) } / Double(frame)
            loud.append(power > 0.0001 * 32768 * 32768)
            start += frame
        }
        guard let first = loud.firstIndex(of: true), let last = loud.lastIndex(of: true) else { return .infinity }
        var longest = 0, run = 0
        for isLoud in loud[first...last] {
            run = isLoud ? 0 : run + 1
            longest = max(longest, run)
        }
        return Double(longest * frame) / Double(wav.sampleRate)
    }

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }

    /// Behind the cone NAT the new pair is server-reflexive from the new address; behind
    /// the symmetric NAT it is relayed, through a new allocation made from the new address.
    /// Without ICE the socket moves all the same and the re-INVITE names its new public
    /// address. With TURN over TCP the connection to the server is opened again from the
    /// new address, for a new allocation (the pair stays server-reflexive behind the cone).
    @Test(arguments: [("cone", false, true, false), ("symmetric", true, true, false), ("cone", false, false, false),
                      ("cone", true, true, true)])
    func ourOwnAddressChangingMidCallRestartsICEAndReRegisters(homeName: String, turn: Bool, ice: Bool, turnOverTCP: Bool) async throws {
        try await Lab.run { lab in
            let nat = try await lab.startNATTopology()
            let home = try #require(nat.home(homeName))
            let host = home.client
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pipit-netchange-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: dir) }
            let alice = try Self.phone("alice", on: host, of: nat, frequency: 1000, turn: turn, ice: ice, turnOverTCP: turnOverTCP, dir: dir)
            let bob: NATLabCallTests.Phone
            do {
                bob = try NATLabCallTests.phone("bob", on: try #require(nat.home("cone2")).client, of: nat, frequency: 440,
                                                autoAnswer: true, turn: false, dir: dir)
            } catch {
                await alice.stop()
                throw error
            }
            do {
                try await NATLabCallTests.callUntilTwoWay(alice, bob, nat: nat)
                try await Task.sleep(for: .seconds(1))
                let registrations = { nat.kamailio.events().filter { $0.status == 200 && $0.method == "REGISTER" && $0.user == "alice" }.count }
                let registeredBefore = registrations()
                let pairsBefore = alice.process.lines.filter { $0.contains("ICE: media now goes") }
                let allocationsBefore = nat.coturn.relayAddresses().count
                // DHCP gives the laptop another address: the old one goes, with its routes.
                let old = host.address
                let fresh = old.split(separator: ".").dropLast().joined(separator: ".") + ".50"
                let ns = host.namespace.name
                try NATLabCallTests.ip(["-n", ns, "addr", "del", "\(old)/24", "dev", "eth0"])
                try NATLabCallTests.ip(["-n", ns, "addr", "add", "\(fresh)/24", "dev", "eth0"])
                try NATLabCallTests.ip(["-n", ns, "route", "add", "default", "via", home.gateway])
                let changed = ContinuousClock.now
                let notice = try await alice.process.waitForLine("the network change noticed", timeout: .seconds(10)) {
                    $0.hasPrefix("network changed: ")
                }
                let noticed = ContinuousClock.now - changed
                #expect(notice == "network changed: \(old) → \(fresh); restarting ICE on 1 call, re-registering 1 account")
                var line = "no ICE"
                if ice {
                    try await Poll.until("a new pair after the change", timeout: .seconds(15)) {
                        let pairs = alice.process.lines.filter { $0.contains("ICE: media now goes") }
                        guard pairs.count > pairsBefore.count, let last = pairs.last else { return false }
                        line = last
                        return true
                    }
                    if !turn || turnOverTCP { #expect(line.contains("base \(fresh):"), "\(line)") }
                    if turn && !turnOverTCP { #expect(line.contains("ICE: media now goes relay "), "\(line)") }
                }
                let restored = ContinuousClock.now - changed
                try await Poll.until("kamailio to register alice again", timeout: .seconds(10)) { registrations() > registeredBefore }
                #expect(alice.process.lines.contains { $0.contains("account alice: registering again from \(fresh):5060") })
                #expect(alice.process.lines.contains { $0.contains("our address \(old) is gone; media moves to \(fresh):") })
                if turn {
                    try await Poll.until("a new allocation from the new address", timeout: .seconds(5)) {
                        nat.coturn.relayAddresses().count > allocationsBefore
                    }
                }
                try await Task.sleep(for: .seconds(3))
                // The peer's in-dialog request must find us at our new address.
                bob.process.send("hangup")
                try await alice.process.waitForLine("bob's BYE reached alice") { $0.hasPrefix("call 1: terminated") }
                await alice.stop()
                await bob.stop()
                let heardByAlice = try WAV(contentsOf: alice.heard), heardByBob = try WAV(contentsOf: bob.heard)
                let pair = line.components(separatedBy: "ICE: ").last ?? line
                let figures = [Self.seconds(noticed), Self.seconds(restored), Self.longestGap(heardByBob), Self.longestGap(heardByAlice)]
                    .map { String(format: "%.2f", $0) }
                print("network change lab (\(homeName)\(ice ? "" : ", no ICE")\(turnOverTCP ? ", TURN over TCP" : "")): \(old) → \(fresh) mid-call: noticed \(figures[0]) s, new pair \(figures[1]) s "
                      + "after the change (\(pair)); longest audio gap: bob \(figures[2]) s, alice \(figures[3]) s")
                // The last two seconds of each recording: the tone is back both ways.
                for (wav, frequency, who) in [(heardByAlice, 440.0, "alice"), (heardByBob, 1000.0, "bob")] {
                    let tail = Array(wav.samples.suffix(wav.sampleRate * 2)).map { Double($0) / 32768 }
                    let heard = ToneAnalysis(samples: tail, sampleRate: Double(wav.sampleRate))
                    #expect(abs(heard.frequency - frequency) <= 10 && heard.signalToNoiseDB > 20 && heard.toneSeconds >= 1.5,
                            "\(who) heard \(heard) after the change")
                }
                #expect(Self.seconds(restored) < 5, "new pair only \(restored) after the change")
            } catch {
                let said = alice.process.lines.filter { !$0.hasPrefix("call 1: audio") }.suffix(40).joined(separator: "\n")
                Issue.record("alice said:\n\(said)")
                await alice.stop()
                await bob.stop()
                throw error
            }
        }
    }
}
