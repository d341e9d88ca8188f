import SIPStack

extension SIPStack.Configuration {
    /// The stack settings a configuration file asks for: listeners, the advertised
    /// address, TLS files.
    public init(_ config: PipitConfig) {
        self.init()
        listen = config.network.listen
        advertisedAddress = config.network.advertisedAddress
        transport.tls.additionalCAFile = config.network.tlsCAFile
        transport.tls.certificateChainFile = config.network.tlsCertificate
        transport.tls.privateKeyFile = config.network.tlsPrivateKey
    }
}
