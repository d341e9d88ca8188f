import Foundation
import Testing

/// The contracts of the `pipit` command line that users and scripts rely on.
@Suite struct CLITests {
    @Test func noArgumentsWithoutATerminalStartsCommandMode() throws {
        let home = try TestHome.local("alice")
        let r = try PipitBinary.run([], environment: ["XDG_CONFIG_HOME": home.url.appendingPathComponent("config").path,
                                                      "XDG_DATA_HOME": home.url.appendingPathComponent("data").path])
        #expect(r.status == 0)
        #expect(r.stderr.contains("command mode"))
        #expect(r.text.contains("listening on udp:127.0.0.1:"))
    }

    @Test func versionAndHelp() throws {
        let version = try PipitBinary.run(["--version"])
        #expect(version.status == 0)
        #expect(version.text.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".").count == 3)
        let help = try PipitBinary.run(["--help"])
        #expect(help.status == 0)
        #expect(help.text.contains("debug") && help.text.contains("--headless") && help.text.contains("--json"))
        let debugHelp = try PipitBinary.run(["debug", "--help"])
        #expect(debugHelp.text.contains("parse-sip") && debugHelp.text.contains("parse-sdp"))
    }

    @Test func parseSIPPrintsTheNormalizedMessage() throws {
        let r = try PipitBinary.run(["debug", "parse-sip", PipitBinary.vector("rfc4475", "wsinv")])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.text.hasPrefix("INVITE sip:vivekg@chair-dnrc.example.com;unknownparam SIP/2.0\n"))
        #expect(r.text.contains("\nVia: SIP/2.0/TCP spindle.example.com;branch=z9hG4bK9ikj8\n"))
        #expect(r.text.contains("\nCSeq: 9 INVITE\n"))
        #expect(r.stderr.isEmpty)
    }

    @Test func parseSIPReadsStandardInput() throws {
        let message = "OPTIONS sip:bob@example.com SIP/2.0\r\nv: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK1\r\n"
            + "f: <sip:a@example.com>;tag=1\r\nt: <sip:bob@example.com>\r\ni: x@y\r\nCSeq: 1 OPTIONS\r\n"
            + "Max-Forwards: 70\r\nl: 0\r\n\r\n"
        let r = try PipitBinary.run(["debug", "parse-sip", "-"], stdin: Array(message.utf8))
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.text.contains("\nCall-ID: x@y\n"))
    }

    @Test func parseSIPNamesTheOffsetOfAMalformedMessage() throws {
        let r = try PipitBinary.run(["debug", "parse-sip", PipitBinary.vector("rfc4475", "ltgtruri")])
        #expect(r.status == 1)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("at byte 7"))
    }

    @Test func parseSIPFailsOnAFatalProblemAndWarnsOnAnIgnorableOne() throws {
        let version = try PipitBinary.run(["debug", "parse-sip", PipitBinary.vector("rfc4475", "badvers")])
        #expect(version.status == 1)
        #expect(version.stderr.contains("SIP/7.0") && version.stderr.contains("505"))
        let date = try PipitBinary.run(["debug", "parse-sip", PipitBinary.vector("rfc4475", "baddate")])
        #expect(date.status == 0)
        #expect(date.stderr.contains("warning: Date"))
    }

    @Test func parseSDPPrintsCanonicalFormOrTheFaultyLine() throws {
        let sdp = "v=0\no=- 1 1 IN IP4 192.0.2.1\ns=-\nc=IN IP4 192.0.2.1\nt=0 0\nm=audio 4000 RTP/AVP 0\n"
        let ok = try PipitBinary.run(["debug", "parse-sdp", "-"], stdin: Array(sdp.utf8))
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(ok.text == sdp.replacingOccurrences(of: "\n", with: "\r\n"))
        let bad = try PipitBinary.run(["debug", "parse-sdp", "-"], stdin: Array((sdp + "m=audio x RTP/AVP 0\n").utf8))
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("line 7"), "\(bad.stderr)")
    }

    @Test func aMissingFileIsAUsageErrorNotACrash() throws {
        let r = try PipitBinary.run(["debug", "parse-sip", "/nonexistent/msg.txt"])
        #expect(r.status != 0)
        #expect(r.stderr.contains("cannot open"))
    }
}
