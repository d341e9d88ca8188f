import SIPMessage

/// A request that created a server transaction. Answer it exactly once with a final
/// response (provisionals before it as needed).
public struct IncomingRequest: Sendable {
    public let request: SIPRequest
    /// Where it came from, and the flow to pin a dialog or registration to.
    public let source: SIPTarget
    public let flow: FlowID
    let key: TransactionKey
    let stack: SIPStack

    public func respond(_ response: SIPResponse) { stack.respond(key, response) }

    /// A response built from the request (§8.2.6); `toTag` for responses that create or
    /// belong to a dialog.
    public func respond(_ statusCode: Int, _ reasonPhrase: String, toTag: String? = nil) {
        respond(request.makeResponse(statusCode, reasonPhrase, toTag: toTag))
    }
}

/// Where a server transaction's responses go.
struct ServerContext: Sendable {
    var flow: FlowID
    var source: SIPTarget
}

extension SIPStack {
    func respond(_ key: TransactionKey, _ response: SIPResponse) {
        eventLoop.execute {
            // A transaction that is already gone (timer H, shutdown) has nothing to answer.
            guard let actions = try? self.table.respond(key, response) else { return }
            self.perform(actions, origin: nil)
        }
    }

    /// Answers without a transaction (503 when the table is full, 400 when unmatchable).
    func answerStatelessly(_ request: SIPRequest, _ statusCode: Int, _ reason: String, origin: ReceivedMessage?) {
        guard let origin, request.method != .ack else { return }
        let tag = String(UInt64.random(in: 0...UInt64.max), radix: 16)
        let response = request.makeResponse(statusCode, reason, toTag: tag)
        transport.sendResponse(.response(response), requestFlow: origin.flow).whenFailure { _ in }
    }
}
