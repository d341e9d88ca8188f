import Foundation
import Testing

/// `pipit sip:…`: issue 7 item 4.
@Suite(.timeLimit(.minutes(1)))
struct URIHandlerTests {
    @Test func aURIGoesToTheRunningPipit() async throws {
        let aliceHome = try TestHome.local("alice", extra: ScriptTests.nullAudio)
        let bobHome = try TestHome.local("bob", extra: ScriptTests.nullAudio)
        let bob = try HeadlessProcess(["--headless"], home: bobHome.url)
        let alice = try HeadlessProcess(["--headless"], home: aliceHome.url)
        let bobPort = try await bob.listeningPort()
        _ = try await alice.listeningPort()
        try await ControlSocketTests.waitForSocket(aliceHome)
        let handOff = try PipitBinary.run(["sip:%62ob@127.0.0.1:\(bobPort);transport=udp?subject=x"],
                                          environment: ControlSocketTests.environment(aliceHome))
        #expect(handOff.status == 0, "\(handOff.stderr)")
        try await alice.waitForLine("the call") { $0.hasPrefix("call 1:") && $0.contains("sip:bob@127.0.0.1:\(bobPort)") }
        try await bob.waitForLine("incoming call") { $0.contains("incoming call from") && $0.contains("alice") }
        alice.closeInput()
        bob.closeInput()
        #expect(try await alice.waitForExit() == 0)
        #expect(try await bob.waitForExit() == 0)
    }

    @Test func withNoRunningPipitOneStartsAndDials() async throws {
        let aliceHome = try TestHome.local("alice", extra: ScriptTests.nullAudio)
        let bobHome = try TestHome.local("bob", extra: ScriptTests.nullAudio)
        let bob = try HeadlessProcess(["--headless"], home: bobHome.url)
        let bobPort = try await bob.listeningPort()
        // Not on a terminal, so the new pipit runs the command mode.
        let alice = try HeadlessProcess(["sip:bob@127.0.0.1:\(bobPort)"], home: aliceHome.url)
        try await bob.waitForLine("incoming call") { $0.contains("incoming call from") && $0.contains("alice") }
        bob.send("answer")
        try await alice.waitForLine("established") { $0.hasPrefix("call 1: established") }
        alice.send("hangup")
        try await bob.waitForLine("remote hangup") { $0.hasPrefix("call 1: terminated") }
        alice.closeInput()
        bob.closeInput()
        #expect(try await alice.waitForExit() == 0)
        #expect(try await bob.waitForExit() == 0)
    }

    @Test func aBadURIIsRefused() throws {
        let refused = try PipitBinary.run(["sip:bob%0A@example.com"])
        #expect(refused.status == 64)
        #expect(refused.stderr.contains("escaped control character"), "\(refused.stderr)")
    }
}
