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
    static func phone(_ user: String, on host: NATNetwork.Host, of nat: NATTopology, frequency: Double,
                      tcp: Bool = false, autoAnswer: Bool = false, turn: Bool = true, dir: URL) throws -> Phone {
        let tone = dir.appendingPathComponent("\(user).wav")
        let heard = dir.appendingPathComponent("\(user)-heard.wav")
        try AudioCallTests.tone(frequency, rate: 8000, seconds: 30).write(to: tone.path)
        let transport = tcp ? "tcp" : "udp"
        let home = try TestHome(config: """
            [general]
            log_level = "info"
            [network]
            listen = ["\(transport):\(host.address):5060"]
            stun_server = "\(nat.stunServer)"
            \(turn ? "" : "# ")turn_server = "\(nat.stunServer)"
            turn_user = "\(nat.coturn.user)"
            turn_password = "\(nat.coturn.password)"
            turn_transport = "\(transport)"
            [audio]
            backend = "file"
            input = "\(tone.path)"
            output = "\(heard.path)"
            [[account]]
            name = "\(user)"
            uri = "sip:\(user)@\(nat.network.sipAddress)"
            password = "\(nat.users[user] ?? "")"
            registrar = "sip:\(nat.registrar)"
            transport = "\(transport)"
            codecs = ["pcmu"]
            auto_answer = \(autoAnswer)
            """)
        let process = try HeadlessProcess(["--headless"], home: home.url, namespace: host.namespace)
        return Phone(name: user, process: process, heard: heard)
    }

    /// What a call through the lab showed.
    struct Outcome {
        /// The selected pairs, as the callers' logs told them ("relay … -> srflx …").
        var callerPair: String
        var calleePair: String
        /// From the answer until both sides had received RTP.
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
            return Outcome(callerPair: outcome.0, calleePair: outcome.1, secondsToTwoWayAudio: outcome.2,
                           callerHeard: ToneAnalysis(try WAV(contentsOf: alice.heard)),
                           calleeHeard: ToneAnalysis(try WAV(contentsOf: bob.heard)))
        } catch {
            await alice.stop()
            await bob.stop()
            throw error
        }
    }

    private static func talk(_ alice: Phone, _ bob: Phone, _ nat: NATTopology, tcp: Bool) async throws -> (String, String, Double) {
        try await alice.process.waitForLine("alice registered", timeout: .seconds(15)) { $0.hasPrefix("account alice: registered") }
        try await bob.process.waitForLine("bob registered", timeout: .seconds(15)) { $0.hasPrefix("account bob: registered") }
        alice.process.send("call sip:bob@\(nat.network.sipAddress)" + (tcp ? ";transport=tcp" : ""))
        try await alice.process.waitForLine("established", timeout: .seconds(15)) { $0.hasPrefix("call 1: established") }
        let answered = ContinuousClock.now
        var twoWay: Duration?
        while twoWay == nil, ContinuousClock.now - answered < .seconds(20) {
            alice.process.send("stats")
            bob.process.send("stats")
            try await Task.sleep(for: .milliseconds(50))
            if received(alice.process) > 0, received(bob.process) > 0 { twoWay = ContinuousClock.now - answered }
        }
        let seconds = twoWay.map { Double($0.components.seconds) + Double($0.components.attoseconds) / 1e18 }
        try #require(seconds != nil, """
            no two-way RTP within 20 s of the answer
            alice: \(alice.process.lines.filter { !$0.hasPrefix("call 1: audio") }.suffix(40).joined(separator: "\n"))
            alice stats: \(alice.process.lines.last { $0.hasPrefix("call 1: audio") } ?? "")
            bob: \(bob.process.lines.filter { !$0.hasPrefix("call 1: audio") }.suffix(40).joined(separator: "\n"))
            bob stats: \(bob.process.lines.last { $0.hasPrefix("call 1: audio") } ?? "")
            """)
        try await Task.sleep(for: .seconds(3))
        let pair = { (p: Phone) in p.process.lines.last { $0.contains("ICE: media now goes ") }?
            .components(separatedBy: "ICE: media now goes ").last ?? "none" }
        let pairs = (pair(alice), pair(bob))
        alice.process.send("hangup")
        try await bob.process.waitForLine("bob hung up") { $0.hasPrefix("call 1: terminated") }
        print("NAT lab: pipit alice → bob: selected [\(pairs.0)] / [\(pairs.1)], two-way RTP "
              + String(format: "%.2f", seconds ?? -1) + " s after the answer")
        return (pairs.0, pairs.1, seconds ?? -1)
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
