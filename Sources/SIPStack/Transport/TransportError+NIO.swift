import NIOCore
import NIOPosix
import NIOSSL
#if canImport(Glibc)
import Glibc
#endif

extension TransportError {
    /// Maps the errors NIO and NIOSSL raise to the transport's typed error (one place).
    init(_ error: any Error) {
        if let e = error as? TransportError {
            self = e
        } else if let e = error as? IOError {
            self = Self.fromErrno(e.errnoCode, e.description)
        } else if let e = error as? NIOConnectionError {
            // The connect attempts to each resolved address; the first one says why.
            if let first = e.connectionErrors.first {
                self = TransportError(first.error)
            } else {
                self = .other(String(describing: e))
            }
        } else if let e = error as? ChannelError {
            switch e {
            case .connectTimeout: self = .timeout
            case .ioOnClosedChannel, .alreadyClosed, .eof, .outputClosed: self = .connectionClosed
            default: self = .other(String(describing: e))
            }
        } else if let e = error as? NIOSSLExtraError {
            if e == .failedToValidateHostname {
                self = .certificateInvalid(String(describing: e))
            } else {
                self = .tlsHandshakeFailed(String(describing: e))
            }
        } else if let e = error as? NIOSSLError {
            switch e {
            case .handshakeFailed(let inner):
                let text = String(describing: inner)
                // BoringSSL reports chain failures as CERTIFICATE_VERIFY_FAILED.
                if text.uppercased().contains("CERTIFICATE_VERIFY_FAILED") || text.contains("certificate verify") {
                    self = .certificateInvalid(text)
                } else {
                    self = .tlsHandshakeFailed(text)
                }
            case .uncleanShutdown: self = .connectionReset
            default: self = .tlsHandshakeFailed(String(describing: e))
            }
        } else if error is NIOSSLCloseTimedOutError {
            self = .timeout
        } else {
            self = .other(String(describing: error))
        }
    }

    static func fromErrno(_ code: CInt, _ text: String) -> TransportError {
        switch code {
        case ECONNREFUSED: .connectionRefused
        case ECONNRESET, EPIPE: .connectionReset
        case ETIMEDOUT: .timeout
        case EHOSTUNREACH, ENETUNREACH: .unreachable
        case EMSGSIZE: .messageTooLarge
        default: .other(text)
        }
    }
}
