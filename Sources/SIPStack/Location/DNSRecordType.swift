/// The DNS record types server location needs (RFC 1035, 3596, 2782, 3403).
public enum DNSRecordType: UInt16, Sendable, Hashable, CustomStringConvertible {
    case a = 1
    case cname = 5
    case soa = 6
    case aaaa = 28
    case srv = 33
    case naptr = 35

    public var description: String {
        switch self {
        case .a: "A"
        case .cname: "CNAME"
        case .soa: "SOA"
        case .aaaa: "AAAA"
        case .srv: "SRV"
        case .naptr: "NAPTR"
        }
    }
}
