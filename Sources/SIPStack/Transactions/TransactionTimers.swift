/// The timers of RFC 3261 §17 (Table 4) and RFC 6026 (L, M), plus the 200 ms timer after
/// which an INVITE server transaction sends 100 Trying itself (§17.2.1).
public enum TransactionTimer: Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case A, B, D, E, F, G, H, I, J, K, L, M
    /// Fires when the TU has not answered an INVITE within `TransactionTimers.trying`.
    case trying100

    public var description: String {
        switch self {
        case .A: "A"
        case .B: "B"
        case .D: "D"
        case .E: "E"
        case .F: "F"
        case .G: "G"
        case .H: "H"
        case .I: "I"
        case .J: "J"
        case .K: "K"
        case .L: "L"
        case .M: "M"
        case .trying100: "100-Trying"
        }
    }
}

/// The timer base values (RFC 3261 §17.1.1.1, Table 4) and the values derived from them.
///
/// Reliable transports (TCP, TLS, SCTP, WebSocket) never arm the retransmission timers
/// (A, E, G) and their wait timers (D, I, J, K) are zero: the machines then move on at
/// once instead of starting a zero-length timer.
public struct TransactionTimers: Sendable, Equatable {
    /// RTT estimate, 500 ms by default.
    public var t1: Duration
    /// Longest retransmit interval for non-INVITE requests and INVITE responses, 4 s.
    public var t2: Duration
    /// Longest time a message stays in the network, 5 s.
    public var t4: Duration
    /// How long an INVITE server transaction waits for the TU before sending 100 Trying.
    public var trying: Duration

    public init(
        t1: Duration = .milliseconds(500), t2: Duration = .seconds(4), t4: Duration = .seconds(5),
        trying: Duration = .milliseconds(200)
    ) {
        self.t1 = t1
        self.t2 = t2
        self.t4 = t4
        self.trying = trying
    }

    /// 64·T1: timers B, F, H, J (unreliable), L and M.
    public var sixtyFourT1: Duration { t1 * 64 }

    /// Initial interval of timers A, E and G (unreliable transports only).
    public var a: Duration { t1 }
    public var b: Duration { sixtyFourT1 }
    /// At least 32 s for unreliable transports (RFC 3261 §17.1.1.2), and never shorter than
    /// the server's timer H (64·T1) so that a larger T1 still absorbs every retransmitted
    /// final response; zero for reliable transports.
    public func d(reliable: Bool) -> Duration { reliable ? .zero : max(.seconds(32), sixtyFourT1) }
    public var e: Duration { t1 }
    public var f: Duration { sixtyFourT1 }
    public var g: Duration { t1 }
    public var h: Duration { sixtyFourT1 }
    public func i(reliable: Bool) -> Duration { reliable ? .zero : t4 }
    public func j(reliable: Bool) -> Duration { reliable ? .zero : sixtyFourT1 }
    public func k(reliable: Bool) -> Duration { reliable ? .zero : t4 }
    public var l: Duration { sixtyFourT1 }
    public var m: Duration { sixtyFourT1 }
}
