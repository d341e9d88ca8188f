import Foundation
import NAT
import SIPMessage
import TestLab
import Testing
@testable import UserAgent

/// STUN for the Contact: a registrar that says nothing of where it saw us (no
/// `received`/`rport`) gets the public address the STUN server saw the SIP socket at; one
/// that does say is believed, and STUN is not asked.
@Suite(.timeLimit(.minutes(1)), .serialized)
struct STUNContactTests {
    /// 200s that copy our Via as it was: no `received`, no `rport` value.
    static let plainRegistrar = RegistrarScenarios.scenario("no received", [
        RegistrarScenarios.receive, RegistrarScenarios.respond(200, "OK", ["Expires: 60"]),
        RegistrarScenarios.receive, RegistrarScenarios.respond(200, "OK", ["Expires: 60"]),
        RegistrarScenarios.receive, RegistrarScenarios.respond(200, "OK", []),
    ])

    @Test func withoutReceivedTheSTUNAddressBecomesTheContact() async throws {
        try await Lab.run { lab in
            let stun = try FakeSTUNServer(mappedHost: "192.0.2.9")
            defer { stun.stop() }
            let sipp = try await lab.startSIPp(scenario: Self.plainRegistrar)
            let pipit = try await RegistrationHarness(registrar: sipp.address) {
                $0.stunServer = TransportAddress(host: "127.0.0.1", port: stun.port)
            }
            await pipit.registration.start()
            _ = try await pipit.waitForRegistered()
            let contact = try #require(await pipit.registration.contact)
            #expect(contact.host.description == "192.0.2.9")
            #expect(pipit.log.contains { $0.contains("the STUN server sees the SIP socket as 192.0.2.9:") }, "\(pipit.log)")
            await pipit.registration.stop()
            let result = try await sipp.result()
            #expect(result.succeeded, "\(result.errors)")
            let registers = SIPpRegistrationTests.registers(result)
            try #require(registers.count == 3)
            let port = contact.port ?? 0
            #expect(registers[0].text.contains("<sip:alice@127.0.0.1:\(port)>"), "\(registers[0].text)")
            #expect(registers[1].text.contains("<sip:alice@192.0.2.9:\(port)>"), "\(registers[1].text)")
            #expect(registers[1].text.contains("<sip:alice@127.0.0.1:\(port)>;expires=0"), "\(registers[1].text)")
            #expect(registers[2].text.contains("<sip:alice@192.0.2.9:\(port)>;expires=0"))
            // The first 200 asked STUN, the second (for the moved Contact) asked again and
            // saw the same address.
            #expect(stun.answered == 2)
            await pipit.shutdown()
        }
    }

    @Test func aRegistrarThatSaysReceivedIsBelievedWithoutSTUN() async throws {
        try await Lab.run { lab in
            let stun = try FakeSTUNServer(mappedHost: "192.0.2.9")
            defer { stun.stop() }
            let sipp = try await lab.startSIPp(scenario: RegistrarScenarios.natRebinding)
            let pipit = try await RegistrationHarness(registrar: sipp.address) {
                $0.stunServer = TransportAddress(host: "127.0.0.1", port: stun.port)
            }
            await pipit.registration.start()
            _ = try await pipit.waitForRegistered()
            #expect(try #require(await pipit.registration.contact).host.description == "192.0.2.7")
            await pipit.registration.stop()
            _ = try await sipp.result()
            #expect(stun.answered == 0)
            await pipit.shutdown()
        }
    }
}
