import Foundation
import Testing
import TestLab

/// pipit through real NATs: two `pipit --headless` processes in the lab's home namespaces
/// (behind nftables routers), registered with Kamailio in the public namespace, with
/// coturn for STUN and TURN. Each sends a tone; each must hear the other's, and the pair
/// ICE selected must be the one the topology allows.
@Suite(.timeLimit(.minutes(2)), .serialized)
struct NATLabCallTests {
    /// One side of a lab call.
    struct Phone {
        let name: String
        let process: HeadlessProcess
        let heard: URL

        func stop() async {
            process.send("quit")
            if (try? await process.waitForExit(timeout: .seconds(5))) == nil { process.kill(SIGKILL) }
        }
    }

    /// Starts pipit for `user` on `host`, sending a tone of `frequency` and recording
    /// what it hears. `tcp`: SIP and TURN over TCP (the firewalled home drops UDP).
    /// Once both are registered, alice calls bob (who answers by himself); returns when
    /// RTP flows both ways.
    static func callUntilTwoWay(_ alice: Phone, _ bob: Phone, nat: NATTopology) async throws {
        try await alice.process.waitForLine("alice registered", timeout: .seconds(15)) { $0.hasPrefix("account alice: registered") }
        try await bob.process.waitForLine("bob registered", timeout: .seconds(15)) { $0.hasPrefix("account bob: registered") }
        alice.process.send("call sip:bob@\(nat.network.sipAddress)")
        try await alice.process.waitForLine("established", timeout: .seconds(15)) { $0.hasPrefix("call 1: established") }
        try await waitForTwoWayRTP(alice.process, bob.process)
    }

    static func phone(_ user: String, on host: NATNetwork.Host, of nat: NATTopology, frequency: Double,
                      tcp: Bool = false, autoAnswer: Bool = false, turn: Bool = true, dir: URL) throws -> Phone {
        let transport = tcp ? "tcp" : "udp"
        return try phone(user, on: host, of: nat, frequency: frequency,
                         NATLabPhoneSettings(sipTransport: transport, turnServer: turn ? "" : nil, turnTransport: transport,
                                             autoAnswer: autoAnswer), dir: dir)
    }

    /// What a call through the lab showed.
    struct Outcome {
        /// The selected pairs, as the callers' logs told them ("relay … -> srflx …").
        var callerPair: String
        var calleePair: String
        /// From the answer until both sides heard the other (the later onset of the two
        /// recordings, which start at the answer).
        var secondsToTwoWayAudio: Double
        var callerHeard: ToneAnalysis
        var calleeHeard: ToneAnalysis
    }

    static func call(_ lab: Lab, _ nat: NATTopology, caller: NATNetwork.Host, callee: NATNetwork.Host,
                     callerTCP: Bool = false, calleeTCP: Bool = false, turn: Bool = true) async throws -> Outcome {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pipit-natlab-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let alice = try phone("alice", on: caller, of: nat, frequency: 1000, tcp: callerTCP, turn: turn, dir: dir)
        let bob: Phone
        do {
            bob = try phone("bob", on: callee, of: nat, frequency: 440, tcp: calleeTCP, autoAnswer: true, turn: turn, dir: dir)
        } catch {
            await alice.stop()
            throw error
        }
        do {
            let outcome = try await talk(alice, bob, nat, tcp: callerTCP)
            await alice.stop()
            await bob.stop()
            let heardByAlice = try WAV(contentsOf: alice.heard), heardByBob = try WAV(contentsOf: bob.heard)
            let twoWay = max(Self.onset(heardByAlice) ?? .infinity, Self.onset(heardByBob) ?? .infinity)
            print("NAT lab: pipit \(caller.name) → \(callee.name): selected [\(outcome.0)] / [\(outcome.1)], "
                  + "two-way audio " + String(format: "%.2f", twoWay) + " s after the answer")
            return Outcome(callerPair: outcome.0, calleePair: outcome.1, secondsToTwoWayAudio: twoWay,
                           callerHeard: ToneAnalysis(heardByAlice), calleeHeard: ToneAnalysis(heardByBob))
        } catch {
            await alice.stop()
            await bob.stop()
            throw error
        }
    }

