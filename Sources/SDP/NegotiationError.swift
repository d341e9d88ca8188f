/// Why an answer cannot be used with the offer it answers.
public enum NegotiationError: Error, Equatable, Sendable, CustomStringConvertible {
    case mediaCountMismatch(offered: Int, answered: Int)
    case mediaTypeMismatch(index: Int, offered: String, answered: String)
    /// The answer gave a port to a stream the offer had disabled.
    case rejectedStreamAccepted(index: Int)
    case codecNotOffered(index: Int, format: String)
    case noCodec(index: Int)
    case missingConnection(index: Int)
    case cryptoNotOffered(index: Int, tag: UInt32)
    case missingCrypto(index: Int)

    public var description: String {
        switch self {
        case .mediaCountMismatch(let o, let a): "answer has \(a) m-lines, the offer had \(o)"
        case .mediaTypeMismatch(let i, let o, let a): "m-line \(i): answer is \(a), offer was \(o)"
        case .rejectedStreamAccepted(let i): "m-line \(i): answer accepts a stream the offer disabled"
        case .codecNotOffered(let i, let f): "m-line \(i): answer uses format \(f), which was not offered"
        case .noCodec(let i): "m-line \(i): answer accepts the stream without a codec"
        case .missingConnection(let i): "m-line \(i): no c= line for the stream"
        case .cryptoNotOffered(let i, let t): "m-line \(i): answer's crypto tag \(t) does not match an offered line"
        case .missingCrypto(let i): "m-line \(i): SRTP stream answered without a=crypto"
        }
    }
}
