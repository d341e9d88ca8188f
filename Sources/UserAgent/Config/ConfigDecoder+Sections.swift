import SIPMessage
import TOML

/// `[general]`, `[network]` and `[audio]`.
extension ConfigDecoder {
    mutating func decodeGeneral(_ s: Section) -> GeneralSettings {
        checkKeys(s, known: ConfigKeys.general)
        var g = GeneralSettings()
        if let v = userAgent(s) { g.userAgent = v }
        if let v = choice(s, "log_level", LogLevel.self) { g.logLevel = v }
        if let (v, at) = string(s, "tones") {
            if v.unicodeScalars.count == 2, v.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("A"..."Z").contains($0) }) {
                g.tones = v.lowercased()
            } else {
                report("must be a two-letter country code such as \"us\", \"gb\" or \"de\", not \(Self.describe(.string(v)))",
                       in: s, key: "tones", at: at)
            }
        }
        if let v = bool(s, "history") { g.history = v }
        if let v = int(s, "max_redirects", in: 0...20) { g.maxRedirects = v }
        if let v = bool(s, "strict_inbound") { g.strictInbound = v }
        if let v = text(s, "default_account", maxLength: 64) { g.defaultAccount = v }
        if let v = bool(s, "call_waiting") { g.callWaiting = v }
        if let v = choice(s, "dnd_answer", DoNotDisturbAnswer.self) { g.doNotDisturbAnswer = v }
        return g
    }

    /// Goes into the User-Agent header as is: printable ASCII only.
    private mutating func userAgent(_ s: Section) -> String? {
        guard let v = text(s, "user_agent", maxLength: 128) else { return nil }
        guard v.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7F }) else {
            report("must be printable ASCII (it is sent in the User-Agent header)", in: s, key: "user_agent",
                   at: s.table.entry("user_agent")?.position ?? s.table.position)
            return nil
        }
        return v
    }

    mutating func decodeNetwork(_ s: Section) -> NetworkSettings {
        checkKeys(s, known: ConfigKeys.network)
        var n = NetworkSettings()
        if let v = listenSpecs(s) { n.listen = v }
        if let (v, at) = string(s, "advertised_address") {
            if let host = Host.parseAddress(Substring(v)) {
                n.advertisedAddress = host.description.trimming("[]")
            } else {
                report("must be a numeric IPv4 or IPv6 address, not \(Self.describe(.string(v)))", in: s, key: "advertised_address", at: at)
            }
        }
        let low = int(s, "rtp_port_min", in: 1024...65534)
        let high = int(s, "rtp_port_max", in: 1025...65535)
        let lower = UInt16(clamping: low ?? Int(n.rtpPorts.lowerBound))
        let upper = UInt16(clamping: high ?? Int(n.rtpPorts.upperBound))
        if lower < upper {
            n.rtpPorts = lower...upper
        } else if low != nil || high != nil {
            let at = s.table.entry(high != nil ? "rtp_port_max" : "rtp_port_min")?.position ?? s.table.position
            report("rtp_port_min (\(lower)) must be below rtp_port_max (\(upper))", in: s,
                   key: high != nil ? "rtp_port_max" : "rtp_port_min", at: at)
        }
        if let v = server(s, "stun_server") { n.stunServer = v }
        if let v = server(s, "turn_server") { n.turnServer = v }
        if let v = text(s, "turn_user") { n.turnUser = v }
        if let v = secret(s, "turn_password") { n.turnPassword = v }
        if let v = choice(s, "turn_transport", TURNTransportChoice.self) { n.turnTransport = v }
        if let v = bool(s, "ice") { n.ice = v }
        if let v = filePath(s, "tls_ca_file") { n.tlsCAFile = v }
        if let v = filePath(s, "tls_certificate") { n.tlsCertificate = v }
        if let v = filePath(s, "tls_private_key") { n.tlsPrivateKey = v }
        if (n.tlsCertificate == nil) != (n.tlsPrivateKey == nil),
           let entry = s.table.entry("tls_certificate") ?? s.table.entry("tls_private_key") {
            report("tls_certificate and tls_private_key go together: set both or neither", in: s, key: entry.key, at: entry.keyPosition)
        }
        if n.tlsCertificate == nil, let tls = n.listen.firstIndex(where: { $0.hasPrefix("tls:") }),
           let at = s.table["listen"]?.arrayValue?.elements[safe: tls]?.position {
            report("a tls listener needs tls_certificate and tls_private_key", in: s, key: "listen", at: at)
        }
        return n
    }

    mutating func decodeAudio(_ s: Section) -> AudioSettings {
        checkKeys(s, known: ConfigKeys.audio)
        var a = AudioSettings()
        if let v = choice(s, "backend", AudioBackendChoice.self) { a.backend = v }
        if let v = text(s, "input") { a.input = v }
        if let v = text(s, "output") { a.output = v }
        if let v = text(s, "ring_output") { a.ringOutput = v }
        if let v = text(s, "ringtone") { a.ringtone = v }
        if let v = bool(s, "echo_cancel") { a.echoCancel = v }
        if let v = bool(s, "noise_suppression") { a.noiseSuppression = v }
        if let v = int(s, "echo_tail", in: 50...500) { a.echoTail = v }
        if let v = bool(s, "auto_gain") { a.autoGain = v }
        return a
    }
}

extension Array {
    subscript(safe i: Int) -> Element? { indices.contains(i) ? self[i] : nil }
}

extension String {
    func trimming(_ set: String) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s = s.dropFirst() }
        while let l = s.last, set.contains(l) { s = s.dropLast() }
        return String(s)
    }
}
