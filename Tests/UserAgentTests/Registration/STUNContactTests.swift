import Foundation
import NAT
import Synchronization
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

    /// While registered, the STUN check of the keep-alive cadence sees the NAT move us:
    /// the account registers again at the new address and says its public address
    /// changed (calls then restart ICE).
    @Test func aMoveSeenByTheSTUNCheckRegistersAgain() async throws {
        try await Lab.run { lab in
            let stun = try FakeSTUNServer(mappedHost: "192.0.2.9")
            defer { stun.stop() }
            let ok = [RegistrarScenarios.receive, RegistrarScenarios.respond(200, "OK", ["Expires: 60"])]
            let sipp = try await lab.startSIPp(scenario: RegistrarScenarios.scenario("NAT moves", Array(repeating: ok, count: 5).flatMap { $0 }))
            let changes = Mutex(0)
            let pipit = try await RegistrationHarness(registrar: sipp.address) {
                $0.stunServer = TransportAddress(host: "127.0.0.1", port: stun.port)
                $0.udpKeepAlive = .milliseconds(200)
                $0.onPublicAddressChange = { changes.withLock { $0 += 1 } }
            }
            await pipit.registration.start()
            _ = try await pipit.waitForRegistered()
            #expect(try #require(await pipit.registration.contact).host.description == "192.0.2.9")
            try await Task.sleep(for: .milliseconds(500))
            #expect(changes.withLock { $0 } == 0, "the first rebinding is no change of network")
            stun.move(to: "192.0.2.10")
            for _ in 0..<100 where await pipit.registration.contact?.host.description != "192.0.2.10" {
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(await pipit.registration.contact?.host.description == "192.0.2.10")
            #expect(changes.withLock { $0 } == 1)
            #expect(pipit.log.contains { $0.contains("the STUN server now sees the SIP socket at 192.0.2.10:") }, "\(pipit.log)")
            await pipit.registration.stop()
            let result = try await sipp.result()
            #expect(result.succeeded, "\(result.errors)")
            let registers = SIPpRegistrationTests.registers(result)
            try #require(registers.count == 5)
            #expect(registers[3].text.contains("@192.0.2.10:"), "\(registers[3].text)")
            #expect(registers[3].text.contains("@192.0.2.9:") && registers[3].text.contains(";expires=0"), "\(registers[3].text)")
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