    private static func talk(_ alice: Phone, _ bob: Phone, _ nat: NATTopology, tcp: Bool) async throws -> (String, String) {
        try await alice.process.waitForLine("alice registered", timeout: .seconds(15)) { $0.hasPrefix("account alice: registered") }
        try await bob.process.waitForLine("bob registered", timeout: .seconds(15)) { $0.hasPrefix("account bob: registered") }
        alice.process.send("call sip:bob@\(nat.network.sipAddress)" + (tcp ? ";transport=tcp" : ""))
        try await alice.process.waitForLine("established", timeout: .seconds(15)) { $0.hasPrefix("call 1: established") }
        try await waitForTwoWayRTP(alice.process, bob.process)
        try await Task.sleep(for: .seconds(3))
        let pair = { (p: Phone) in p.process.lines.last { $0.contains("ICE: media now goes ") }?
            .components(separatedBy: "ICE: media now goes ").last ?? "none" }
        let pairs = (pair(alice), pair(bob))
        alice.process.send("hangup")
        try await bob.process.waitForLine("bob hung up") { $0.hasPrefix("call 1: terminated") }
        return pairs
    }

    /// Polls `stats` until both have received RTP (at most 20 s).
    static func waitForTwoWayRTP(_ alice: HeadlessProcess, _ bob: HeadlessProcess?) async throws {
        let start = ContinuousClock.now
        while ContinuousClock.now - start < .seconds(20) {
            alice.send("stats")
            bob?.send("stats")
            try await Task.sleep(for: .milliseconds(100))
            if received(alice) > 0, bob.map({ received($0) > 0 }) ?? true { return }
        }
        Issue.record("""
            no two-way RTP within 20 s of the answer
            alice: \(alice.lines.filter { !$0.hasPrefix("call 1: audio") }.suffix(40).joined(separator: "\n"))
            bob: \(bob?.lines.filter { !$0.hasPrefix("call 1: audio") }.suffix(40).joined(separator: "\n") ?? "")
            """)
        throw HeadlessError.timeout("two-way RTP")
    }

    /// Seconds into a recording where sound starts: the first 10 ms above -40 dBFS.
    static func onset(_ wav: WAV) -> Double? {
        let frame = max(1, wav.sampleRate / 100)
        var start = 0
        while start + frame <= wav.samples.count {
            let power = wav.samples[start..<(start + frame)].reduce(0.0) { $0 + Double($1) * Double($1) } / Double(frame)
            if power > 0.0001 * 32768 * 32768 { return Double(start) / Double(wav.sampleRate) }
            start += frame
        }
        return nil
    }

    /// The packets received in the newest `statistics` line of call 1.
    static func received(_ process: HeadlessProcess) -> Int {
        guard let line = process.lines.last(where: { $0.hasPrefix("call 1: audio") }),
              let range = line.range(of: "received ") else { return 0 }
        return Int(line[range.upperBound...].prefix { $0.isNumber }) ?? 0
    }

    static func requireTwoWayAudio(_ outcome: Outcome) throws {
        for (heard, frequency, who) in [(outcome.calleeHeard, 1000.0, "bob"), (outcome.callerHeard, 440.0, "alice")] {
            try #require(abs(heard.frequency - frequency) <= 10, "\(who) heard \(heard)")
            try #require(heard.signalToNoiseDB > 20, "\(who) heard \(heard)")
            try #require(heard.toneSeconds >= 2, "\(who) heard \(heard)")
        }
    }

    static func kinds(_ pair: String) -> (local: String, remote: String) {
        let parts = pair.components(separatedBy: " -> ")
        return (parts.first?.components(separatedBy: " ").first ?? "", parts.last?.components(separatedBy: " ").first ?? "")
    }

    @Test func sameLANUsesHostCandidates() async throws {
        try await Lab.run { lab in
            let nat = try await lab.startNATTopology()
            let home = try #require(nat.home("cone"))
            let outcome = try await Self.call(lab, nat, caller: home.clients[0], callee: home.clients[1])
            try Self.requireTwoWayAudio(outcome)
            #expect(Self.kinds(outcome.callerPair) == ("host", "host"), "\(outcome.callerPair)")
            #expect(Self.kinds(outcome.calleePair) == ("host", "host"), "\(outcome.calleePair)")
        }
    }

