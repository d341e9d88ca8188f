import Audio
import Foundation
import Media
import SDP
import TestLab
import Testing
@testable import UserAgent

/// SRTP through hold and resume (RFC 4568 §7.1.4: each new offer and answer carries new
/// keys): two engine sessions in one process on WAV files, SRTP mandatory on both, the
/// offers and answers passed by hand as the dialog would pass them.
@Suite(.timeLimit(.minutes(1)), .serialized)
struct SRTPReofferTests {
    static func keys(_ description: SessionDescription) -> [String] {
        description.media.flatMap(\.cryptos).flatMap { $0.keyParameters.map(\.keySalt) }
    }

    @Test func holdAndResumeCarryNewKeysAndTheAudioGoesOnBothWays() async throws {
        let files = try ToneFiles("srtp")
        defer { files.remove() }
        let engine = try MediaEngine()
        defer { engine.stop() }
        var account = try #require(AccountConfig.local(user: "x", listen: ["udp:127.0.0.1:0"]))
        account.codecs = ["pcmu"]
        account.srtp = .mandatory
        let caller = try await EngineMedia(engine: engine, ports: 47000...47999, audio: files.audio("caller"))
            .makeSession(account: account, localAddress: "127.0.0.1")
        let callee = try await EngineMedia(engine: engine, ports: 48000...48999, audio: files.audio("callee"))
            .makeSession(account: account, localAddress: "127.0.0.1")

        let offer = try await caller.makeOffer(hold: false)
        let answer = try await callee.answer(offer, hold: false)
        try await caller.accept(answer)
        #expect(offer.media.first?.proto == .rtpSAVP && !Self.keys(answer).isEmpty)
        await caller.setActive(true)
        await callee.setActive(true)
        try await Task.sleep(for: .milliseconds(800))

        let hold = try await caller.makeOffer(hold: true)
        let holdAnswer = try await callee.answer(hold, hold: false)
        try await caller.accept(holdAnswer)
        try await Task.sleep(for: .milliseconds(400))

        let resume = try await caller.makeOffer(hold: false)
        let resumeAnswer = try await callee.answer(resume, hold: false)
        try await caller.accept(resumeAnswer)
        try await Task.sleep(for: .milliseconds(1200))
        await caller.close()
        await callee.close()
        try await Task.sleep(for: .milliseconds(100))

        let offered = [offer, hold, resume].map { Set(Self.keys($0)) }
        let answered = [answer, holdAnswer, resumeAnswer].map { Set(Self.keys($0)) }
        #expect(offered.allSatisfy { !$0.isEmpty } && answered.allSatisfy { !$0.isEmpty })
        #expect(offered[0].isDisjoint(with: offered[1]) && offered[1].isDisjoint(with: offered[2]), "every offer has new keys")
        #expect(answered[0].isDisjoint(with: answered[1]) && answered[1].isDisjoint(with: answered[2]), "every answer has new keys")

        // The last 0.6 s of each side's recording: after the resume, with the third keys.
        for (who, frequency) in [("callee", 1000.0), ("caller", 440.0)] {
            let samples = try files.heard(who).suffix(4800).map { Double($0) / 32768 }
            let heard = ToneAnalysis(samples: Array(samples), sampleRate: 8000)
            #expect(abs(heard.frequency - frequency) < 5 && heard.levelDBFS > -20, "\(who) hears \(heard)")
        }
    }
}
