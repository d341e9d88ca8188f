import Foundation
import Testing
import TestLab

/// STUN for the Contact through a real NAT: pipit behind the cone router registers with a
/// registrar (SIPp in the public namespace) that copies our Via as sent, with no
/// `received`/`rport`. A STUN request from the SIP socket to coturn names the router's
/// public address and port, which pipit registers instead of its private one.
@Suite(.timeLimit(.minutes(1)), .serialized)
struct NATLabSTUNContactTests {
    @Test func theRegistrarWithoutReceivedGetsTheSTUNAddress() async throws {
        try await Lab.run { lab in
            let nat = try await lab.startNATTopology()
            let home = try #require(nat.home("cone"))
            let ok = [RegistrarSteps.receive, RegistrarSteps.ok]
            let sipp = try await lab.startSIPp("registrar", scenario: RegistrarSteps.scenario(Array(repeating: ok, count: 3).flatMap { $0 }),
                                               in: nat.publicNamespace, host: nat.network.publicGateway)
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pipit-natlab-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: dir) }
            let testHome = try TestHome(config: """
                [general]
                log_level = "debug"
                [network]
                listen = ["udp:\(home.client.address):5060"]
                stun_server = "\(nat.stunServer)"
                [audio]
                backend = "null"
                [[account]]
                name = "alice"
                uri = "sip:alice@\(nat.network.publicGateway)"
                registrar = "sip:\(sipp.address)"
                transport = "udp"
                """)
            let pipit = try HeadlessProcess(["--headless"], home: testHome.url, namespace: home.client.namespace)
            do {
                try await pipit.waitForLine("alice registered", timeout: .seconds(15)) { $0.hasPrefix("account alice: registered") }
                pipit.send("quit")
                if (try? await pipit.waitForExit(timeout: .seconds(5))) == nil { pipit.kill(SIGKILL) }
            } catch {
                pipit.kill(SIGKILL)
                throw error
            }
            let result = try await sipp.result()
            #expect(result.succeeded, "\(result.errors)")
            var seen = Set<String>()
            let registers = result.traced(.received) { $0.method == "REGISTER" }.filter { seen.insert($0.header("CSeq") ?? "").inserted }
            try #require(registers.count == 3, "\(registers.map(\.text))")
            #expect(registers[0].text.contains("<sip:alice@\(home.client.address):5060>"), "\(registers[0].text)")
            // The cone router keeps the port: the STUN-learned address is its public one.
            #expect(registers[1].text.contains("<sip:alice@\(home.publicAddress):5060>"), "\(registers[1].text)")
            #expect(registers[1].text.contains("<sip:alice@\(home.client.address):5060>;expires=0"), "\(registers[1].text)")
            #expect(registers[2].text.contains("<sip:alice@\(home.publicAddress):5060>;expires=0"), "\(registers[2].text)")
        }
    }
}

/// SIPp registrar steps that answer with our Via copied as it was (no `received`).
enum RegistrarSteps {
    static let receive = "  <recv request=\"REGISTER\" />\n"
    static let ok = """
          <send>
            <![CDATA[
              SIP/2.0 200 OK
              [last_Via:]
              [last_From:]
              [last_To:];tag=[pid]SIPpTag01[call_number]
              [last_Call-ID:]
              [last_CSeq:]
              Expires: 60
              Content-Length: 0

            ]]>
          </send>

        """

    static func scenario(_ steps: [String]) -> SIPp.Scenario {
        .xml("<?xml version=\"1.0\" encoding=\"ISO-8859-1\" ?>\n<scenario name=\"registrar without received\">\n"
             + steps.joined() + "</scenario>\n")
    }
}
