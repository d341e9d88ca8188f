/// An SRV record's data (RFC 2782).
public struct SRVRecord: Sendable, Hashable {
    public var priority: UInt16
    public var weight: UInt16
    public var port: UInt16
    /// The target host, without the trailing dot; `"."` means the service is not offered here.
    public var target: String

    public init(priority: UInt16, weight: UInt16, port: UInt16, target: String) {
        (self.priority, self.weight, self.port, self.target) = (priority, weight, port, target)
    }
}

/// A NAPTR record's data (RFC 3403).
public struct NAPTRRecord: Sendable, Hashable {
    public var order: UInt16
    public var preference: UInt16
    public var flags: String
    public var services: String
    public var regexp: String
    /// The replacement domain, without the trailing dot; `"."` when none.
    public var replacement: String

    public init(order: UInt16, preference: UInt16, flags: String, services: String, regexp: String,
                replacement: String) {
        (self.order, self.preference, self.flags) = (order, preference, flags)
        (self.services, self.regexp, self.replacement) = (services, regexp, replacement)
    }
}

/// The typed data of a resource record.
public enum DNSRecordData: Sendable, Hashable {
    /// An IPv4 address, dotted.
    case a(String)
    /// An IPv6 address in RFC 5952 form.
    case aaaa(String)
    case cname(String)
    case srv(SRVRecord)
    case naptr(NAPTRRecord)
    /// Only what negative caching needs (RFC 2308 §5): the `minimum` field.
    case soa(minimum: UInt32)
}

/// A resource record of a known type; records of other types are skipped by the parser.
public struct DNSRecord: Sendable, Hashable {
    /// The owner name, lower-cased, without the trailing dot.
    public var name: String
    public var ttl: UInt32
    public var data: DNSRecordData

    public init(name: String, ttl: UInt32, data: DNSRecordData) {
        (self.name, self.ttl, self.data) = (name, ttl, data)
    }

    public var type: DNSRecordType {
        switch data {
        case .a: .a
        case .aaaa: .aaaa
        case .cname: .cname
        case .srv: .srv
        case .naptr: .naptr
        case .soa: .soa
        }
    }
}
