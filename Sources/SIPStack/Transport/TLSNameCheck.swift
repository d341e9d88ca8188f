import NIOSSL

/// RFC 5922 §7.2 host check for a SIP domain: when we connect for a DNS name, the server
/// certificate must carry that name as a DNS subjectAltName.
///
/// NIOSSL's own check accepts a certificate that names either the host name or the
/// connected IP address; a SIP client connecting for `example.com` must not accept a
/// certificate just because it names the IP, so this runs after NIOSSL's.
enum TLSNameCheck {
    /// Whether one of `dnsNames` equals `serverName`: case-insensitive, a trailing dot
    /// ignored, whole names only — RFC 5922 §7.2 forbids suffix and wildcard matches.
    static func matches(serverName: String, dnsNames: [String]) -> Bool {
        func normal(_ s: String) -> String {
            let lower = s.lowercased()
            return lower.hasSuffix(".") ? String(lower.dropLast()) : lower
        }
        let want = normal(serverName)
        return !want.isEmpty && dnsNames.contains { normal($0) == want }
    }

    /// The DNS subjectAltNames of a certificate.
    static func dnsNames(of certificate: NIOSSLCertificate) -> [String] {
        certificate._subjectAlternativeNames().compactMap { name in
            guard name.nameType == .dnsName else { return nil }
            return String(decoding: Array(name.contents), as: UTF8.self)
        }
    }
}
