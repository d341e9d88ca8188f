/// One outstanding client request: its bytes, its ID and its retransmission schedule.
public struct STUNClientTransaction: Sendable {
    public let id: STUNTransactionID
    public let request: [UInt8]
    public private(set) var schedule: STUNRetransmission

    public init(request: [UInt8], id: STUNTransactionID, transport: STUNTransport, rto: Duration = .milliseconds(500)) {
        self.id = id
        self.request = request
        schedule = STUNRetransmission(transport: transport, rto: rto)
    }

    public var deadline: ContinuousClock.Instant? { schedule.deadline }

    /// Starts the schedule; returns the bytes to send.
    public mutating func start(now: ContinuousClock.Instant) -> [UInt8] {
        schedule.start(now: now)
        return request
    }

    public mutating func tick(now: ContinuousClock.Instant) -> STUNRetransmission.Step { schedule.tick(now: now) }
}
