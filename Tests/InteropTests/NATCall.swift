import Foundation
import Testing
import TestLab

/// One baresip call through the NAT lab: alice (1000 Hz) on `caller` calls bob (440 Hz,
/// auto-answer) on `callee`; both hear three seconds, alice hangs up.
struct NATCall {
    let heardByCaller: ToneAnalysis
    let heardByCallee: ToneAnalysis
    /// The pairs the caller's and the callee's ICE selected.
    let selected: [Baresip.SelectedPair]
    /// Seconds from the callee's CALL_ESTABLISHED until it had received 1 s of audio.
    let secondsToAudio: Double

    static func run(_ lab: Lab, _ nat: NATTopology, caller: NATNetwork.Host, callee: NATNetwork.Host,
                    transport: LabTransport = .udp, turn: Bool = true) async throws -> NATCall {
        let alice = try await lab.startBaresip("alice", on: caller, of: nat, transport: transport, audioSource: Tone.sine(frequency: 1000, seconds: 30), turn: turn)
        let bob = try await lab.startBaresip("bob", on: callee, of: nat, transport: transport, autoAnswer: true,
                                             audioSource: Tone.sine(frequency: 440, seconds: 30), turn: turn)
        try await alice.waitForRegistration()
        try await bob.waitForRegistration()
        try await alice.dial("sip:bob@\(nat.registrar);transport=\(transport.rawValue)")
        try await alice.waitForEvent("CALL_ESTABLISHED", timeout: .seconds(15))
        try await bob.waitForEvent("CALL_ESTABLISHED", timeout: .seconds(15))
        let clock = ContinuousClock()
        let established = clock.now
        try await bob.waitForReceivedAudio(seconds: 1)
        let toAudio = clock.now - established
        try await bob.waitForReceivedAudio(seconds: 3)
        try await alice.waitForReceivedAudio(seconds: 3)
        try await alice.hangup()
        try await alice.waitForEvent("CALL_CLOSED")
        try await bob.waitForEvent("CALL_CLOSED")
        let call = NATCall(heardByCaller: ToneAnalysis(try alice.receivedAudio()), heardByCallee: ToneAnalysis(try bob.receivedAudio()),
                       selected: alice.selectedPairs() + bob.selectedPairs(),
                       secondsToAudio: Double(toAudio.components.seconds) + Double(toAudio.components.attoseconds) / 1e18)
        // The figure the benchmark wants: how long after answer media flowed through ICE.
        print("NAT lab: baresip \(caller.name) → \(callee.name): selected \(call.selected), "
              + "1 s of audio \(String(format: "%.2f", call.secondsToAudio)) s after CALL_ESTABLISHED")
        return call
    }

    /// Both tones arrived, clean and long enough.
    func requireTwoWayAudio() throws {
        for (heard, frequency, who) in [(heardByCallee, 1000.0, "bob"), (heardByCaller, 440.0, "alice")] {
            try #require(abs(heard.frequency - frequency) <= 10, "\(who) heard \(heard)")
            try #require(heard.signalToNoiseDB > 20, "\(who) heard \(heard)")
            try #require(heard.toneSeconds >= 2, "\(who) heard \(heard)")
        }
    }
}
