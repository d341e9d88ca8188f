import Testing
import TestLab
@testable import UserAgent

/// OPTIONS (RFC 3261 §11): what pipit takes, asked by a hand-written request.
@Suite(.timeLimit(.minutes(1)))
struct OptionsTests {
    @Test func optionsListsMethodsBodiesAndExtensions() async throws {
        let alice = try await TestPhone.start("alice")
        let request = SIPProbe.request("OPTIONS", user: "alice", transport: .udp, host: "127.0.0.1", port: Int(alice.port))
        let response = try SIPProbe.exchange(request, transport: .udp, host: "127.0.0.1", port: Int(alice.port))
        let lines = response.split(separator: "\r\n").map(String.init)
        #expect(lines.first == "SIP/2.0 200 OK")
        func header(_ name: String) -> String? {
            lines.first { $0.lowercased().hasPrefix(name.lowercased() + ":") }
                .map { String($0.dropFirst(name.count + 1)).trimmingCharacters(in: .whitespaces) }
        }
        let allow = try #require(header("Allow")).split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        for method in ["INVITE", "ACK", "CANCEL", "BYE", "OPTIONS", "MESSAGE", "REFER", "NOTIFY", "INFO", "UPDATE"] {
            #expect(allow.contains(method), "\(allow)")
        }
        #expect(header("Accept") == "application/sdp, text/plain, message/sipfrag, application/dtmf-relay, application/dtmf")
        #expect(header("Supported") == "replaces")
        #expect(header("Accept-Language") == "en")
        await alice.stop()
    }
}
