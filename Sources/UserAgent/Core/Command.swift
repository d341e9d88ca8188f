/// Everything a user can do. Front ends turn keys and command lines into these.
public enum Command: Sendable, Equatable {
    case register(account: String?)
    case unregister(account: String?)
    case accounts
    /// Dial `target` (a URI, a number or a user name; completed with the account's domain).
    case call(target: String, account: String?)
    case answer(call: CallNumber?)
    case reject(call: CallNumber?, code: Int?)
    case hangup(call: CallNumber?)
    case hangupAll
    /// Make `call` the current one; the others are held.
    case switchTo(call: CallNumber)
    case calls
    /// Re-read the configuration file without dropping calls.
    case reload
    case quit
}

/// pipit's own short number for a call, stable while the process runs ("1", "2" …).
public typealias CallNumber = Int
