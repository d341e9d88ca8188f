/// A user name and password for one realm.
///
/// The password is never shown: `description`, `debugDescription` and reflection
/// (`dump`, `Mirror`) print only the user name.
public struct SIPCredentials: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    public var username: String
    public var password: String

    public init(username: String, password: String) {
        self.username = username
        self.password = password
    }

    public var description: String { "SIPCredentials(username: \(username), password: <hidden>)" }
    public var debugDescription: String { description }
    public var customMirror: Mirror {
        Mirror(self, children: ["username": username, "password": "<hidden>"], displayStyle: .struct)
    }
}

/// Looks up the credentials for a realm; nil when the account has none for it.
public typealias SIPCredentialsProvider = @Sendable (_ realm: String) -> SIPCredentials?
