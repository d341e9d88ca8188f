import Foundation
import SIPMessage
import SIPStack
import TestLab
import Testing

@testable import UserAgent

/// AccountRegistration against Kamailio with digest authentication.
@Suite(.timeLimit(.minutes(1))) struct KamailioRegistrationTests {
    static func isOurs(_ contact: NameAddress, _ ours: SIPURI?) -> Bool {
        guard let ours, case .sip(let uri) = contact.uri else { return false }
        return uri.isEquivalent(to: ours)
    }

    @Test(arguments: [SIPTransport.udp, .tcp, .tls])
    func registersWithDigestAndUnregistersOnStop(_ transport: SIPTransport) async throws {
        try await Lab.run { lab in
            let kamailio = try await lab.startKamailio(users: ["alice": "s3cret"], transports: [.udp, .tcp, .tls])
            let listener = try #require(kamailio.listener(transport == .tls ? .tls : .udp))
            let pipit = try await RegistrationHarness(registrar: listener.address, transport: transport, expires: 300,
                                                      caFile: kamailio.certificateAuthority?.certificate.path)
            await pipit.registration.start()
            let granted = try await pipit.waitForRegistered()
            #expect(granted == 300)
            let contact = try #require(await pipit.registration.contact)
            #expect(contact.transport == (transport == .udp ? nil : transport))
            #expect(contact.user == "alice")
            let name = transport.description.lowercased()
            let events = kamailio.events().filter { $0.method == "REGISTER" }.map { "\($0.status) \($0.transport)" }
            // A UDP retransmission under load may be challenged twice; we sent two requests.
            #expect(events.first == "401 \(name)" && events.last == "200 \(name)", "\(events)")
            #expect(Set(events) == ["401 \(name)", "200 \(name)"], "\(events)")
            #expect(pipit.sentCount == 2)

            // The binding is in Kamailio's location table.
            let bound = try await BindingQuery.contacts(user: "alice", password: "s3cret", registrar: kamailio.address)
            #expect(bound.contains { Self.isOurs($0, contact) }, "\(bound)")

            await pipit.registration.stop()
            #expect(await pipit.registration.state == .unregistered)
            #expect(pipit.states.suffix(2) == [.unregistering, .unregistered])
            let after = try await BindingQuery.contacts(user: "alice", password: "s3cret", registrar: kamailio.address)
            #expect(!after.contains { Self.isOurs($0, contact) }, "\(after)")
            #expect(!pipit.log.joined().contains("s3cret"), "the password never shows in the log")
            #expect(!pipit.log.joined().contains("Digest"), "nor do credentials")
            await pipit.shutdown()
        }
    }

    @Test func refreshesAreSeenOnTheWireAndAuthorizedUpFront() async throws {
        try await Lab.run { lab in
            let kamailio = try await lab.startKamailio(users: ["alice": "s3cret"], transports: [.udp])
            // Kamailio grants at least 60 s; refresh at 5 % of it (3 s) to see refreshes soon.
            let pipit = try await RegistrationHarness(registrar: kamailio.address, expires: 60) {
                $0.policy.refreshWindow = 0.05...0.05
            }
            await pipit.registration.start()
            _ = try await pipit.waitForRegistered()
            try await Poll.until("two refreshes", timeout: .seconds(15)) {
                kamailio.events().filter { $0.method == "REGISTER" && $0.status == 200 }.count >= 3
            }
            let statuses = kamailio.events().filter { $0.method == "REGISTER" }.map(\.status)
            let firstOK = try #require(statuses.firstIndex(of: 200))
            #expect(!statuses[firstOK...].contains(401), "refreshes carry credentials up front: \(statuses)")
            #expect(pipit.states.contains(.refreshing(expires: 60)))
            await pipit.registration.stop()
            await pipit.shutdown()
        }
    }

    @Test(arguments: [SIPTransport.udp, .tcp])
    func recoversWhenKamailioRestarts(_ transport: SIPTransport) async throws {
        try await Lab.run { lab in
            let first = try await lab.startKamailio(users: ["alice": "s3cret"], transports: [.udp, .tcp])
            let pipit = try await RegistrationHarness(registrar: first.address, transport: transport, expires: 60) {
                $0.policy.refreshWindow = 0.05...0.05  // refresh after 3 s
                $0.policy.backoffBase = .milliseconds(250)
            }
            await pipit.registration.start()
            _ = try await pipit.waitForRegistered()
            _ = await first.process.stop()
            // UDP: the refresh fails (nothing listens); TCP: the connection drops at once.
            // Then back-off and retries…
            try await pipit.waitFor("failed with a retry", timeout: .seconds(15)) {
                if case .failed(_, _, .some) = $0 { return true }
                return false
            }
            let second = try await lab.startKamailio(first.configuration)
            do {
                try await second.waitFor(200, "REGISTER", user: "alice", timeout: .seconds(15))
            } catch {
                Issue.record("states: \(pipit.states)\nlog: \(pipit.log.joined(separator: "\n"))")
                throw error
            }
            try await Poll.until("registered again", timeout: .seconds(5)) {
                if case .registered = pipit.states.last { return true }
                return false
            }
            if transport == .tcp {
                #expect(pipit.log.contains { $0.contains("went down") }, "the connection's loss is noticed at once")
            }
            let contact = try #require(await pipit.registration.contact)
            let bound = try await BindingQuery.contacts(user: "alice", password: "s3cret", registrar: second.address)
            #expect(bound.contains { Self.isOurs($0, contact) }, "\(bound)")
            await pipit.registration.stop()
            await pipit.shutdown()
        }
    }

    @Test func registersThroughTheOutboundProxy() async throws {
        try await Lab.run { lab in
            let kamailio = try await lab.startKamailio(users: ["alice": "s3cret"], transports: [.udp])
            // The AoR's domain (127.0.0.1, port 5060) is not where Kamailio listens: only the
            // Route to the outbound proxy gets the REGISTER there.
            let pipit = try await RegistrationHarness(registrar: "unused", outboundProxy: kamailio.address)
            await pipit.registration.start()
            _ = try await pipit.waitForRegistered()
            let contact = try #require(await pipit.registration.contact)
            let bound = try await BindingQuery.contacts(user: "alice", password: "s3cret", registrar: kamailio.address)
            #expect(bound.contains { Self.isOurs($0, contact) }, "\(bound)")
            // `refresh()` registers again now, with the credentials already in hand.
            await pipit.registration.refresh()
            try await Poll.until("registered again after refresh()", timeout: .seconds(5)) {
                pipit.states.filter { if case .registered = $0 { true } else { false } }.count >= 2
            }
            #expect(pipit.states.contains(.refreshing(expires: 60)))
            #expect(pipit.sentCount == 3)
            await pipit.registration.stop()
            await pipit.shutdown()
        }
    }

    @Test func theTCPConnectionIsKeptAlive() async throws {
        try await Lab.run { lab in
            let kamailio = try await lab.startKamailio(users: ["alice": "s3cret"], transports: [.tcp])
            let pipit = try await RegistrationHarness(registrar: kamailio.address, transport: .tcp, expires: 300) {
                $0.connectionKeepAlive = .milliseconds(300)
            }
            await pipit.registration.start()
            _ = try await pipit.waitForRegistered()
            try await Poll.until("CRLF pongs on the registration's connection", timeout: .seconds(5)) { pipit.pongs >= 2 }
            #expect(pipit.sentCount == 2, "the connection stays up: no re-registration")
            await pipit.registration.stop()
            await pipit.shutdown()
        }
    }

    @Test func aWrongPasswordStopsAndSaysSo() async throws {
        try await Lab.run { lab in
            let kamailio = try await lab.startKamailio(users: ["alice": "s3cret"], transports: [.udp])
            let pipit = try await RegistrationHarness(password: "Zz-wrong-9", registrar: kamailio.address)
            await pipit.registration.start()
            let state = try await pipit.waitFor("failed") {
                if case .failed = $0 { return true }
                return false
            }
            guard case .failed(let reason, 401, nil) = state else { Issue.record("\(state)"); return }
            #expect(reason.contains("wrong user name or password"))
            #expect(!reason.contains("Zz-wrong-9"))
            try await Task.sleep(for: .milliseconds(500))
            #expect(pipit.sentCount == 2, "one answer to the challenge, then no more")
            #expect(!pipit.log.joined().contains("Zz-wrong-9"))
            await pipit.registration.stop()
            #expect(pipit.sentCount == 2, "nothing bound: no unregistration")
            await pipit.shutdown()
        }
    }
}
