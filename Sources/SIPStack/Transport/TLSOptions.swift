import NIOSSL

/// TLS settings: client verification for connections we open, and the certificate the
/// TLS listener presents.
public struct TLSOptions: Sendable {
    /// A PEM file of extra CA certificates trusted besides the system store, for every
    /// TLS connection.
    public var additionalCAFile: String?
    /// A PEM CA file per SIP domain: an account's own CA (a PBX with a private CA), trusted
    /// only for connections whose server name is that domain (lower case). Adds to the
    /// system store and `additionalCAFile`.
    public var domainCAFiles: [String: String] = [:]
    /// Disables all certificate verification. For tests against self-signed servers only:
    /// anyone on the path can then read and change the signalling.
    public var insecureSkipVerification: Bool
    /// PEM certificate chain (leaf first) the TLS listener presents.
    public var certificateChainFile: String?
    /// PEM private key of the listener's certificate.
    public var privateKeyFile: String?

    public init(additionalCAFile: String? = nil, insecureSkipVerification: Bool = false,
                certificateChainFile: String? = nil, privateKeyFile: String? = nil) {
        self.additionalCAFile = additionalCAFile
        self.insecureSkipVerification = insecureSkipVerification
        self.certificateChainFile = certificateChainFile
        self.privateKeyFile = privateKeyFile
    }

    /// The CA file trusted for a connection to `serverName`, besides the common ones.
    func domainCAFile(for serverName: String?) -> String? {
        serverName.flatMap { domainCAFiles[$0.lowercased()] }
    }

    /// The client context: system roots plus the extra CA files, full verification (chain
    /// and host name) unless verification is switched off.
    func makeClientContext(domainCAFile: String? = nil) throws -> NIOSSLContext {
        var config = TLSConfiguration.makeClientConfiguration()
        config.trustRoots = .default
        config.additionalTrustRoots = [additionalCAFile, domainCAFile].compactMap { $0 }.map { .file($0) }
        config.certificateVerification = insecureSkipVerification ? .none : .fullVerification
        return try NIOSSLContext(configuration: config)
    }

    /// The server context for a TLS listener.
    func makeServerContext() throws -> NIOSSLContext {
        guard let certificateChainFile, let privateKeyFile else {
            throw TransportError.noListener("a TLS listener needs certificateChainFile and privateKeyFile")
        }
        let chain = try NIOSSLCertificate.fromPEMFile(certificateChainFile).map { NIOSSLCertificateSource.certificate($0) }
        let key = try NIOSSLPrivateKey(file: privateKeyFile, format: .pem)
        let config = TLSConfiguration.makeServerConfiguration(certificateChain: chain, privateKey: .privateKey(key))
        return try NIOSSLContext(configuration: config)
    }
}
