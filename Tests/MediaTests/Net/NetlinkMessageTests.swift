import Media
import NAT
import Testing

/// The rtnetlink parser: messages built byte by byte as the kernel lays them out (native
/// byte order), then cut, garbled and mutated: it must never trap nor loop.
@Suite(.timeLimit(.minutes(1)))
struct NetlinkMessageTests {
    /// One netlink message: header (length, type, flags, seq, pid) and `body`, padded to 4.
    static func message(type: UInt16, body: [UInt8], pad: Bool = true) -> [UInt8] {
        var out: [UInt8] = []
        append(UInt32(16 + body.count), to: &out)
        append(type, to: &out)
        append(UInt16(0), to: &out)
        append(UInt32(7), to: &out)
        append(UInt32(0), to: &out)
        out += body
        while pad, out.count % 4 != 0 { out.append(0) }
        return out
    }

    /// RTM_NEWADDR (20) / RTM_DELADDR (21): ifaddrmsg then attributes.
    static func address(added: Bool, family: UInt8, index: UInt32, scope: UInt8 = 0,
                        attributes: [(UInt16, [UInt8])]) -> [UInt8] {
        var body: [UInt8] = [family, family == 2 ? 24 : 64, 0, scope]
        append(index, to: &body)
        for (type, payload) in attributes { body += attribute(type, payload) }
        return message(type: added ? 20 : 21, body: body)
    }

    static func attribute(_ type: UInt16, _ payload: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        append(UInt16(4 + payload.count), to: &out)
        append(type, to: &out)
        out += payload
        while out.count % 4 != 0 { out.append(0) }
        return out
    }

    /// RTM_NEWLINK (16) / RTM_DELLINK (17): ifinfomsg.
    static func link(added: Bool, index: Int32, flags: UInt32) -> [UInt8] {
        var body: [UInt8] = [0, 0, 1, 0]
        append(index, to: &body)
        append(flags, to: &body)
        append(UInt32(0xFFFF_FFFF), to: &body)
        return message(type: added ? 16 : 17, body: body)
    }

    static func append<T: FixedWidthInteger>(_ value: T, to out: inout [UInt8]) {
        withUnsafeBytes(of: value) { out += $0 }
    }

    static func parse(_ bytes: [UInt8], limit: Int = 256) -> (messages: [NetlinkMessage], error: NetlinkMessage.ParseError?) {
        bytes.withUnsafeBytes { NetlinkMessage.parse($0, limit: limit) }
    }

    static let v4 = TransportAddress(host: "10.0.0.7", port: 0)!
    static let peer = TransportAddress(host: "10.0.0.1", port: 0)!
    static let v6 = TransportAddress(host: "2001:db8::7", port: 0)!

    static func bytes(_ address: TransportAddress) -> [UInt8] {
        address.withAddressBytes { Array($0) }
    }

    @Test func aNewIPv4AddressPrefersTheLocalAttribute() {
        // A point-to-point link: IFA_ADDRESS is the peer, IFA_LOCAL ours.
        let datagram = Self.address(added: true, family: 2, index: 3,
                                    attributes: [(1, Self.bytes(Self.peer)), (2, Self.bytes(Self.v4)), (3, Array("wlan0\0".utf8))])
        let parsed = Self.parse(datagram)
        #expect(parsed.error == nil)
        #expect(parsed.messages == [.address(added: true, index: 3, address: Self.v4, scope: 0)])
    }

    @Test func aRemovedIPv6AddressWithOnlyTheAddressAttribute() {
        let datagram = Self.address(added: false, family: 10, index: 2, scope: 0, attributes: [(1, Self.bytes(Self.v6))])
        #expect(Self.parse(datagram).messages == [.address(added: false, index: 2, address: Self.v6, scope: 0)])
    }

