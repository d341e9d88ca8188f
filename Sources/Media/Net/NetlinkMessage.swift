import NAT

/// What one rtnetlink datagram (`NETLINK_ROUTE`, groups `RTMGRP_IPV4_IFADDR`,
/// `RTMGRP_IPV6_IFADDR`, `RTMGRP_LINK`) says about this machine's addresses and links.
/// Parsing is pure and total: the bytes come from the kernel, but are treated as hostile
/// (a short, garbled or lying datagram yields what could be read and an error, never a
/// trap, an endless loop or an unbounded allocation).
public enum NetlinkMessage: Equatable, Sendable {
    /// An address appeared on, or left, interface `index` (RTM_NEWADDR / RTM_DELADDR).
    case address(added: Bool, index: UInt32, address: TransportAddress, scope: UInt8)
    /// A link changed (RTM_NEWLINK / RTM_DELLINK): `up` is IFF_UP and IFF_RUNNING, false
    /// when the link went away.
    case link(index: Int32, up: Bool)
    /// The kernel dropped notifications (NLMSG_OVERRUN): our view is stale.
    case overrun
    /// NLMSG_ERROR with the kernel's (negative) errno; 0 is an acknowledgement.
    case error(Int32)

    /// Why parsing stopped before the end of the datagram.
    public enum ParseError: Error, Equatable, Sendable {
        /// Fewer bytes than a header, or a header whose length runs past the datagram.
        case truncated(offset: Int)
        /// A header length below the header's own size (it would never advance).
        case badLength(offset: Int, length: Int)
    }

    /// Message types of <linux/rtnetlink.h> and <linux/netlink.h>.
    enum Kind {
        static let error: UInt16 = 2
        static let done: UInt16 = 3
        static let overrun: UInt16 = 4
        static let newLink: UInt16 = 16
        static let delLink: UInt16 = 17
        static let newAddress: UInt16 = 20
        static let delAddress: UInt16 = 21
    }

    /// Address attribute types (IFA_ADDRESS, IFA_LOCAL).
    enum Attribute {
        static let address: UInt16 = 1
        static let local: UInt16 = 2
    }

    static let headerSize = 16
    /// `struct ifaddrmsg` and `struct ifinfomsg`.
    static let addressMessageSize = 8
    static let linkMessageSize = 16
    /// IFF_UP | IFF_RUNNING.
    static let linkUsable: UInt32 = 0x1 | 0x40

    /// Every message in `bytes` the watcher cares about, in order, and the error that
    /// stopped the walk early (nil when the whole datagram was read). Messages of other
    /// types (NLMSG_DONE, NLMSG_NOOP, routes) are skipped. At most `limit` messages.
    public static func parse(_ bytes: UnsafeRawBufferPointer, limit: Int = 256) -> (messages: [NetlinkMessage], error: ParseError?) {
        var messages: [NetlinkMessage] = []
        var offset = 0
        while offset < bytes.count, messages.count < limit {
            guard bytes.count - offset >= headerSize else { return (messages, .truncated(offset: offset)) }
            let length = Int(load(UInt32.self, bytes, offset))
            let kind = load(UInt16.self, bytes, offset + 4)
            guard length >= headerSize else { return (messages, .badLength(offset: offset, length: length)) }
            guard length <= bytes.count - offset else { return (messages, .truncated(offset: offset)) }
            let body = UnsafeRawBufferPointer(rebasing: bytes[(offset + headerSize)..<(offset + length)])
            if let message = message(kind: kind, body: body) { messages.append(message) }
            if kind == Kind.done { break }
            // NLMSG_ALIGN: messages start on 4-byte boundaries; the last may be unpadded.
            offset += min(align(length), bytes.count - offset)
        }
        return (messages, nil)
    }

    /// One message's body; nil for types we do not use, or a body too short to say anything.
    static func message(kind: UInt16, body: UnsafeRawBufferPointer) -> NetlinkMessage? {
        switch kind {
        case Kind.overrun:
            return .overrun
        case Kind.error:
            guard body.count >= 4 else { return nil }
            return .error(load(Int32.self, body, 0))
        case Kind.newLink, Kind.delLink:
            guard body.count >= linkMessageSize else { return nil }
            let index = load(Int32.self, body, 4)
            let flags = load(UInt32.self, body, 8)
            return .link(index: index, up: kind == Kind.newLink && flags & linkUsable == linkUsable)
        case Kind.newAddress, Kind.delAddress:
            guard body.count >= addressMessageSize else { return nil }
            let family = body[0]
            let scope = body[3]
            let index = load(UInt32.self, body, 4)
            let attributes = UnsafeRawBufferPointer(rebasing: body[addressMessageSize...])
            guard let address = address(family: family, in: attributes) else { return nil }
            return .address(added: kind == Kind.newAddress, index: index, address: address, scope: scope)
        default:
            return nil
        }
    }

    /// The interface's own address: IFA_LOCAL (IPv4 point-to-point links put the peer in
    /// IFA_ADDRESS), else IFA_ADDRESS. nil for families other than AF_INET/AF_INET6, or
    /// a payload of the wrong size.
    static func address(family: UInt8, in attributes: UnsafeRawBufferPointer) -> TransportAddress? {
        let expected: Int
        switch family {
        case 2: expected = 4    // AF_INET
        case 10: expected = 16  // AF_INET6
        default: return nil
        }
        var local: TransportAddress?
        var plain: TransportAddress?
        var offset = 0
        // Each attribute is at least 4 bytes long, so this ends.
        while attributes.count - offset >= 4 {
            let length = Int(load(UInt16.self, attributes, offset))
            let type = load(UInt16.self, attributes, offset + 2) & 0x3FFF   // without NLA_F_NESTED / NET_BYTEORDER
            guard length >= 4, length <= attributes.count - offset else { break }
            if length - 4 == expected, type == Attribute.local || type == Attribute.address {
                let payload = UnsafeRawBufferPointer(rebasing: attributes[(offset + 4)..<(offset + length)])
                let found = TransportAddress(addressBytes: payload, port: 0)
                if type == Attribute.local { local = found } else { plain = found }
            }
            offset += min(align(length), attributes.count - offset)
        }
        return local ?? plain
    }

    static func align(_ length: Int) -> Int { (length &+ 3) & ~3 }

    /// A field in the kernel's (native) byte order; the caller checked the bounds.
    static func load<T: FixedWidthInteger & BitwiseCopyable>(_ type: T.Type, _ bytes: UnsafeRawBufferPointer, _ offset: Int) -> T {
        bytes.loadUnaligned(fromByteOffset: offset, as: T.self)
    }
}