    /// Every interface address is a host candidate, IPv6 too (RFC 8445 §5.1.1.1), and
    /// IPv6 is preferred where both work (RFC 8421): on a LAN that has both, media goes
    /// over IPv6 although SIP runs over IPv4.
    @Test func aLANWithIPv6CarriesMediaOverIPv6() async throws {
        try await Lab.run { lab in
            let nat = try await lab.startNATTopology()
            let home = try #require(nat.home("cone"))
            for (client, address) in zip(home.clients, ["fd00:1::2", "fd00:1::3"]) {
                let ns = client.namespace.name
                try Self.ip(["netns", "exec", ns, "sysctl", "-q", "-w", "net.ipv6.conf.all.disable_ipv6=0"])
                try Self.ip(["netns", "exec", ns, "sysctl", "-q", "-w", "net.ipv6.conf.eth0.disable_ipv6=0"])
                try Self.ip(["-n", ns, "addr", "add", "\(address)/64", "dev", "eth0", "nodad"])
            }
            let outcome = try await Self.call(lab, nat, caller: home.clients[0], callee: home.clients[1])
            try Self.requireTwoWayAudio(outcome)
            #expect(outcome.callerPair.hasPrefix("host [fd00:1::2]:"), "\(outcome.callerPair)")
            #expect(outcome.callerPair.contains("-> host [fd00:1::3]:"), "\(outcome.callerPair)")
        }
    }

