import NIOSSL
import Synchronization

/// The TLS client contexts for TURN servers, one per extra CA file, made once per process:
/// loading the system trust store takes milliseconds the media thread must not spend at
/// every call (`NATSettings.prepareTLS()` makes it beforehand, off that thread).
enum TURNTLSContexts {
    private static let made = Mutex<[String: NIOSSLContext]>([:])

    /// Full verification (chain and name) against the system store plus `caFile` (PEM).
    static func context(caFile: String?) throws -> NIOSSLContext {
        let key = caFile ?? ""
        if let context = made.withLock({ $0[key] }) { return context }
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.trustRoots = .default
        configuration.additionalTrustRoots = caFile.map { [.file($0)] } ?? []
        configuration.certificateVerification = .fullVerification
        let context = try NIOSSLContext(configuration: configuration)
        made.withLock { $0[key] = context }
        return context
    }
}
