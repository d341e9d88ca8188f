import NIOCore
import SIPMessage

// async forms of the future-returning entry points, for callers off the loop.
extension SIPTransportLayer {
    public func listen(_ specs: [String]) async throws -> [BoundListener] { try await listen(specs).get() }

    @discardableResult
    public func send(_ message: SIPMessage, to target: SIPTarget) async throws -> FlowID {
        try await send(message, to: target).get()
    }

    public func send(_ message: SIPMessage, over flow: FlowID) async throws {
        try await send(message, over: flow).get()
    }

    @discardableResult
    public func sendResponse(_ response: SIPMessage, requestFlow: FlowID?) async throws -> FlowID {
        try await sendResponse(response, requestFlow: requestFlow).get()
    }

    public func sendKeepAlive(_ flow: FlowID) async throws { try await sendKeepAlive(flow).get() }

    public func sentBy(for target: SIPTarget) async throws -> SentBy? { try await sentBy(for: target).get() }

    public func counters() async throws -> TransportCounters { try await counters().get() }

    public func shutdown() async throws { try await shutdown().get() }
}
