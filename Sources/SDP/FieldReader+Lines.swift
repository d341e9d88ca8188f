/// The grammars of the `o=`, `c=`, `b=`, `t=` and `m=` lines.
extension FieldReader {
    func origin(_ v: Bytes) throws(SDPParseError) -> Origin {
        let f = try fields(v, 6...6, "o=<username> <sess-id> <sess-version> <nettype> <addrtype> <address>")
        return Origin(
            username: try token(f[0], "username"),
            sessionID: try number(f[1], UInt64.self, "sess-id"),
            sessionVersion: try number(f[2], UInt64.self, "sess-version"),
            networkType: try token(f[3], "network type"),
            addressType: AddressType(try token(f[4], "address type")),
            address: try token(f[5], "address"))
    }

    func connection(_ v: Bytes) throws(SDPParseError) -> Connection {
        let f = try fields(v, 3...3, "c=<nettype> <addrtype> <connection-address>")
        let type = AddressType(try token(f[1], "address type"))
        var c = Connection(networkType: try token(f[0], "network type"), addressType: type, address: "")
        let parts = f[2].pieces(ASCII.slash)
        guard !parts[0].isEmpty else { throw error(at: f[2].startIndex, "empty connection address") }
        switch (type, parts.count) {
        case (_, 1):
            c.address = try token(f[2], "connection address")
        case (.ip4, 2), (.ip4, 3):
            c.address = parts[0].text
            c.ttl = try number(parts[1], UInt8.self, "multicast TTL")
            if parts.count == 3 { c.addressCount = try number(parts[2], UInt32.self, "address count") }
        case (.ip6, 2):
            c.address = parts[0].text
            c.addressCount = try number(parts[1], UInt32.self, "address count")
        case (.other, _):
            c.address = try token(f[2], "connection address")
        default:
            throw error(at: f[2].startIndex, "too many / in connection address")
        }
        return c
    }

    func bandwidth(_ v: Bytes) throws(SDPParseError) -> Bandwidth {
        guard let (modifier, value) = v.trimmed.splitOnce(ASCII.colon) else {
            throw error(at: v.startIndex, "expected b=<modifier>:<bandwidth>")
        }
        return Bandwidth(modifier: try token(modifier, "bandwidth modifier"),
                         value: try number(value, UInt64.self, "bandwidth"))
    }

    func timing(_ v: Bytes) throws(SDPParseError) -> Timing {
        let f = try fields(v, 2...2, "t=<start> <stop>")
        return Timing(start: try number(f[0], UInt64.self, "start time"),
                      stop: try number(f[1], UInt64.self, "stop time"))
    }

    func media(_ v: Bytes) throws(SDPParseError) -> MediaDescription {
        let f = v.fields
        guard f.count >= 3 else { throw error(at: v.startIndex, "expected m=<media> <port>[/<count>] <proto> <fmt>…") }
        let portParts = f[1].pieces(ASCII.slash)
        guard portParts.count <= 2 else { throw error(at: f[1].startIndex, "port is not <port>[/<count>]") }
        let port = try port(portParts[0])
        let count = portParts.count == 2 ? try number(portParts[1], UInt16.self, "port count") : nil
        let proto = TransportProtocol(rawValue: try token(f[2], "transport protocol"))
        var formats: [String] = []
        for fmt in f.dropFirst(3) {
            if proto.isRTP {
                let pt = try number(fmt, UInt8.self, "payload type")
                guard pt <= 127 else { throw error(at: fmt.startIndex, "payload type \(pt) is above 127") }
            }
            formats.append(fmt.text)
        }
        // A rejected stream may come without formats from older stacks; a live one may not.
        guard !formats.isEmpty || port == 0 else { throw error(at: v.endIndex, "m= line without formats") }
        return MediaDescription(media: try token(f[0], "media type"), port: port, portCount: count,
                                proto: proto, formats: formats)
    }
}