    @Test func linksUpAndDownAndTheirFlags() {
        let up = Self.link(added: true, index: 4, flags: 0x1 | 0x40 | 0x1000)
        let adminUpOnly = Self.link(added: true, index: 4, flags: 0x1)
        let gone = Self.link(added: false, index: 4, flags: 0x1 | 0x40)
        #expect(Self.parse(up + adminUpOnly + gone).messages
                == [.link(index: 4, up: true), .link(index: 4, up: false), .link(index: 4, up: false)])
    }

    @Test func manyMessagesInOneDatagramStopAtDone() {
        let first = Self.address(added: true, family: 2, index: 1, attributes: [(2, Self.bytes(Self.v4))])
        let second = Self.address(added: false, family: 10, index: 1, attributes: [(1, Self.bytes(Self.v6))])
        let done = Self.message(type: 3, body: [0, 0, 0, 0])
        let after = Self.link(added: true, index: 9, flags: 0x41)
        let parsed = Self.parse(first + second + done + after)
        #expect(parsed.error == nil)
        #expect(parsed.messages.count == 2)
    }

    @Test func overrunErrorAndUnknownTypes() {
        var error: [UInt8] = []
        Self.append(Int32(-105), to: &error)   // -ENOBUFS
        let datagram = Self.message(type: 4, body: []) + Self.message(type: 2, body: error)
            + Self.message(type: 24, body: [1, 2, 3, 4, 5, 6, 7, 8]) // RTM_NEWROUTE: skipped
        #expect(Self.parse(datagram).messages == [.overrun, .error(-105)])
    }

    @Test func otherFamiliesAndWrongSizedAddressesAreSkipped() {
        let packet = Self.address(added: true, family: 17, index: 1, attributes: [(1, [1, 2, 3, 4])])
        let short = Self.address(added: true, family: 2, index: 1, attributes: [(2, [10, 0, 0])])
        let sixAsFour = Self.address(added: true, family: 10, index: 1, attributes: [(1, Self.bytes(Self.v4))])
        let parsed = Self.parse(packet + short + sixAsFour)
        #expect(parsed.error == nil)
        #expect(parsed.messages.isEmpty)
    }

    @Test func aLengthBelowTheHeaderIsAnErrorNotALoop() {
        var datagram = Self.link(added: true, index: 1, flags: 0x41)
        datagram.replaceSubrange(0..<4, with: [0, 0, 0, 0])
        #expect(Self.parse(datagram).error == .badLength(offset: 0, length: 0))
    }

    @Test func aLengthPastTheEndIsTruncated() {
        let good = Self.link(added: true, index: 1, flags: 0x41)
        var lying = Self.link(added: true, index: 2, flags: 0x41)
        lying.replaceSubrange(0..<4, with: withUnsafeBytes(of: UInt32(4096)) { Array($0) })
        let parsed = Self.parse(good + lying)
        #expect(parsed.messages == [.link(index: 1, up: true)])
        #expect(parsed.error == .truncated(offset: good.count))
    }

    @Test func attributesWithBadLengthsEndTheWalkSafely() {
        var body: [UInt8] = [2, 24, 0, 0, 1, 0, 0, 0]
        body += [2, 0, 2, 0]        // rta_len 2 (< 4): stop
        body += Self.attribute(2, Self.bytes(Self.v4))
        #expect(Self.parse(Self.message(type: 20, body: body)).messages.isEmpty)
        var long: [UInt8] = [2, 24, 0, 0, 1, 0, 0, 0]
        long += [200, 0, 2, 0, 10, 0, 0, 7]   // rta_len past the message
        #expect(Self.parse(Self.message(type: 20, body: long)).messages.isEmpty)
    }

    @Test func dripFedPrefixesYieldWholeMessagesOnly() {
        let parts = [Self.address(added: true, family: 2, index: 1, attributes: [(2, Self.bytes(Self.v4))]),
                     Self.address(added: false, family: 10, index: 1, attributes: [(1, Self.bytes(Self.v6))]),
                     Self.link(added: false, index: 1, flags: 0)]
        let datagram = Array(parts.joined())
        let full = Self.parse(datagram).messages
        #expect(full.count == 3)
        var boundaries = [0]
        for part in parts { boundaries.append(boundaries[boundaries.count - 1] + part.count) }
        for end in 0...datagram.count {
            let parsed = Self.parse(Array(datagram[0..<end]))
            let whole = boundaries.lastIndex { $0 <= end } ?? 0
            // The messages wholly inside the prefix, in order; an error exactly when a
            // message is cut.
            #expect(parsed.messages == Array(full.prefix(whole)), "prefix \(end)")
            #expect((parsed.error == nil) == boundaries.contains(end), "prefix \(end)")
        }
    }

    @Test func theMessageCountIsBounded() {
        let one = Self.link(added: true, index: 1, flags: 0x41)
        let many = Array([[UInt8]](repeating: one, count: 50).joined())
        #expect(Self.parse(many, limit: 8).messages.count == 8)
        #expect(Self.parse(many).messages.count == 50)
    }

    @Test func mutatedDatagramsNeverTrap() {
        let seed = Self.address(added: true, family: 2, index: 1, attributes: [(1, Self.bytes(Self.peer)), (2, Self.bytes(Self.v4))])
            + Self.address(added: false, family: 10, index: 1, attributes: [(1, Self.bytes(Self.v6))])
            + Self.link(added: true, index: 1, flags: 0x41)
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        var total = 0
        for _ in 0..<3000 {
            var datagram = seed
            for _ in 0..<(1 + Int(next() % 6)) {
                let at = Int(next() % UInt64(datagram.count))
                datagram[at] = UInt8(truncatingIfNeeded: next())
            }
            if next() % 4 == 0 { datagram.removeLast(Int(next() % UInt64(datagram.count))) }
            let parsed = Self.parse(datagram)
            #expect(parsed.messages.count <= datagram.count / 16)
            total += parsed.messages.count
        }
        #expect(total > 0)
    }
}
