/// Learns this host's public (server-reflexive) address from a STUN server: one Binding
/// transaction (RFC 8489 §3). Pure: the owner sends `Output.send` bytes to the server,
/// feeds datagrams in with `receive` and calls `tick` at `nextDeadline`.
///
///     idle ──start──▶ waiting ──success──▶ succeeded(mapped)
///                        ├──error response──▶ failed(.errorResponse)
///                        └──Rc sends, no answer──▶ failed(.timeout)
public struct STUNBindingClient: Sendable {
    public enum Failure: Error, Equatable, Sendable, CustomStringConvertible {
        case timeout
        case errorResponse(code: Int, reason: String)
        /// A success response without a usable (XOR-)MAPPED-ADDRESS.
        case noMappedAddress

        public var description: String {
            switch self {
            case .timeout: "STUN server did not answer the binding request"
            case .errorResponse(let code, let reason): "STUN server refused the binding request: \(code) \(reason)"
            case .noMappedAddress: "STUN server's answer had no mapped address"
            }
        }
    }

    public enum State: Equatable, Sendable {
        case idle, waiting
        case succeeded(mapped: TransportAddress)
        case failed(Failure)
    }

    public enum Output: Equatable, Sendable {
        case send([UInt8])
        case succeeded(mapped: TransportAddress)
        case failed(Failure)
    }

    public private(set) var state: State = .idle
    private var transaction: STUNClientTransaction?
    private let transport: STUNTransport
    private let rto: Duration
    private let software: String?

    public init(transport: STUNTransport = .udp, rto: Duration = .milliseconds(500), software: String? = nil) {
        self.transport = transport
        self.rto = rto
        self.software = software
    }

    /// When to call `tick` next; nil when nothing is pending.
    public var nextDeadline: ContinuousClock.Instant? { state == .waiting ? transaction?.deadline : nil }

    /// Sends a Binding request (again, if called after a result).
    public mutating func start(now: ContinuousClock.Instant) -> [Output] {
        let request = STUNMessage(method: .binding, class: .request, attributes: software.map { [.software($0)] } ?? [])
        var transaction = STUNClientTransaction(request: request.encoded(fingerprint: true), id: request.transactionID,
                                                transport: transport, rto: rto)
        let bytes = transaction.start(now: now)
        self.transaction = transaction
        state = .waiting
        return [.send(bytes)]
    }

    /// A datagram from the server. Returns nil when it is not the answer to our request
    /// (another transaction, not STUN, malformed): the owner may hand it elsewhere.
    public mutating func receive(_ bytes: UnsafeRawBufferPointer, now: ContinuousClock.Instant) -> Output? {
        guard state == .waiting, let transaction, let message = try? STUNMessage(parsing: bytes),
              message.transactionID == transaction.id, message.method == .binding else { return nil }
        let result: Output
        switch message.messageClass {
        case .successResponse:
            let mapped = message.xorMappedAddress ?? message.first { if case .mappedAddress(let a) = $0 { a } else { nil } }
            if let mapped {
                state = .succeeded(mapped: mapped)
                result = .succeeded(mapped: mapped)
            } else {
                state = .failed(.noMappedAddress)
                result = .failed(.noMappedAddress)
            }
        case .errorResponse:
            let (code, reason) = message.errorCode ?? (0, "")
            state = .failed(.errorResponse(code: code, reason: reason))
            result = .failed(.errorResponse(code: code, reason: reason))
        case .request, .indication:
            return nil
        }
        self.transaction = nil
        return result
    }

    public mutating func receive(_ bytes: [UInt8], now: ContinuousClock.Instant) -> Output? {
        bytes.withUnsafeBytes { receive($0, now: now) }
    }

    /// Retransmits or times out when due.
    public mutating func tick(now: ContinuousClock.Instant) -> [Output] {
        guard state == .waiting, var transaction else { return [] }
        defer { self.transaction = transaction }
        switch transaction.tick(now: now) {
        case .wait: return []
        case .retransmit: return [.send(transaction.request)]
        case .timedOut:
            state = .failed(.timeout)
            return [.failed(.timeout)]
        }
    }

    /// A Binding indication with FINGERPRINT: keeps a NAT binding open (RFC 8489 §6.3.2,
    /// no response expected).
    public static func keepAlive() -> [UInt8] {
        STUNMessage(method: .binding, class: .indication).encoded(fingerprint: true)
    }
}
