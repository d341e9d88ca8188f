import Foundation
import SIPMessage
import SIPStack
import TestLab
import Testing

@testable import UserAgent

#if canImport(Glibc)
import Glibc
#endif

/// AccountRegistration against SIPp registrars that answer in scripted ways.
@Suite(.timeLimit(.minutes(1))) struct SIPpRegistrationTests {
    /// The REGISTERs SIPp received, one per CSeq: a retransmission (a loaded machine
    /// answers late) is the same request, not another attempt.
    static func registers(_ result: SIPp.Result) -> [SIPp.TracedMessage] {
        var seen: Set<String> = []
        return result.traced(.received) { $0.method == "REGISTER" }.filter { seen.insert($0.header("CSeq") ?? "").inserted }
    }

    @Test func intervalTooBriefRetriesWithMinExpires() async throws {
        try await Lab.run { lab in
            let sipp = try await lab.startSIPp(scenario: RegistrarScenarios.minExpires)
            let pipit = try await RegistrationHarness(password: nil, registrar: sipp.address, expires: 60)
            await pipit.registration.start()
            #expect(try await pipit.waitForRegistered() == 120)
            await pipit.registration.stop()
            let result = try await sipp.result()
            #expect(result.succeeded, "\(result.errors)")
            let registers = Self.registers(result)
            try #require(registers.count == 3)
            #expect(registers[0].text.contains("Expires: 60"))
            #expect(registers[1].text.contains("Expires: 120"))
            #expect(registers[2].text.contains("Expires: 0"))
            await pipit.shutdown()
        }
    }

    @Test(arguments: [(403, "Forbidden", "refuses"), (404, "Not Found", "does not know this user")])
    func finalRefusalsStopWithoutRetry(status: Int, reason: String, says: String) async throws {
        try await Lab.run { lab in
            let sipp = try await lab.startSIPp(scenario: RegistrarScenarios.only(status, reason))
            let pipit = try await RegistrationHarness(registrar: sipp.address)
            await pipit.registration.start()
            let state = try await pipit.waitFor("failed") {
                if case .failed = $0 { return true }
                return false
            }
            guard case .failed(let text, status, nil) = state else { Issue.record("\(state)"); return }
            #expect(text.contains(says))
            try await Task.sleep(for: .milliseconds(600))  // three back-offs' worth: nothing more
            #expect(pipit.sentCount == 1)
            await pipit.registration.stop()
            #expect(pipit.sentCount == 1, "nothing was bound")
            #expect(await pipit.registration.state == .unregistered)
            #expect(try await sipp.result().succeeded)
            await pipit.shutdown()
        }
    }

    @Test func serviceUnavailableRetriesAfterRetryAfter() async throws {
        try await Lab.run { lab in
            let sipp = try await lab.startSIPp(scenario: RegistrarScenarios.retryAfter)
            let pipit = try await RegistrationHarness(registrar: sipp.address)
            await pipit.registration.start()
            #expect(try await pipit.waitForRegistered(timeout: .seconds(5)) == 60)
            #expect(pipit.states.contains(.failed(reason: "503 Service Unavailable", code: 503, retryIn: .seconds(1))))
            await pipit.registration.stop()
            let result = try await sipp.result()
            #expect(result.succeeded, "\(result.errors)")
            let gaps = result.gaps(.received) { $0.method == "REGISTER" }
            try #require(gaps.count == 2)
            #expect((0.95...1.5).contains(gaps[0]), "\(gaps)")
            await pipit.shutdown()
        }
    }

    @Test func noAnswerTimesOutAndBacksOff() async throws {
        try await Lab.run { _ in
            let silent = try SilentUDPSocket()
            defer { silent.close() }
            let pipit = try await RegistrationHarness(registrar: "127.0.0.1:\(silent.port)", t1: .milliseconds(20)) {
                $0.policy.backoffBase = .seconds(10)
            }
            let started = ContinuousClock.now
            await pipit.registration.start()
            let state = try await pipit.waitFor("failed", timeout: .seconds(5)) {
                if case .failed = $0 { return true }
                return false
            }
            guard case .failed(let reason, nil, let retryIn?) = state else { Issue.record("\(state)"); return }
            #expect(reason.contains("no response"), "\(reason)")
            #expect(ContinuousClock.now - started >= .milliseconds(1200), "Timer F is 64·T1")
            #expect((Duration.seconds(10)...Duration.seconds(20)).contains(retryIn))
            await pipit.registration.stop()
            #expect(await pipit.registration.state == .unregistered)
            await pipit.shutdown()
        }
    }

    @Test func stopWaitsAtMostTheUnregisterTimeout() async throws {
        try await Lab.run { lab in
            let sipp = try await lab.startSIPp(scenario: RegistrarScenarios.silentOnUnregister)
            let pipit = try await RegistrationHarness(registrar: sipp.address, t1: .milliseconds(200))
            await pipit.registration.start()
            _ = try await pipit.waitForRegistered()
            let started = ContinuousClock.now
            await pipit.registration.stop()
            let took = ContinuousClock.now - started
            #expect(took >= .milliseconds(1900) && took < .seconds(3), "\(took)")
            #expect(await pipit.registration.state == .unregistered)
            #expect(pipit.sentCount == 2)
            await pipit.shutdown()
        }
    }

    @Test func aShortenedGrantIsRefreshedAndOtherContactsAreLeftAlone() async throws {
        try await Lab.run { lab in
            let sipp = try await lab.startSIPp(scenario: RegistrarScenarios.shortGrantWithAnotherContact)
            let pipit = try await RegistrationHarness(registrar: sipp.address, expires: 600) {
                $0.policy.refreshMargin = 0
            }
            await pipit.registration.start()
            #expect(try await pipit.waitForRegistered() == 2)
            try await Poll.until("a refresh", timeout: .seconds(5)) {
                pipit.states.contains(.refreshing(expires: 2))
            }
            _ = try await pipit.waitFor("registered again") { _ in
                pipit.states.filter { $0 == .registered(expires: 2) }.count >= 2
            }
            await pipit.registration.stop()
            let result = try await sipp.result()
            #expect(result.succeeded, "\(result.errors)")
            let registers = Self.registers(result)
            try #require(registers.count == 3)
            let gaps = result.gaps(.received) { $0.method == "REGISTER" }
            #expect((1.55...2.0).contains(gaps[0]), "refresh at 80–90 % of 2 s: \(gaps)")
            for register in registers {
                #expect(!register.text.contains("10.9.9.9"), "the other device's binding is not ours to touch")
                #expect(!register.text.contains("Contact: *"))
            }
            #expect(registers[2].text.contains(";expires=0"))
            await pipit.shutdown()
        }
    }

    @Test func aViaReceivedElsewhereMovesTheContact() async throws {
        try await Lab.run { lab in
            let sipp = try await lab.startSIPp(scenario: RegistrarScenarios.natRebinding)
            let pipit = try await RegistrationHarness(registrar: sipp.address)
            await pipit.registration.start()
            _ = try await pipit.waitForRegistered()
            let contact = try #require(await pipit.registration.contact)
            #expect(contact.host.description == "192.0.2.7")
            await pipit.registration.stop()
            let result = try await sipp.result()
            #expect(result.succeeded, "\(result.errors)")
            let registers = Self.registers(result)
            try #require(registers.count == 3)
            let moved = registers[1].text
            #expect(moved.contains("<sip:alice@192.0.2.7:\(contact.port ?? 0)>"), "\(moved)")
            #expect(moved.contains("<sip:alice@127.0.0.1:\(contact.port ?? 0)>;expires=0"), "\(moved)")
            #expect(registers[2].text.contains("<sip:alice@192.0.2.7:\(contact.port ?? 0)>;expires=0"))
            #expect(!registers[2].text.contains("127.0.0.1:\(contact.port ?? 0)>"))
            await pipit.shutdown()
        }
    }
}

/// A bound UDP socket that reads nothing: requests to it time out.
struct SilentUDPSocket {
    let fd: Int32
    let port: Int

    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        guard fd >= 0 else { throw LabError.noFreePort }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard bound == 0, named == 0 else {
            _ = Glibc.close(fd)
            throw LabError.noFreePort
        }
        self.fd = fd
        self.port = Int(UInt16(bigEndian: address.sin_port))
    }

    func close() { _ = Glibc.close(fd) }
}
