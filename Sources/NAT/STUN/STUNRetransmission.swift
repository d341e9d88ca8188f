/// The request retransmission schedule of RFC 8489 §6.2.1, pure.
///
///     UDP: send at 0, RTO, 3·RTO, 7·RTO … (doubling) until Rc sends, then wait Rm·RTO:
///          with RTO 500 ms, Rc 7, Rm 16 the sends are at 0, 0.5, 1.5, 3.5, 7.5, 15.5,
///          31.5 s and the request fails at 39.5 s.
///     TCP: send once, fail after 39.5 s (Ti).
public struct STUNRetransmission: Sendable, Equatable {
    public let transport: STUNTransport
    public let rto: Duration
    public let maxSends: Int
    public let lastWaitMultiplier: Int
    public static let tcpTimeout: Duration = .milliseconds(39_500)

    /// How many times the request has been sent.
    public private(set) var sends = 0
    /// When `tick` has something to do; nil before `start` and after the timeout.
    public private(set) var deadline: ContinuousClock.Instant?
    private var interval: Duration

    public init(transport: STUNTransport, rto: Duration = .milliseconds(500), maxSends: Int = 7, lastWaitMultiplier: Int = 16) {
        self.transport = transport
        self.rto = rto
        self.maxSends = max(1, maxSends)
        self.lastWaitMultiplier = lastWaitMultiplier
        interval = rto
    }

    /// Call when the request is first sent.
    public mutating func start(now: ContinuousClock.Instant) {
        sends = 1
        interval = rto
        deadline = now + (transport == .tcp ? Self.tcpTimeout : maxSends == 1 ? rto * lastWaitMultiplier : rto)
    }

    public enum Step: Sendable, Equatable {
        /// Nothing due yet.
        case wait
        /// Send the request again now.
        case retransmit
        /// No response came: the transaction failed.
        case timedOut
    }

    public mutating func tick(now: ContinuousClock.Instant) -> Step {
        guard let due = deadline, now >= due else { return .wait }
        guard transport == .udp, sends < maxSends else {
            deadline = nil
            return .timedOut
        }
        sends += 1
        interval = interval * 2
        deadline = now + (sends == maxSends ? rto * lastWaitMultiplier : interval)
        return .retransmit
    }
}
