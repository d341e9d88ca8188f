import Testing
import TestLab

/// The headline interop test: two baresip agents register at Kamailio with digest auth
/// and call each other through it; the tone alice sends reaches bob.
@Suite struct BaresipCallTests {
    @Test(.timeLimit(.minutes(1)), arguments: [Kamailio.Listener.Transport.udp, .tcp])
    func aliceCallsBobThroughKamailioAndBobHearsTheTone(over transport: Kamailio.Listener.Transport) async throws {
        try await Lab.run { lab in
            let kamailio = try await lab.startKamailio(users: ["alice": "alice-secret", "bob": "bob-secret"])
            let alice = try await lab.startBaresip(.init(
                user: "alice", password: "alice-secret", registrar: kamailio.address, transport: transport,
                audioSource: Tone.sine(frequency: 1000, seconds: 30)))
            let bob = try await lab.startBaresip(.init(
                user: "bob", password: "bob-secret", registrar: kamailio.address, transport: transport, autoAnswer: true,
                audioSource: Tone.sine(frequency: 440, seconds: 30)))

            // Digest auth: each REGISTER is challenged (401) before it is accepted (200).
            for user in ["alice", "bob"] {
                let registered = try await kamailio.waitFor(200, "REGISTER", user: user)
                #expect(registered.transport == transport.rawValue)
                let registerEvents = kamailio.events().filter { $0.method == "REGISTER" && $0.user == user }.map(\.status)
                let challenged = try #require(registerEvents.firstIndex(of: 401), "\(user): no 401 in \(registerEvents)")
                let accepted = try #require(registerEvents.firstIndex(of: 200))
                #expect(challenged < accepted)
            }
            try await alice.waitForRegistration()
            try await bob.waitForRegistration()

            try await alice.dial("sip:bob@\(kamailio.address);transport=\(transport.rawValue)")
            try await alice.waitForEvent("CALL_ESTABLISHED")
            try await bob.waitForEvent("CALL_ESTABLISHED")
            // The INVITE was challenged (407) and then relayed by the proxy.
            let inviteStatuses = kamailio.events().filter { $0.method == "INVITE" && $0.user == "alice" }.map(\.status)
            try #require(inviteStatuses.contains(407) && inviteStatuses.contains(100), "\(inviteStatuses)")

            try await bob.waitForReceivedAudio(seconds: 3)
            try await alice.hangup()
            try await alice.waitForEvent("CALL_CLOSED")
            try await bob.waitForEvent("CALL_CLOSED")
            // Record-routing kept Kamailio in the dialog: the BYE went through it.
            try #require(kamailio.events().contains { $0.status == 100 && $0.method == "BYE" && $0.user == "alice" })

            let heardByBob = ToneAnalysis(try bob.receivedAudio())
            try #require(abs(heardByBob.frequency - 1000) <= 10, "bob heard \(heardByBob)")
            try #require(heardByBob.signalToNoiseDB > 20, "bob heard \(heardByBob)")
            try #require(heardByBob.levelDBFS > -30, "bob heard \(heardByBob)")
            try #require(heardByBob.toneSeconds >= 2, "bob heard \(heardByBob)")

            let heardByAlice = ToneAnalysis(try alice.receivedAudio())
            try #require(abs(heardByAlice.frequency - 440) <= 10, "alice heard \(heardByAlice)")
            try #require(heardByAlice.toneSeconds >= 2, "alice heard \(heardByAlice)")
        }
    }
}

extension BaresipCallTests {
    /// Digest auth is checked, not waved through: a wrong password never registers.
    @Test(.timeLimit(.minutes(1)))
    func wrongPasswordIsRefused() async throws {
        try await Lab.run { lab in
            let kamailio = try await lab.startKamailio(users: ["alice": "alice-secret"])
            let alice = try await lab.startBaresip(.init(user: "alice", password: "not-the-secret", registrar: kamailio.address))
            try await alice.process.waitForLog("401 Unauthorized")
            let statuses = kamailio.events().filter { $0.method == "REGISTER" && $0.user == "alice" }.map(\.status)
            try #require(statuses.count >= 2 && statuses.allSatisfy { $0 == 401 }, "\(statuses)")
        }
    }
}

extension BaresipCallTests {
    /// Without auto-answer the callee sees the incoming call and answers it by command;
    /// the callee hangs up.
    @Test(.timeLimit(.minutes(1)))
    func bobAnswersByCommandAndHangsUp() async throws {
        try await Lab.run { lab in
            let kamailio = try await lab.startKamailio(users: ["alice": "a-pw", "bob": "b-pw"])
            let alice = try await lab.startBaresip(.init(user: "alice", password: "a-pw", registrar: kamailio.address))
            let bob = try await lab.startBaresip(.init(user: "bob", password: "b-pw", registrar: kamailio.address))
            try await alice.waitForRegistration()
            try await bob.waitForRegistration()

            try await alice.dial("sip:bob@\(kamailio.address)")
            let incoming = try await bob.waitForEvent("CALL_INCOMING")
            try #require(incoming.peeruri?.hasPrefix("sip:alice@") == true, "\(incoming.json)")
            try await alice.waitForEvent("CALL_RINGING")
            try await bob.answer()
            try await bob.waitForEvent("CALL_ESTABLISHED")
            try await alice.waitForEvent("CALL_ESTABLISHED")
            try await bob.hangup()
            try await bob.waitForEvent("CALL_CLOSED")
            try await alice.waitForEvent("CALL_CLOSED")
            try #require(kamailio.events().contains { $0.status == 100 && $0.method == "BYE" && $0.user == "bob" })
        }
    }
}
