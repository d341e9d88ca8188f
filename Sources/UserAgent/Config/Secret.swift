/// A password or other secret from the configuration. It prints as a placeholder so that
/// no log line, event or error message can carry it by accident.
public struct Secret: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The secret itself; read it only where it is used (digest computation).
    public let value: String
    public init(_ value: String) { self.value = value }
    public var description: String { "(secret)" }
    public var debugDescription: String { "(secret)" }
}
