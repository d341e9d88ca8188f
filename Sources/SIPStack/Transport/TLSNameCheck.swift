import NIOSSL

/// RFC 5922 §7.2 host check for a SIP domain: when we connect for a DNS name, the server
/// certificate must carry that name as a DNS subjectAltName.
///
/// NIOSSL's own check accepts a certificate that names either the host name or the
/// connected IP address; a SIP client connecting for `example.com` must not accept a
/// certificate just because it names the IP, so this runs after NIOSSL's.
enum TLSNameCheck {
    /// Whether one of `dnsNames` matches `serverName`: case-insensitive, a trailing dot
    /// ignored, and a `*.` wildcard matching exactly one left-most label.
    static func matches(serverName: String, dnsNames: [String]) -> Bool {
        func normal(_ s: String) -> String {
            let lower = s.lowercased()
            return lower.hasSuffix(".") ? String(lower.dropLast()) : lower
        }
        let want = normal(serverName)
        for candidate in dnsNames.map(normal) {
            if candidate == want { return true }
            if candidate.hasPrefix("*."), let dot = want.firstIndex(of: ".") {
                let wantRest = want[want.index(after: dot)...]
                if !wantRest.isEmpty, wantRest.contains("."), candidate.dropFirst(2) == wantRest { return true }
            }
        }
        return false
    }

    /// The DNS subjectAltNames of a certificate.
    static func dnsNames(of certificate: NIOSSLCertificate) -> [String] {
        certificate._subjectAlternativeNames().compactMap { name in
            guard name.nameType == .dnsName else { return nil }
            return String(decoding: Array(name.contents), as: UTF8.self)
        }
    }
}
