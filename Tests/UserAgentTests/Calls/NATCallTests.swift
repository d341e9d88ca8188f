import Audio
import Foundation
import Media
import NAT
import SDP
import Testing
import TestLab
@testable import UserAgent

/// Two call sessions on one engine with NAT traversal: ICE checks, the selected pair, the
/// relay, and audio both ways through it. On loopback; the namespace lab proves real NATs.
@Suite(.timeLimit(.minutes(1)), .serialized)
struct NATCallTests {
    /// A call between two sessions with these settings; each side sends its own tone and
    /// records what it hears.
    struct Call {
        let caller: EngineSession
        let callee: EngineSession
        let offer: SessionDescription
        let answer: SessionDescription
        let dir: String
        let engine: MediaEngine

        func heard(_ who: String) throws -> [Int16] { try WAVFile(contentsOf: dir + "/\(who)-heard.wav").samples }
    }

    static func tone(_ f: Double) -> WAVFile {
        WAVFile(format: WAVFormat(sampleRate: 8000, channels: 1),
                samples: (0..<16000).map { Int16(9000 * sin(2 * .pi * f * Double($0) / 8000)) })
    }

    /// `withoutRTCPMux`: the offer loses `a=rtcp-mux` on its way (a peer that does not do it).
    static func call(caller callerNAT: NATSettings?, callee calleeNAT: NATSettings?, withoutRTCPMux: Bool = false) async throws -> Call {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pipit-nat-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try tone(1000).write(to: dir + "/caller.wav")
        try tone(440).write(to: dir + "/callee.wav")
        var account = try #require(AccountConfig.local(user: "x", listen: ["udp:127.0.0.1:0"]))
        account.codecs = ["pcmu"]
        let engine = try MediaEngine()
        func session(_ who: String, _ nat: NATSettings?, ports: ClosedRange<UInt16>) throws -> EngineSession {
            var audio = AudioSettings()
            audio.backend = .file
            audio.output = dir + "/\(who)-heard.wav"
            return try EngineSession(engine: engine, sockets: MediaSocket.bindPair(host: "127.0.0.1", ports: ports),
                                     account: account, localAddress: "127.0.0.1", audio: audio,
                                     input: try WAVFile(contentsOf: dir + "/\(who).wav"), nat: nat, events: nil)
        }
        let caller = try session("caller", callerNAT, ports: 45000...45999)
        let callee = try session("callee", calleeNAT, ports: 46000...46999)
        var offer = try await caller.makeOffer(hold: false)
        if withoutRTCPMux { for i in offer.media.indices { offer.media[i].attributes.removeAll { $0 == .rtcpMux } } }
        let answer = try await callee.answer(offer, hold: false)
        try await caller.accept(answer)
        await caller.setActive(true)
        await callee.setActive(true)
        return Call(caller: caller, callee: callee, offer: offer, answer: answer, dir: dir, engine: engine)
    }

    /// Ends the call; returns the dominant tone each side heard (caller, callee).
    @discardableResult
    static func end(_ call: Call) async throws -> (caller: Int?, callee: Int?) {
        await call.caller.close()
        await call.callee.close()
        try await Task.sleep(for: .milliseconds(100))
        call.engine.stop()
        defer { try? FileManager.default.removeItem(atPath: call.dir) }
        return (ToneLevel.dominant(try call.heard("caller")), ToneLevel.dominant(try call.heard("callee")))
    }

    /// The call's published NAT figures, once there are some.
    static func nat(_ session: EngineSession) async throws -> NATSnapshot? {
        for _ in 0..<20 {
            if let nat = await session.statistics()?.nat { return nat }
            try await Task.sleep(for: .milliseconds(200))
        }
        return nil
    }

