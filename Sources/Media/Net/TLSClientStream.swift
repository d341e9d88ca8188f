import NAT
import NIOCore
import NIOEmbedded
import NIOSSL

/// A TLS client whose bytes the caller carries: plaintext goes in with `write`, the
/// ciphertext to send comes out of `takeCiphertext`, received ciphertext goes in with
/// `receive` and its plaintext comes back. No sockets and no threads of its own, so it
/// runs on the media thread beside the non-blocking TCP socket (TURN over TLS, RFC 8656
/// §3.1) without ever blocking it.
///
/// It is NIOSSL's client handler in an `EmbeddedChannel` driven by hand: the same BoringSSL
/// and verification as SIP over TLS. Use on one thread only (the one that created it).
final class TLSClientStream {
    /// Why the TLS connection failed, worded for the user.
    enum Failure: Error, Equatable, CustomStringConvertible {
        /// The chain does not end at a trusted CA (system store or `tls_ca_file`), or a
        /// certificate in it is expired or malformed.
        case untrusted
        /// The certificate is valid but names another host.
        case wrongName(String)
        case handshake(String)
        /// The server closed the connection (close_notify or EOF).
        case closed
        /// The TCP connection under TLS failed (reset, refused, unreachable).
        case connectionFailed
        /// The connection could not be set up (bad CA file, SNI name).
        case setup(String)

        var description: String {
            switch self {
            case .untrusted: "certificate not trusted"
            case .wrongName(let name): "the certificate does not name \(name)"
            case .handshake(let why): "TLS handshake failed: \(why)"
            case .closed: "the server closed the TLS connection"
            case .connectionFailed: "the connection failed"
            case .setup(let why): "cannot set up TLS: \(why)"
            }
        }
    }

    /// Internal for the tests that check it is freed.
    let channel: EmbeddedChannel
    private let serverName: String
    private var scratch: ByteBuffer
    private var inbound: ByteBuffer
    private var tornDown = false

    /// Starts the handshake with `server` (its ClientHello is then in `takeCiphertext`).
    /// `serverName`: the name the certificate must carry (sent as SNI); an IP address is
    /// checked against the certificate's IP addresses instead, and sent as no SNI.
    init(context: NIOSSLContext, serverName: String, server: TransportAddress) throws(Failure) {
        self.serverName = serverName
        channel = EmbeddedChannel()
        scratch = channel.allocator.buffer(capacity: 2048)
        inbound = channel.allocator.buffer(capacity: 4096)
        let isAddress = TransportAddress(host: serverName, port: server.port) != nil
        do {
            let handler = try NIOSSLClientHandler(context: context, serverHostname: isAddress ? nil : serverName)
            try channel.pipeline.syncOperations.addHandler(handler)
            // The address NIOSSL checks an IP certificate against (and nothing else here).
            let remote = try NIOCore.SocketAddress(ipAddress: server.host, port: Int(server.port))
            channel.connect(to: remote, promise: nil)
        } catch {
            throw .setup("\(error)")
        }
    }

    /// Encrypts `plaintext` (buffered inside until the handshake is over).
    func write(_ plaintext: UnsafeRawBufferPointer) throws(Failure) {
        guard channel.isActive else { throw .closed }
        scratch.clear()
        scratch.writeBytes(plaintext)
        // Not `writeOutbound`: it waits for the write's promise, which NIOSSL keeps
        // pending until the handshake is over. Failures come back as caught errors.
        channel.writeAndFlush(scratch, promise: nil)
        do {
            try channel.throwIfErrorCaught()
        } catch {
            throw map(error)
        }
    }

    /// Hands each piece of ciphertext waiting to be sent to `send`, in order.
    func takeCiphertext(_ send: (UnsafeRawBufferPointer) -> Void) {
        while let chunk = try? channel.readOutbound(as: ByteBuffer.self) {
            chunk.withUnsafeReadableBytes(send)
        }
    }

    /// Decrypts `ciphertext` from the server, handing the plaintext to `deliver`; throws
    /// when the handshake or the connection failed (an alert for the server may then be
    /// waiting in `takeCiphertext`).
    func receive(_ ciphertext: UnsafeRawBufferPointer, deliver: (UnsafeRawBufferPointer) -> Void) throws(Failure) {
        // Kept and refilled: once BoringSSL has read it, NIOSSL lets go and no copy is made.
        inbound.clear()
        inbound.writeBytes(ciphertext)
        var failure: Failure?
        do {
            try channel.writeInbound(inbound)
        } catch {
            failure = map(error)
        }
        while let chunk = try? channel.readInbound(as: ByteBuffer.self) {
            chunk.withUnsafeReadableBytes(deliver)
        }
        if let failure { throw failure }
        if !channel.isActive { throw .closed }
    }

    /// Ends TLS: close_notify goes to `send` (with anything still waiting), then the
    /// engine is torn down without waiting for the server's answer.
    func close(_ send: (UnsafeRawBufferPointer) -> Void) {
        if channel.isActive { channel.close(promise: nil) }
        takeCiphertext(send)
        tearDown()
    }

    deinit {
        tearDown()
    }

    /// NIOSSL waits for the server's close_notify with a timer on the loop; an embedded
    /// loop freed with a timer pending traps. So time jumps past it (the handler gives up
    /// and closes), and `finish` cancels whatever is left.
    private func tearDown() {
        guard !tornDown else { return }
        tornDown = true
        if channel.isActive { channel.close(promise: nil) }
        channel.embeddedEventLoop.advanceTime(by: .hours(1))
        _ = try? channel.finish(acceptAlreadyClosed: true)
    }

    private func map(_ error: Error) -> Failure {
        if let extra = error as? NIOSSLExtraError, extra == .failedToValidateHostname {
            return .wrongName(serverName)
        }
        if let ssl = error as? NIOSSLError {
            switch ssl {
            case .handshakeFailed(let inner):
                let text = "\(inner)"
                if text.uppercased().contains("CERTIFICATE_VERIFY_FAILED") { return .untrusted }
                return .handshake(text)
            case .uncleanShutdown: return .closed
            default: return .handshake("\(ssl)")
            }
        }
        if error is ChannelError { return .closed }
        return .handshake("\(error)")
    }
}
