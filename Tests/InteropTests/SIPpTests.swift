import Testing
import TestLab

@Suite struct SIPpTests {
    /// SIPp's built-in UAC places one INVITE call on SIPp's built-in UAS.
    @Test(.timeLimit(.minutes(1)))
    func builtInUACCallsBuiltInUAS() async throws {
        try await Lab.run { lab in
            let uas = try await lab.startSIPp("uas", scenario: .builtin("uas"))
            let uac = try await lab.startSIPp("uac", scenario: .builtin("uac"), remote: uas.address, arguments: ["-s", "bob"])
            let client = try await uac.result()
            let server = try await uas.result()
            #expect(client.succeeded, "uac: \(client.status)\n\(client.errors)")
            #expect(server.succeeded, "uas: \(server.status)\n\(server.errors)")
            #expect(client.messages.contains("INVITE sip:bob@\(uas.address)"))
            #expect(client.messages.contains("SIP/2.0 200 OK"))
            #expect(client.messages.contains("BYE sip:"))
            #expect(client.statistics.contains("SuccessfulCall"))
        }
    }

    /// An XML scenario: an unauthenticated OPTIONS to Kamailio is challenged with 407.
    @Test(.timeLimit(.minutes(1)))
    func optionsToKamailioIsChallenged() async throws {
        try await Lab.run { lab in
            let kamailio = try await lab.startKamailio(users: ["alice": "alice-secret"])
            let uac = try await lab.startSIPp("options", scenario: .xml(Self.optionsScenario), remote: kamailio.address,
                                              arguments: ["-s", "alice"])
            let result = try await uac.result()
            #expect(result.succeeded, "\(result.status)\n\(result.errors)\n\(result.messages)")
            #expect(result.messages.contains("SIP/2.0 407"))
            #expect(kamailio.events().contains { $0.status == 407 && $0.method == "OPTIONS" })
        }
    }

    /// The same over IPv6 loopback: Kamailio listens on [::1] too, SIPp sends from ::1.
    @Test(.timeLimit(.minutes(1)))
    func optionsToKamailioOverIPv6IsChallenged() async throws {
        try await Lab.run { lab in
            let kamailio = try await lab.startKamailio(users: ["alice": "alice-secret"], ipv6: true)
            let remote = try #require(kamailio.ipv6Address)
            let uac = try await lab.startSIPp("options6", scenario: .xml(Self.optionsScenario), host: "::1", remote: remote,
                                              arguments: ["-s", "alice"])
            let result = try await uac.result()
            try #require(result.succeeded, "\(result.status)\n\(result.errors)\n\(result.messages)")
            #expect(result.messages.contains("OPTIONS sip:alice@[::1]:"), "\(result.messages)")
            #expect(kamailio.events().contains { $0.status == 407 && $0.method == "OPTIONS" })
        }
    }

    static let optionsScenario = """
    <?xml version="1.0" encoding="ISO-8859-1" ?>
    <scenario name="OPTIONS challenged">
      <send retrans="500">
        <![CDATA[
          OPTIONS sip:[service]@[remote_ip]:[remote_port] SIP/2.0
          Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
          From: <sip:alice@[remote_ip]:[remote_port]>;tag=[pid]SIPpTag[call_number]
          To: <sip:[service]@[remote_ip]:[remote_port]>
          Call-ID: [call_id]
          CSeq: 1 OPTIONS
          Contact: <sip:alice@[local_ip]:[local_port]>
          Max-Forwards: 70
          Content-Length: 0

        ]]>
      </send>
      <recv response="407" />
    </scenario>
    """
}
