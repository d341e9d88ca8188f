/// The grammars of the typed attributes.
extension FieldReader {
    func rtpmap(_ v: Bytes) throws(SDPParseError) -> RTPMap {
        let f = try fields(v, 2...2, "<payload type> <encoding>/<clock rate>[/<channels>]")
        let pt = try number(f[0], UInt8.self, "payload type")
        guard pt <= 127 else { throw error(at: f[0].startIndex, "payload type \(pt) is above 127") }
        let parts = f[1].pieces(ASCII.slash)
        guard parts.count == 2 || parts.count == 3 else {
            throw error(at: f[1].startIndex, "expected <encoding>/<clock rate>[/<channels>]")
        }
        let name = try token(parts[0], "encoding name")
        let rate = try number(parts[1], UInt32.self, "clock rate")
        guard rate > 0 else { throw error(at: parts[1].startIndex, "clock rate is zero") }
        let channels = parts.count == 3 ? try number(parts[2], UInt16.self, "channel count") : nil
        return RTPMap(payloadType: pt, encodingName: name, clockRate: rate, channels: channels)
    }

    func fmtp(_ v: Bytes) throws(SDPParseError) -> FormatParameters {
        let t = v.trimmed
        let (format, rest): (Bytes, Bytes) =
            if let i = t.firstIndex(where: ASCII.isWhitespace) { (t[t.startIndex..<i], t[i..<t.endIndex].trimmed) }
            else { (t, t[t.endIndex..<t.endIndex]) }
        return FormatParameters(format: try token(format, "fmtp format"), rawParameters: rest.text)
    }

    func rtcp(_ v: Bytes) throws(SDPParseError) -> RTCPAttribute {
        let f = try fields(v, 1...4, "<port> [<nettype> <addrtype> <address>]")
        let port = try port(f[0])
        guard f.count == 4 else {
            if f.count == 1 { return RTCPAttribute(port: port) }
            throw error(at: v.startIndex, "a=rtcp address needs <nettype> <addrtype> <address>")
        }
        return RTCPAttribute(
            port: port, networkType: try token(f[1], "network type"),
            addressType: AddressType(try token(f[2], "address type")), address: try token(f[3], "address"))
    }

    func crypto(_ v: Bytes) throws(SDPParseError) -> CryptoAttribute {
        let f = v.fields
        guard f.count >= 3 else { throw error(at: v.startIndex, "expected <tag> <crypto-suite> <key-params> [<session-params>]") }
        guard f[0].count <= 9 else { throw error(at: f[0].startIndex, "crypto tag longer than nine digits") }
        let tag = try number(f[0], UInt32.self, "crypto tag")
        let suite = try token(f[1], "crypto suite")
        var keys: [CryptoAttribute.KeyParameter] = []
        for piece in f[2].pieces(ASCII.semicolon) {
            keys.append(try keyParameter(piece))
        }
        return CryptoAttribute(tag: tag, suite: suite, keyParameters: keys, sessionParameters: f.dropFirst(3).map(\.text))
    }

    private func keyParameter(_ p: Bytes) throws(SDPParseError) -> CryptoAttribute.KeyParameter {
        guard let (methodBytes, info) = p.splitOnce(ASCII.colon), !methodBytes.isEmpty, !info.isEmpty else {
            throw error(at: p.startIndex, "key parameter is not <method>:<info>")
        }
        let method = methodBytes.text
        guard method.lowercased() == "inline" else {
            return .init(method: method, keySalt: info.text)
        }
        let parts = info.pieces(ASCII.pipe)
        guard parts.count <= 3, Base64.decode(parts[0].text).map({ !$0.isEmpty }) == true else {
            throw error(at: info.startIndex, "inline key is not <base64 key||salt>[|lifetime][|MKI:length]")
        }
        var lifetime: String? = nil
        var mki: CryptoAttribute.MKI? = nil
        for part in parts.dropFirst() {
            if part.contains(ASCII.colon) {
                guard mki == nil else { throw error(at: part.startIndex, "two MKIs in one key") }
                mki = try self.mki(part)
            } else {
                guard lifetime == nil, mki == nil else { throw error(at: part.startIndex, "lifetime misplaced") }
                lifetime = try self.lifetime(part)
            }
        }
        return .init(method: method, keySalt: parts[0].text, lifetime: lifetime, mki: mki)
    }

    private func lifetime(_ b: Bytes) throws(SDPParseError) -> String {
        let digits = b.starts(with: [0x32, 0x5E]) ? b.dropFirst(2) : b  // "2^"
        guard digits.decimal != nil else { throw error(at: b.startIndex, "key lifetime is not a number or 2^n") }
        return b.text
    }

    private func mki(_ b: Bytes) throws(SDPParseError) -> CryptoAttribute.MKI {
        guard let (value, length) = b.splitOnce(ASCII.colon) else { throw error(at: b.startIndex, "MKI is not <value>:<length>") }
        let len = try number(length, UInt8.self, "MKI length")
        guard (1...128).contains(len) else { throw error(at: length.startIndex, "MKI length outside 1…128") }
        return .init(value: try number(value, UInt64.self, "MKI value"), length: len)
    }

    func candidate(_ v: Bytes) throws(SDPParseError) -> Candidate {
        let f = v.fields
        guard f.count >= 8, f.count % 2 == 0, f[6].elementsEqual("typ".utf8) else {
            throw error(at: v.startIndex,
                        "expected <foundation> <component> <transport> <priority> <address> <port> typ <type> [<name> <value>]…")
        }
        var c = Candidate(
            foundation: try token(f[0], "foundation"),
            component: try number(f[1], UInt16.self, "component id"),
            transport: try token(f[2], "transport"),
            priority: try number(f[3], UInt32.self, "priority"),
            address: try token(f[4], "connection address"),
            port: try port(f[5]),
            type: CandidateType(rawValue: try token(f[7], "candidate type")))
        var i = 8
        while i + 1 < f.count {
            let name = f[i].text
            let value = f[i + 1]
            switch name {
            case "raddr" where c.relatedAddress == nil:
                c.relatedAddress = try token(value, "raddr")
            case "rport" where c.relatedPort == nil:
                c.relatedPort = try port(value)
            case "raddr", "rport":
                throw error(at: f[i].startIndex, "\(name) given twice")
            default:
                c.extensions.append(.init(name: name, value: value.text))
            }
            i += 2
        }
        return c
    }
}