    /// The caller's home router gets a new public address mid-call (an ISP renumbering
    /// it): every NAT mapping is gone, and the server-reflexive pair dies both ways. The
    /// next registration sees a new `received`, pipit restarts ICE by re-INVITE (RFC 8445
    /// §9), and two-way audio comes back over the new public address.
    @Test func aNewPublicAddressMidCallRestartsICE() async throws {
        try await Lab.run { lab in
            let nat = try await lab.startNATTopology()
            let home = try #require(nat.home("cone"))
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pipit-natlab-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: dir) }
            let alice = try Self.phone("alice", on: home.client, of: nat, frequency: 1000, turn: false, dir: dir)
            let bob: Phone
            do {
                bob = try Self.phone("bob", on: try #require(nat.home("cone2")).client, of: nat, frequency: 440,
                                     autoAnswer: true, turn: false, dir: dir)
            } catch {
                await alice.stop()
                throw error
            }
            do {
                try await Self.callUntilTwoWay(alice, bob, nat: nat)
                try await Task.sleep(for: .seconds(1))
                let renumbered = "203.0.113.111"
                try Self.ip(["-n", home.router.name, "addr", "del", "\(home.publicAddress)/24", "dev", "wan"])
                try Self.ip(["-n", home.router.name, "addr", "add", "\(renumbered)/24", "dev", "wan"])
                let changed = ContinuousClock.now
                alice.process.send("register alice")
                let line = try await alice.process.waitForLine("a pair on the new address", timeout: .seconds(15)) {
                    $0.contains("ICE: media now goes srflx \(renumbered):")
                }
                let restarted = ContinuousClock.now - changed
                try await Task.sleep(for: .seconds(3))
                alice.process.send("hangup")
                try await bob.process.waitForLine("bob hung up") { $0.hasPrefix("call 1: terminated") }
                await alice.stop()
                await bob.stop()
                print("NAT lab: cone-1 renumbered mid-call: \(line.components(separatedBy: "ICE: ").last ?? line) "
                      + String(format: "%.2f", Double(restarted.components.seconds) + Double(restarted.components.attoseconds) / 1e18)
                      + " s after the change")
                // The last two seconds of each recording: the tone is back both ways.
                for (wav, frequency, who) in [(try WAV(contentsOf: alice.heard), 440.0, "alice"), (try WAV(contentsOf: bob.heard), 1000.0, "bob")] {
                    let tail = Array(wav.samples.suffix(wav.sampleRate * 2)).map { Double($0) / 32768 }
                    let heard = ToneAnalysis(samples: tail, sampleRate: Double(wav.sampleRate))
                    #expect(abs(heard.frequency - frequency) <= 10 && heard.signalToNoiseDB > 20 && heard.toneSeconds >= 1.5,
                            "\(who) heard \(heard) after the change")
                }
            } catch {
                await alice.stop()
                await bob.stop()
                throw error
            }
        }
    }

    /// Runs `ip` with `arguments` (namespace plumbing the lab does not do itself).
    static func ip(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/sbin/ip")
        process.arguments = arguments
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw HeadlessError.timeout("ip \(arguments.joined(separator: " ")) failed") }
    }

    @Test func twoConeNATsUseServerReflexiveCandidates() async throws {
        try await Lab.run { lab in
            let nat = try await lab.startNATTopology()
            let outcome = try await Self.call(lab, nat, caller: try #require(nat.home("cone")).client,
                                              callee: try #require(nat.home("cone2")).client,
                                              turn: ProcessInfo.processInfo.environment["NATLAB_NO_TURN"] == nil)
            try Self.requireTwoWayAudio(outcome)
            #expect(Self.kinds(outcome.callerPair) == ("srflx", "srflx"), "\(outcome.callerPair)")
            #expect(Self.kinds(outcome.calleePair).remote == "srflx" || Self.kinds(outcome.calleePair).remote == "prflx",
                    "\(outcome.calleePair)")
        }
    }

    @Test func aSymmetricNATNeedsTheRelay() async throws {
        try await Lab.run { lab in
            let nat = try await lab.startNATTopology()
            let outcome = try await Self.call(lab, nat, caller: try #require(nat.home("cone")).client,
                                              callee: try #require(nat.home("symmetric")).client)
            try Self.requireTwoWayAudio(outcome)
            let both = [Self.kinds(outcome.callerPair), Self.kinds(outcome.calleePair)]
            #expect(both.contains { $0.local == "relay" || $0.remote == "relay" }, "\(outcome.callerPair) / \(outcome.calleePair)")
        }
    }

    @Test func aFirewallThatDropsUDPIsCrossedByTURNOverTCP() async throws {
        try await Lab.run { lab in
            let nat = try await lab.startNATTopology()
            let outcome = try await Self.call(lab, nat, caller: try #require(nat.home("firewalled")).client,
                                              callee: try #require(nat.home("cone")).client, callerTCP: true)
            try Self.requireTwoWayAudio(outcome)
            #expect(Self.kinds(outcome.callerPair).local == "relay", "\(outcome.callerPair)")
        }
    }
}

/// pipit calling baresip (with its ice, stun and turn modules) through the NAT lab: the
/// reference peer, and its figures beside pipit's.
@Suite(.timeLimit(.minutes(2)), .serialized)
struct NATLabBaresipTests {
    static func call(_ lab: Lab, _ nat: NATTopology, caller: NATNetwork.Host, callee: NATNetwork.Host,
                     turn: Bool, rtcpMux: Bool = true) async throws
        -> (pipitPair: String, pipitRTCPPair: String?, baresipPairs: [Baresip.SelectedPair]) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pipit-natlab-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let bob = try await lab.startBaresip("bob", on: callee, of: nat, autoAnswer: true,
                                             audioSource: Tone.sine(frequency: 440, seconds: 30), turn: turn,
                                             rtcpMux: rtcpMux)
        let alice = try NATLabCallTests.phone("alice", on: caller, of: nat, frequency: 1000, turn: turn, dir: dir)
        do {
            try await bob.waitForRegistration()
            try await alice.process.waitForLine("alice registered", timeout: .seconds(15)) { $0.hasPrefix("account alice: registered") }
            alice.process.send("call sip:bob@\(nat.network.sipAddress)")
            try await alice.process.waitForLine("established", timeout: .seconds(15)) { $0.hasPrefix("call 1: established") }
            try await bob.waitForEvent("CALL_ESTABLISHED", timeout: .seconds(15))
            try await NATLabCallTests.waitForTwoWayRTP(alice.process, nil)
            try await bob.waitForReceivedAudio(seconds: 3)
            let pair = alice.process.lines.last { $0.contains("ICE: media now goes ") }?
                .components(separatedBy: "ICE: media now goes ").last ?? "none"
            let rtcpPair = alice.process.lines.last { $0.contains("ICE: RTCP now goes ") }?
                .components(separatedBy: "ICE: RTCP now goes ").last
            alice.process.send("hangup")
            try await bob.waitForEvent("CALL_CLOSED")
            await alice.stop()
            let heardByAlice = try WAV(contentsOf: alice.heard)
            let heardByBob = ToneAnalysis(try bob.receivedAudio())
            let onset = NATLabCallTests.onset(heardByAlice)
            print("NAT lab: pipit \(caller.name) → baresip \(callee.name)\(rtcpMux ? "" : " without rtcp-mux"): pipit selected [\(pair)], baresip \(bob.selectedPairs()), "
                  + "pipit hears audio " + String(format: "%.2f", onset ?? -1) + " s after the answer")
            for (heard, frequency, who) in [(heardByBob, 1000.0, "baresip"), (ToneAnalysis(heardByAlice), 440.0, "pipit")] {
                try #require(abs(heard.frequency - frequency) <= 10, "\(who) heard \(heard)")
                try #require(heard.signalToNoiseDB > 20, "\(who) heard \(heard)")
                try #require(heard.toneSeconds >= 2, "\(who) heard \(heard)")
            }
            return (pair, rtcpPair, bob.selectedPairs())
        } catch {
            await alice.stop()
            throw error
        }
    }

    @Test func pipitToBaresipThroughTwoConeNATs() async throws {
        try await Lab.run { lab in
            let nat = try await lab.startNATTopology()
            let result = try await Self.call(lab, nat, caller: try #require(nat.home("cone")).client,
                                             callee: try #require(nat.home("cone2")).client, turn: false)
            #expect(NATLabCallTests.kinds(result.pipitPair).local == "srflx", "\(result.pipitPair)")
            #expect(result.baresipPairs.contains { $0.component == 1 && $0.local == "srflx" }, "\(result.baresipPairs)")
        }
    }

    /// baresip with `rtcp_mux no` answers without rtcp-mux: RTP and RTCP each get their
    /// own server-reflexive pair through the two cone NATs (ICE component 2).
    @Test func pipitToBaresipWithoutRTCPMuxRunsTwoComponents() async throws {
        try await Lab.run { lab in
            let nat = try await lab.startNATTopology()
            let result = try await Self.call(lab, nat, caller: try #require(nat.home("cone")).client,
                                             callee: try #require(nat.home("cone2")).client, turn: false, rtcpMux: false)
            #expect(NATLabCallTests.kinds(result.pipitPair).local == "srflx", "\(result.pipitPair)")
            let rtcp = try #require(result.pipitRTCPPair, "pipit selected no RTCP pair")
            #expect(NATLabCallTests.kinds(rtcp).local == "srflx" && rtcp.hasSuffix(" c2"), "\(rtcp)")
            #expect(result.baresipPairs.contains { $0.component == 1 && $0.local == "srflx" }, "\(result.baresipPairs)")
            #expect(result.baresipPairs.contains { $0.component == 2 && $0.local == "srflx" }, "\(result.baresipPairs)")
        }
    }

    /// Behind the symmetric NAT without rtcp-mux: RTCP needs a relay too, and pipit's
    /// RTCP allocation gives it one.
    @Test func pipitToBaresipBehindASymmetricNATWithoutRTCPMux() async throws {
        try await Lab.run { lab in
            let nat = try await lab.startNATTopology()
            let result = try await Self.call(lab, nat, caller: try #require(nat.home("cone")).client,
                                             callee: try #require(nat.home("symmetric")).client, turn: true, rtcpMux: false)
            let rtcp = try #require(result.pipitRTCPPair, "pipit selected no RTCP pair")
            let kinds = NATLabCallTests.kinds(rtcp)
            #expect(kinds.local == "relay" || kinds.remote == "relay", "\(rtcp)")
            #expect(result.baresipPairs.contains { $0.component == 2 }, "\(result.baresipPairs)")
        }
    }

    @Test func pipitToBaresipBehindASymmetricNAT() async throws {
        try await Lab.run { lab in
            let nat = try await lab.startNATTopology()
            let result = try await Self.call(lab, nat, caller: try #require(nat.home("cone")).client,
                                             callee: try #require(nat.home("symmetric")).client, turn: true)
            let kinds = NATLabCallTests.kinds(result.pipitPair)
            #expect(kinds.local == "relay" || kinds.remote == "relay", "\(result.pipitPair)")
        }
    }
}
