import Glibc
import NIOPosix
import SIPStack
import Testing
import TestLab
@testable import UserAgent

/// `reload` of `[network] listen`: the listeners move without a restart when no call is up,
/// the accounts register again from the new address, and an address that cannot be bound
/// leaves the old listeners in place.
@Suite(.timeLimit(.minutes(1)))
struct ReloadListenTests {
    static func account(_ registrar: String) -> String {
        """
        [[account]]
        name = "carol"
        uri = "sip:carol@\(registrar)"
        password = "c-pw"
        registrar = "sip:\(registrar)"
        """
    }

    @Test func listenersMoveAndTheAccountRegistersFromTheNewAddress() async throws {
        try await Lab.run { lab in
            let kamailio = try await lab.startKamailio(users: ["carol": "c-pw"])
            let phone = try await ConfigFilePhone.start("[network]\nlisten = [\"udp:127.0.0.1:0\"]\n" + Self.account(kamailio.address))
            let (ua, log) = (phone.ua, phone.log)
            try await log.waitFor("registered", timeout: .seconds(5)) {
                if case .registration("carol", .registered) = $0 { true } else { false }
            }
            #expect(try await ua.stack.transport.boundListeners().get().map(\.address) == ["127.0.0.1"])

            await log.reset()
            try phone.rewrite("[network]\nlisten = [\"udp:127.0.0.2:0\", \"tcp:127.0.0.2:0\"]\n" + Self.account(kamailio.address))
            await ua.handle(.reload)
            try await log.waitFor("summary", timeout: .seconds(5)) {
                if case .info(let text) = $0 { text.contains("applied network.listen") } else { false }
            }
            try await log.waitFor("registered again", timeout: .seconds(5)) {
                if case .registration("carol", .registered) = $0 { true } else { false }
            }
            let bound = try await ua.stack.transport.boundListeners().get()
            #expect(bound.map(\.address) == ["127.0.0.2", "127.0.0.2"], "the old listener is closed, the new ones open")
            #expect(await ua.listeners == bound)
            let contact = await ua.registrations["carol"]?.contact
            #expect(contact.map { "\($0)" }?.contains("127.0.0.2") == true, "the Contact is on the new address: \(String(describing: contact))")
            await ua.shutdown(grace: .seconds(2))
        }
    }

    /// A listen address that is taken: the error names it, the old listener still takes
    /// calls, and the account registers again (its registration was stopped for the move).
    @Test func anAddressInUseLeavesTheOldListeners() async throws {
        try await Lab.run { lab in try await addressInUse(lab) }
    }

    func addressInUse(_ lab: Lab) async throws {
        let kamailio = try await lab.startKamailio(users: ["carol": "c-pw"])
        let taken = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        defer { close(taken) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(taken, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        #expect(bound == 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(taken, $0, &length) }
        }
        let port = UInt16(bigEndian: address.sin_port)

        let local = "[[account]]\nname = \"alice\"\nuri = \"sip:alice@127.0.0.1\"\nregister = false\ncodecs = [\"pcmu\"]\n"
            + Self.account(kamailio.address) + "\n"
        let phone = try await ConfigFilePhone.start("[network]\nlisten = [\"udp:127.0.0.1:0\"]\n" + local)
        let (ua, log) = (phone.ua, phone.log)
        try await log.waitFor("registered", timeout: .seconds(5)) {
            if case .registration("carol", .registered) = $0 { true } else { false }
        }
        let before = try await ua.stack.transport.boundListeners().get()
        await log.reset()
        try phone.rewrite("[network]\nlisten = [\"tcp:127.0.0.1:0\", \"udp:127.0.0.1:\(port)\"]\n" + local)
        await ua.handle(.reload)
        let error = try await log.waitFor("the error", timeout: .seconds(5)) { if case .error = $0 { true } else { false } }
        #expect("\(error)".contains("cannot listen on udp:127.0.0.1:\(port)"), "\(error)")
        let after = try await ua.stack.transport.boundListeners().get()
        #expect(after.map(\.spec) == before.map(\.spec), "the old listener is back, the new TCP one closed again")
        #expect(await ua.listeners.map(\.spec) == before.map(\.spec))
        try await log.waitFor("registered again", timeout: .seconds(5)) {
            if case .registration("carol", .registered) = $0 { true } else { false }
        }

        // And it takes a call.
        let bob = try await TestPhone.start("bob")
        await bob.send(.call(target: "sip:alice@127.0.0.1:\(after.first?.port ?? 0)", account: nil))
        try await log.waitFor("the call rings", timeout: .seconds(5)) {
            if case .call(let c) = $0 { c.state == .incoming } else { false }
        }
        await bob.stop()
        await ua.shutdown(grace: .seconds(2))
    }
}
