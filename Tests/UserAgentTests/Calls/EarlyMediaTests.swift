import Audio
import Foundation
import Media
import Testing
@testable import UserAgent

/// A 183 with SDP: the caller hears the network's audio before the answer (announcements,
/// a provider's ringback), and sends nothing until then. Two engine sessions in one
/// process, on WAV files.
@Suite(.timeLimit(.minutes(1)), .serialized)
struct EarlyMediaTests {
    /// What the caller's output file holds after the callee sent a tone for a second while
    /// the caller was (or was not) told about early media.
    func callerHears(earlyMedia: Bool) async throws -> (heard: [Int16], calleeHeard: [Int16]) {
        let files = try ToneFiles("early")
        defer { files.remove() }
        let engine = try MediaEngine()
        defer { engine.stop() }
        var account = try #require(AccountConfig.local(user: "x", listen: ["udp:127.0.0.1:0"]))
        account.codecs = ["pcmu"]
        let caller = try await EngineMedia(engine: engine, ports: 45000...45999, audio: files.audio("caller"))
            .makeSession(account: account, localAddress: "127.0.0.1")
        let callee = try await EngineMedia(engine: engine, ports: 46000...46999, audio: files.audio("callee"))
            .makeSession(account: account, localAddress: "127.0.0.1")
        let offer = try await caller.makeOffer(hold: false)
        let answer = try await callee.answer(offer, hold: false)
        try await caller.accept(answer)
        // The callee plays its announcement as early media.
        await callee.setActive(true)
        if earlyMedia { await caller.setEarlyMedia(true) }
        try await Task.sleep(for: .seconds(1.2))
        await caller.close()
        await callee.close()
        try await Task.sleep(for: .milliseconds(100))
        let heard = try files.heard("caller")
        let calleeHeard = try files.heard("callee")
        return (heard, calleeHeard)
    }

    static func level(_ samples: [Int16]) -> Double {
        guard !samples.isEmpty else { return -120 }
        let power = samples.reduce(0.0) { $0 + Double($1) * Double($1) } / Double(samples.count)
        return 10 * log10(max(power, 1e-9) / (32768.0 * 32768.0))
    }

    @Test func earlyMediaPlaysTheCalleeButSendsNothing() async throws {
        let (heard, calleeHeard) = try await callerHears(earlyMedia: true)
        #expect(Self.level(Array(heard.suffix(4000))) > -25, "the caller hears the announcement")
        #expect(Self.level(calleeHeard) < -60, "the caller's microphone stays private until the answer")
    }

    @Test func withoutEarlyMediaTheCallerHearsNothingBeforeTheAnswer() async throws {
        let (heard, _) = try await callerHears(earlyMedia: false)
        #expect(Self.level(heard) < -60)
    }
}
