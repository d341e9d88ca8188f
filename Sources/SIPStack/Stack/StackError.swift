/// Why a request sent through the stack got no final response.
public enum StackError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Server location found nowhere to send it.
    case noTargets(String)
    /// Every target was tried; the last one timed out (timer B or F).
    case timeout(SIPTarget)
    /// Every target was tried; the last one failed at the transport.
    case transportFailed(SIPTarget, String)
    /// The transaction could not be created (a duplicate branch, or the table is full).
    case transactionRefused(String)
    /// The stack was shut down before a final response came.
    case shutDown

    public var description: String {
        switch self {
        case .noTargets(let why): "no server to send to: \(why)"
        case .timeout(let target): "no response from \(target)"
        case .transportFailed(let target, let why): "cannot reach \(target): \(why)"
        case .transactionRefused(let why): "transaction refused: \(why)"
        case .shutDown: "the SIP stack was shut down"
        }
    }
}
