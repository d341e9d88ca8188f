import Foundation
import NIOPosix
import SIPMessage
import SIPStack
import Synchronization
import TestLab
import Testing

@testable import UserAgent

/// An `AccountRegistration` over a real stack on loopback, with what it reported.
final class RegistrationHarness: Sendable {
    let stack: SIPStack
    let registration: AccountRegistration
    private let recorded: Recorder
    private let forwarder: Task<Void, Never>

    /// - Parameters:
    ///   - registrar: `127.0.0.1:PORT`.
    ///   - t1: the stack's T1 (time-outs come after 64·T1 over UDP).
    ///   - outboundProxy: when given, REGISTER goes there (a Route) and the Request-URI is
    ///     the AoR's domain.
    init(user: String = "alice", password: String? = "s3cret", registrar: String, outboundProxy: String? = nil,
         transport: SIPTransport? = nil,
         expires: Int = 60, t1: Duration = .milliseconds(100), caFile: String? = nil,
         configure: (inout AccountRegistration.Options) -> Void = { _ in }) async throws {
        var configuration = SIPStack.Configuration()
        configuration.listen = ["udp:127.0.0.1:0", "tcp:127.0.0.1:0"]
        configuration.timers = TransactionTimers(t1: t1, t2: max(t1, .milliseconds(400)))
        configuration.transport.tls.additionalCAFile = caFile
        let stack = SIPStack(eventLoop: MultiThreadedEventLoopGroup.singleton.next(), configuration: configuration)
        self.stack = stack
        _ = try await stack.start()
        var account = AccountConfig(name: "lab", uri: try SIPURI.parse("sip:\(user)@127.0.0.1"))
        account.displayName = "Alice Lab"
        if let outboundProxy {
            account.outboundProxy = try SIPURI.parse("sip:\(outboundProxy)")
        } else {
            account.registrar = try SIPURI.parse("sip:\(registrar)")
        }
        account.transport = transport
        account.expires = expires
        var options = AccountRegistration.Options()
        options.policy.backoffBase = .milliseconds(200)
        options.udpKeepAlive = nil
        configure(&options)
        let recorded = Recorder()
        let registration = AccountRegistration(
            account: account, password: password.map(Secret.init), stack: stack, options: options,
            onStateChange: { state in recorded.box.withLock { $0.states.append(state) } },
            log: { line in recorded.box.withLock { $0.log.append(line) } })
        let events = stack.events
        self.recorded = recorded
        self.registration = registration
        forwarder = Task {
            for await event in events {
                if case .keepAliveAnswered = event { recorded.box.withLock { $0.pongs += 1 } }
                await registration.handle(event)
            }
        }
    }

    var states: [RegistrationState] { recorded.box.withLock { $0.states } }
    var log: [String] { recorded.box.withLock { $0.log } }
    /// CRLF pongs the registration's connection got.
    var pongs: Int { recorded.box.withLock { $0.pongs } }
    /// How many REGISTERs went out.
    var sentCount: Int { log.filter { $0.contains(": REGISTER sip:") }.count }

    /// Waits until a reported state satisfies `match`, returns it.
    @discardableResult
    func waitFor(_ what: String, timeout: Duration = .seconds(10),
                 _ match: @escaping @Sendable (RegistrationState) -> Bool) async throws -> RegistrationState {
        try await Poll.until("registration to be \(what) (states: \(states))", timeout: timeout) {
            states.contains(where: match)
        }
        return try #require(states.last(where: match))
    }

    func waitForRegistered(timeout: Duration = .seconds(10)) async throws -> Int {
        let state = try await waitFor("registered", timeout: timeout) {
            if case .registered = $0 { return true }
            return false
        }
        guard case .registered(let expires) = state else { return 0 }
        return expires
    }

    func shutdown() async {
        forwarder.cancel()
        try? await stack.shutdown()
    }
}

/// The states and log lines a registration reported.
final class Recorder: Sendable {
    let box = Mutex<(states: [RegistrationState], log: [String], pongs: Int)>(([], [], 0))
}

/// What a registrar holds for an AoR: a REGISTER without Contact (RFC 3261 §10.2.3),
/// authenticated, sent over its own stack.
enum BindingQuery {
    static func contacts(user: String, password: String, registrar: String, transport: SIPTransport = .udp)
        async throws -> [NameAddress]
    {
        var configuration = SIPStack.Configuration()
        configuration.listen = ["udp:127.0.0.1:0", "tcp:127.0.0.1:0"]
        let stack = SIPStack(eventLoop: MultiThreadedEventLoopGroup.singleton.next(), configuration: configuration)
        _ = try await stack.start()
        defer { Task { try? await stack.shutdown() } }
        var auth = DigestClient { _ in SIPCredentials(username: user, password: password) }
        let parts = registrar.split(separator: ":")
        let target = SIPTarget(transport: transport, address: String(parts[0]), port: UInt16(parts[1]) ?? 5060)
        var headers = SIPHeaders()
        headers.append(name: "Max-Forwards", value: "70")
        headers.append(name: "From", value: "<sip:\(user)@127.0.0.1>;tag=q\(UInt32.random(in: 0...UInt32.max))")
        headers.append(name: "To", value: "<sip:\(user)@127.0.0.1>")
        headers.append(name: "Call-ID", value: "query-\(UInt64.random(in: 0...UInt64.max))")
        headers.append(name: "CSeq", value: "1 REGISTER")
        headers.append(name: "Content-Length", value: "0")
        var request = SIPRequest(method: .register, requestURI: "sip:127.0.0.1", headers: headers)
        for attempt in 1...2 {
            var final: SIPResponse?
            for try await response in stack.send(request, to: [target]) where response.statusCode >= 200 { final = response }
            let response = try #require(final)
            if response.statusCode == 200 {
                return try SIPMessage.response(response).contacts.compactMap {
                    if case .address(let a) = $0 { return a }
                    return nil
                }
            }
            guard case .retry(let retry) = auth.handle(response, to: request) else {
                throw LabError.timeout("binding query answered \(response.statusCode)")
            }
            request = retry
            request.headers.set("CSeq", "\(attempt + 1) REGISTER")
        }
        throw LabError.timeout("binding query kept being challenged")
    }
}
