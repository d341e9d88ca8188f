import NIOCore
import SIPMessage

extension SIPStack {
    /// Cancels `invite`, a request given to `send` whose final response has not come
    /// (RFC 3261 §9.1). The CANCEL copies the Request-URI, Call-ID, From, To, CSeq number,
    /// Route headers and the one Via of the INVITE as it went out, and goes to the same
    /// target over the same flow. Its own responses come back on the returned stream; the
    /// INVITE's stream then ends with 487 (or a 2xx that crossed the CANCEL).
    ///
    /// Throws `StackError.noTargets` when the INVITE is not pending any more (a final
    /// response came, or it was never sent).
    public func cancel(_ invite: SIPRequest) -> AsyncThrowingStream<SIPResponse, any Error> {
        let (stream, continuation) = AsyncThrowingStream<SIPResponse, any Error>.makeStream()
        eventLoop.execute {
            let live = self.clients.values.first { !$0.done && $0.pending.request == invite }
            guard let live else {
                return continuation.finish(throwing: StackError.noTargets("the INVITE has no pending transaction to cancel"))
            }
            let cancel = TransactionMessages.cancel(for: live.sent)
            let pending = PendingRequest(request: cancel, targets: [live.target], flow: live.pending.flow,
                                         continuation: continuation)
            self.attempt(pending, lastError: nil)
        }
        return stream
    }
}
