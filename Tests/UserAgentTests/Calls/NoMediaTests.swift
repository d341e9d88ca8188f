import Audio
import Foundation
import Media
import Testing
import TestLab
@testable import UserAgent

/// A call that hears nothing gets a diagnosis the user can act on, once.
@Suite(.timeLimit(.minutes(1)), .serialized)
struct NoMediaTests {
    static func account() throws -> AccountConfig {
        var account = try #require(AccountConfig.local(user: "x", listen: ["udp:127.0.0.1:0"]))
        account.codecs = ["pcmu"]
        return account
    }

    /// Two sessions on one engine: the callee answers but never goes active (sends
    /// nothing) until told; the caller's diagnosis names the silent peer, then stays quiet.
    @Test func sessionDiagnosesASilentPeerOnce() async throws {
        let engine = try MediaEngine()
        defer { engine.stop() }
        var audio = AudioSettings()
        audio.backend = .file
        let account = try Self.account()
        let caller = try await EngineMedia(engine: engine, ports: 45000...45999, audio: audio)
            .makeSession(account: account, localAddress: "127.0.0.1")
        let callee = try await EngineMedia(engine: engine, ports: 46000...46999, audio: audio)
            .makeSession(account: account, localAddress: "127.0.0.1")
        #expect(await caller.diagnoseNoMedia() == nil, "no stream yet: nothing to judge")
        try await caller.accept(try await callee.answer(try await caller.makeOffer(hold: false), hold: false))
        await caller.setActive(true)
        try await Task.sleep(for: .milliseconds(300))
        let reason = try #require(await caller.diagnoseNoMedia())
        #expect(reason.hasPrefix("no RTP arrived from 127.0.0.1:46"), "\(reason)")
        #expect(reason.contains("TURN server"), "no NAT servers configured: the fix names one")
        #expect(await caller.diagnoseNoMedia() == nil, "said once per call")

        // A call that hears its peer gets no diagnosis.
        let other = try await EngineMedia(engine: engine, ports: 47000...47999, audio: audio)
            .makeSession(account: account, localAddress: "127.0.0.1")
        let answered = try await EngineMedia(engine: engine, ports: 48000...48999, audio: audio)
            .makeSession(account: account, localAddress: "127.0.0.1")
        try await other.accept(try await answered.answer(try await other.makeOffer(hold: false), hold: false))
        await other.setActive(true)
        await answered.setActive(true)
        // The stream publishes its figures about once a second.
        try await Task.sleep(for: .milliseconds(1300))
        #expect(await other.packetsReceived() > 0)
        #expect(await other.diagnoseNoMedia() == nil)
        for session in [caller, callee, other, answered] { await session.close() }
    }

    /// Through the user agent: SIPp answers and never sends RTP; five seconds later the
    /// call reports `noMedia` with the reason.
    @Test func userAgentReportsNoMedia() async throws {
        try await Lab.run { lab in
            let sipp = try await lab.startSIPp(scenario: .acceptingInvite(expectBye: true))
            let engine = try MediaEngine()
            defer { engine.stop() }
            var audio = AudioSettings()
            audio.backend = .file
            let alice = try await TestPhone.start("alice", timing: CallMachine.Timing(),
                                                  media: EngineMedia(engine: engine, ports: 49000...49999, audio: audio))
            await alice.send(.call(target: "sip:bob@\(sipp.address)", account: nil))
            _ = try await alice.waitForState(.established)
            let event = try await alice.log.waitFor("no media", timeout: .seconds(9)) {
                if case .noMedia = $0 { true } else { false }
            }
            guard case .noMedia(let call, let reason) = event else { return }
            #expect(call == 1)
            #expect(reason.hasPrefix("no RTP arrived from 127.0.0.1:"), "\(reason)")
            await alice.send(.hangup(call: nil))
            _ = try await alice.waitForState(.terminated)
            #expect(try await sipp.result().succeeded)
            await alice.stop()
        }
    }
}
