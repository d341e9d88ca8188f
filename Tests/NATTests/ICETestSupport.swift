import Hashing
@testable import NAT

/// "192.0.2.1:5000" or "[2001:db8::1]:5000" as an address (tests only: traps on typos).
func ta(_ text: String) -> TransportAddress {
    let split = text.lastIndex(of: ":")!
    return TransportAddress(host: String(text[..<split]), port: UInt16(text[text.index(after: split)...])!)!
}

/// A fixed instant the tests measure from.
let iceT0 = ContinuousClock.now

/// Test helpers on the agent.
extension ICEAgent {
    static func test(role: ICERole, seed: UInt64, components: Int = 1, configuration: ICEConfiguration = ICEConfiguration()) -> ICEAgent {
        var generator = SplitMix64(seed: seed)
        return ICEAgent(role: role, componentCount: components, configuration: configuration, using: &generator)
    }

    /// The checks in the pending outputs (taking all outputs).
    mutating func takeChecks() -> [ICECheck] {
        takeOutputs().compactMap { if case .sendCheck(let c) = $0 { c } else { nil } }
    }

    /// A remote description another agent would produce.
    var description: ICEDescription { ICEDescription(agent: self) }
}

/// A request as the peer's agent would send it through a check.
func request(from check: ICECheck, arrivedOn: ICEBase, source: TransportAddress) -> ICEIncomingRequest {
    ICEIncomingRequest(
        transactionID: check.transactionID, username: check.username, priority: check.priority,
        useCandidate: check.useCandidate, role: check.role, arrivedOn: arrivedOn, source: source)
}

/// A success response to `check` as it would arrive back (symmetric).
func success(to check: ICECheck, mapped: TransportAddress) -> ICEIncomingResponse {
    ICEIncomingResponse(transactionID: check.transactionID, arrivedOn: check.from, source: check.to, result: .success(mapped: mapped))
}
