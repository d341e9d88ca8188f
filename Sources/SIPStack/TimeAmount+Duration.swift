import NIOCore

extension TimeAmount {
    /// NIO's time from a Swift `Duration`: the pure layers speak `Duration`, the loop `TimeAmount`.
    init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        self = .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
