import Audio
import Foundation
import Media
import Testing
@testable import UserAgent

/// dtmf = "inband": keys go out as tones in the audio and the peer's tones are detected,
/// over a narrowband and a wideband codec.
@Suite(.timeLimit(.minutes(1)), .serialized)
struct InbandDTMFTests {
    @Test(arguments: ["pcmu", "opus"])
    func keysAsTonesBothWays(codec: String) async throws {
        let engine = try MediaEngine()
        defer { engine.stop() }
        var account = try #require(AccountConfig.local(user: "x", listen: ["udp:127.0.0.1:0"]))
        account.codecs = [codec]   // no telephone-event offered either way
        account.dtmf = .inband
        var audio = AudioSettings()
        audio.backend = .file
        let (events, sink) = AsyncStream.makeStream(of: MediaEvent.self)
        let caller = try await EngineMedia(engine: engine, ports: 45000...45999, audio: audio)
            .makeSession(account: account, localAddress: "127.0.0.1")
        let callee = try EngineSession(engine: engine, sockets: MediaSocket.bindPair(host: "127.0.0.1", ports: 46000...46999),
                                             account: account, localAddress: "127.0.0.1", audio: audio, input: nil,
                                             events: { sink.yield($0) })
        try await caller.accept(try await callee.answer(try await caller.makeOffer(hold: false), hold: false))
        await caller.setActive(true)
        await callee.setActive(true)
        try await Task.sleep(for: .milliseconds(200))
        try await caller.sendInbandDigits("15*#9")
        var heard = ""
        let deadline = ContinuousClock.now + .seconds(5)
        for await event in events {
            if case .call(_, .digit(let key)) = event { heard.append(key) }
            if heard.count == 5 || ContinuousClock.now > deadline { break }
        }
        #expect(heard == "15*#9")
        await caller.close()
        await callee.close()
    }
}
