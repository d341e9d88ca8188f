/// The `<addrtype>` of `o=`, `c=` and `a=rtcp`: `IP4`, `IP6`, or anything else kept as sent.
public enum AddressType: Hashable, Sendable, CustomStringConvertible {
    case ip4
    case ip6
    case other(String)

    public init(_ text: String) {
        switch text {
        case "IP4": self = .ip4
        case "IP6": self = .ip6
        default: self = .other(text)
        }
    }

    public var description: String {
        switch self {
        case .ip4: "IP4"
        case .ip6: "IP6"
        case .other(let text): text
        }
    }
}