    /// Waits until both sides' published figures show a selected pair (or `timeout`).
    static func selectedPairs(_ call: Call, timeout: Duration = .seconds(5)) async throws -> (String?, String?) {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let a = await call.caller.statistics()?.nat?.selectedPair
            let b = await call.callee.statistics()?.nat?.selectedPair
            if a != nil, b != nil { return (a, b) }
            try await Task.sleep(for: .milliseconds(200))
        }
        return (await call.caller.statistics()?.nat?.selectedPair, await call.callee.statistics()?.nat?.selectedPair)
    }

    static func candidates(_ description: SessionDescription) -> [Candidate] {
        description.media.first { $0.media == "audio" }?.candidates ?? []
    }

    @Test func iceOnLoopbackSelectsTheHostPairAndCarriesAudio() async throws {
        let call = try await Self.call(caller: NATSettings(), callee: NATSettings())
        // The offer has RTCP's candidate too, in case the peer refused rtcp-mux; the
        // answer takes rtcp-mux and has RTP's only.
        #expect(Self.candidates(call.offer).map(\.component) == [1, 2])
        #expect(Self.candidates(call.answer).map(\.type) == [.host])
        let (a, b) = try await Self.selectedPairs(call)
        #expect(a?.hasPrefix("host 127.0.0.1:45") == true, "\(a ?? "none")")
        #expect(b?.hasPrefix("host 127.0.0.1:46") == true, "\(b ?? "none")")
        let snapshot = try #require(await call.caller.statistics())
        #expect(snapshot.nat?.iceState == "completed")
        #expect(snapshot.nat?.role == "controlling")
        #expect(await call.callee.statistics()?.nat?.role == "controlled")
        try await Task.sleep(for: .milliseconds(500))
        let heard = try await Self.end(call)
        #expect(heard.caller == 440)
        #expect(heard.callee == 1000)
    }

    /// A peer without rtcp-mux (RFC 5761): ICE runs two components, RTP and RTCP each on
    /// its own selected pair (RFC 8445 §4), with `a=rtcp` naming RTCP's default candidate;
    /// audio both ways, and each side gets the other's RTCP reports.
    @Test func withoutRTCPMuxRTCPGetsItsOwnPair() async throws {
        let call = try await Self.call(caller: NATSettings(), callee: NATSettings(), withoutRTCPMux: true)
        #expect(Self.candidates(call.answer).map(\.component) == [1, 2])
        #expect(call.answer.media.first?.hasRTCPMux == false)
        let rtcpCandidate = try #require(Self.candidates(call.answer).first { $0.component == 2 })
        #expect(call.answer.media.first?.rtcp?.port == rtcpCandidate.port)
        _ = try await Self.selectedPairs(call)
        var caller: NATSnapshot?, callee: NATSnapshot?
        var reports = false
        for _ in 0..<40 where !reports || caller?.selectedRTCPPair == nil || callee?.selectedRTCPPair == nil {
            try await Task.sleep(for: .milliseconds(200))
            let a = await call.caller.statistics(), b = await call.callee.statistics()
            caller = a?.nat
            callee = b?.nat
            reports = a?.quality.peerJitterMilliseconds != nil && b?.quality.peerJitterMilliseconds != nil
        }
        #expect(reports, "each side received the other's RTCP report")
        let offerRTCP = try #require(Self.candidates(call.offer).first { $0.component == 2 })
        #expect(caller?.selectedRTCPPair == "host 127.0.0.1:\(offerRTCP.port) c2 -> host 127.0.0.1:\(rtcpCandidate.port) c2",
                "\(caller?.selectedRTCPPair ?? "none")")
        #expect(callee?.selectedRTCPPair == "host 127.0.0.1:\(rtcpCandidate.port) c2 -> host 127.0.0.1:\(offerRTCP.port) c2",
                "\(callee?.selectedRTCPPair ?? "none")")
        #expect(caller?.iceState == "completed" && callee?.iceState == "completed")
        let heard = try await Self.end(call)
        #expect(heard.caller == 440)
        #expect(heard.callee == 1000)
    }

    /// A re-offer with new ICE credentials restarts ICE (RFC 8445 §9): the answer carries
    /// new credentials of its own; the same credentials again change nothing.
    @Test func aReofferWithNewCredentialsRestartsICE() async throws {
        let call = try await Self.call(caller: NATSettings(), callee: NATSettings())
        _ = try await Self.selectedPairs(call)
        func credentials(_ d: SessionDescription) -> [String] {
            d.media.first?.attributes.compactMap {
                switch $0 {
                case .iceUfrag(let u): "ufrag " + u
                case .icePwd(let p): "pwd " + p
                default: nil
                }
            } ?? []
        }
        let same = try await call.callee.answer(try await call.caller.makeOffer(hold: false), hold: false)
        #expect(credentials(same) == credentials(call.answer), "no restart: the same credentials")
        var restarted = try await call.caller.makeOffer(hold: false)
        restarted.media[0].attributes = restarted.media[0].attributes.map {
            switch $0 {
            case .iceUfrag: .iceUfrag("newufrag")
            case .icePwd: .icePwd("anewpasswordoftwentyfour")
            default: $0
            }
        }
        let answer = try await call.callee.answer(restarted, hold: false)
        #expect(credentials(answer).count == 2)
        #expect(Set(credentials(answer)).isDisjoint(with: credentials(call.answer)), "new credentials after a restart")
        try await Self.end(call)
    }

    /// Our own network changed (RFC 8445 §9): the caller restarts ICE, its re-offer has new
    /// credentials, the callee restarts too, both complete again and audio goes on. A
    /// call whose peer has no ICE has nothing to restart.
    @Test func ourNetworkChangeRestartsICEInTheNextOffer() async throws {
        let call = try await Self.call(caller: NATSettings(), callee: NATSettings())
        _ = try await Self.selectedPairs(call)
        func ufrag(_ d: SessionDescription) -> String? {
            d.media.first?.attributes.lazy.compactMap { if case .iceUfrag(let u) = $0 { u } else { nil } }.first
        }
        #expect(await call.caller.restartICE())
        let reoffer = try await call.caller.makeOffer(hold: false)
        #expect(ufrag(reoffer) != nil && ufrag(reoffer) != ufrag(call.offer), "new credentials")
        #expect(Self.candidates(reoffer).map(\.type).allSatisfy { $0 == .host } && !Self.candidates(reoffer).isEmpty)
        let reanswer = try await call.callee.answer(reoffer, hold: false)
        #expect(ufrag(reanswer) != nil && ufrag(reanswer) != ufrag(call.answer), "the callee restarted too")
        try await call.caller.accept(reanswer)
        var states: (String?, String?) = (nil, nil)
        for _ in 0..<20 {
            try await Task.sleep(for: .milliseconds(250))
            states = (await call.caller.statistics()?.nat?.iceState, await call.callee.statistics()?.nat?.iceState)
            if states.0 == "completed", states.1 == "completed" { break }
        }
        #expect(states.0 == "completed" && states.1 == "completed", "\(states)")
        let heard = try await Self.end(call)
        #expect(heard.caller == 440)
        #expect(heard.callee == 1000)

        let plain = try await Self.call(caller: NATSettings(), callee: nil)
        #expect(await plain.caller.restartICE() == false)
        try await Self.end(plain)
    }

    /// A peer without ICE: no candidates in its SDP, media by latching as before.
    @Test func aPeerWithoutICEIsCalledAsBefore() async throws {
        let call = try await Self.call(caller: NATSettings(), callee: nil)
        #expect(!Self.candidates(call.offer).isEmpty)
        #expect(Self.candidates(call.answer).isEmpty)
        try await Task.sleep(for: .milliseconds(1300))
        #expect(await call.caller.packetsReceived() > 0)
        #expect(await call.callee.packetsReceived() > 0)
        #expect(await call.caller.statistics()?.nat?.selectedPair == nil)
        try await Self.end(call)
    }

    /// Both sides signal only their relayed candidate: every packet goes through coturn,
    /// and audio still flows both ways. Over TCP (a network that drops UDP) the caller's
    /// allocation, checks and media all travel framed on one connection.
    @Test(arguments: [STUNTransport.udp, .tcp])
    func relayedBothWaysThroughCoturn(callerTransport: STUNTransport) async throws {
        try await Lab.run { lab in
            let coturn = try await lab.startCoturn()
            let server = try #require(TransportAddress(host: "127.0.0.1", port: UInt16(coturn.port)))
            func relay(_ transport: STUNTransport) -> NATSettings {
                NATSettings(turnServer: server, turnTransport: transport, turnUser: coturn.user, turnPassword: coturn.password,
                            relayOnly: true)
            }
            let call = try await Self.call(caller: relay(callerTransport), callee: relay(.udp))
            // RTCP has its own allocation (over TCP on its own connection), in case the peer
            // refuses rtcp-mux.
            #expect(Set(Self.candidates(call.offer).map(\.type)) == [.relayed])
            #expect(Self.candidates(call.offer).map(\.component).sorted() == [1, 2])
            #expect(Self.candidates(call.answer).map(\.type) == [.relayed])
            #expect(call.offer.media.first?.port == Self.candidates(call.offer).first { $0.component == 1 }?.port,
                    "m= names the relay (the default candidate)")
            let (a, b) = try await Self.selectedPairs(call)
            #expect(a?.hasPrefix("relay ") == true, "\(a ?? "none")")
            #expect(b?.hasPrefix("relay ") == true, "\(b ?? "none")")
            try await Task.sleep(for: .milliseconds(800))
            let heard = try await Self.end(call)
            #expect(heard.caller == 440)
            #expect(heard.callee == 1000)
        }
    }

    /// Relay only and no rtcp-mux: RTCP's own allocation carries component 2, so RTCP
    /// crosses what only a relay crosses, as RTP does.
    @Test func withoutRTCPMuxRTCPIsRelayedToo() async throws {
        try await Lab.run { lab in
            let coturn = try await lab.startCoturn()
            let server = try #require(TransportAddress(host: "127.0.0.1", port: UInt16(coturn.port)))
            let relay = NATSettings(turnServer: server, turnUser: coturn.user, turnPassword: coturn.password, relayOnly: true)
            let call = try await Self.call(caller: relay, callee: relay, withoutRTCPMux: true)
            #expect(Self.candidates(call.answer).map(\.component).sorted() == [1, 2])
            #expect(Set(Self.candidates(call.answer).map(\.type)) == [.relayed])
            #expect(call.answer.media.first?.rtcp?.port == Self.candidates(call.answer).first { $0.component == 2 }?.port)
            var pairs: (String?, String?) = (nil, nil)
            var reports = false
            for _ in 0..<40 where !reports || pairs.0 == nil || pairs.1 == nil {
                try await Task.sleep(for: .milliseconds(200))
                let a = await call.caller.statistics(), b = await call.callee.statistics()
                pairs = (a?.nat?.selectedRTCPPair, b?.nat?.selectedRTCPPair)
                reports = a?.quality.peerJitterMilliseconds != nil && b?.quality.peerJitterMilliseconds != nil
            }
            #expect(pairs.0?.hasPrefix("relay ") == true && pairs.0?.hasSuffix(" c2") == true, "\(pairs.0 ?? "none")")
            #expect(pairs.1?.hasPrefix("relay ") == true && pairs.1?.hasSuffix(" c2") == true, "\(pairs.1 ?? "none")")
            #expect(reports, "each side received the other's RTCP report")
            let heard = try await Self.end(call)
            #expect(heard.caller == 440)
            #expect(heard.callee == 1000)
        }
    }

    /// A wrong TURN password: gathering says so in words, and the call falls back to its
    /// host candidate.
    @Test func wrongTURNPasswordIsReported() async throws {
        try await Lab.run { lab in
            let coturn = try await lab.startCoturn()
            let server = try #require(TransportAddress(host: "127.0.0.1", port: UInt16(coturn.port)))
            let nat = NATSettings(turnServer: server, turnUser: coturn.user, turnPassword: "wrong")
            let call = try await Self.call(caller: nat, callee: NATSettings())
            #expect(Self.candidates(call.offer).map(\.type) == [.host, .host])
            let snapshot = try await Self.nat(call.caller)
            #expect(snapshot?.turnFailure?.hasPrefix("TURN allocation refused: wrong credentials (user \(coturn.user)") == true,
                    "\(snapshot?.turnFailure ?? "none")")
            #expect(snapshot?.turnFailure?.contains(coturn.password) == false)
            try await Self.end(call)
        }
    }
}

/// The strongest of a few test frequencies in a recording's second half.
enum ToneLevel {
    static func dominant(_ samples: [Int16], rate: Double = 8000) -> Int? {
        let tail = Array(samples.suffix(samples.count / 2))
        guard tail.count > 800 else { return nil }
        func power(_ f: Double) -> Double {
            // Goertzel: the energy at one frequency.
            let k = 2 * cos(2 * .pi * f / rate)
            var s1 = 0.0, s2 = 0.0
            for x in tail {
                let s = Double(x) + k * s1 - s2
                s2 = s1
                s1 = s
            }
            return s1 * s1 + s2 * s2 - k * s1 * s2
        }
        let candidates = [440, 1000]
        let powers = candidates.map { power(Double($0)) }
        guard let best = powers.indices.max(by: { powers[$0] < powers[$1] }),
              powers[best] > 10 * (powers.min() ?? 0) + 1e6 else { return nil }
        return candidates[best]
    }
}
