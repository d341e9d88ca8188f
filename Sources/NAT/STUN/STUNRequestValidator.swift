/// The server side of a STUN request (RFC 8489 §6.3, with short-term credentials as ICE
/// uses them, RFC 8445 §7.3): decides whether to accept an incoming request and builds the
/// error response when not. Pure; the owner sends the bytes back to the source.
public enum STUNRequestValidator {
    public enum Verdict: Equatable, Sendable {
        /// A well-formed request that passed the checks: answer it (`successResponse`).
        case accepted(STUNMessage)
        /// Send these bytes back (400, 401 or 420).
        case reject(response: [UInt8], code: Int)
        /// Not a request, unparseable, or a bad FINGERPRINT: drop silently (answering
        /// garbage would make us a reflector).
        case ignore
    }

    /// - Parameters:
    ///   - expectedUsername: the USERNAME the request must carry (ICE: "local:remote"
    ///     ufrags), or nil to accept any.
    ///   - key: the short-term key; nil for unauthenticated requests (a plain STUN server).
    public static func validate(_ bytes: UnsafeRawBufferPointer, expectedUsername: String?, key: [UInt8]?) -> Verdict {
        guard let request = try? STUNMessage(parsing: bytes), request.messageClass == .request,
              STUNIntegrity.checkFingerprint(bytes) != .invalid else { return .ignore }
        let unknown = request.unknownComprehensionRequired
        if !unknown.isEmpty {
            return reject(request, 420, "Unknown Attribute", [.unknownAttributes(unknown)])
        }
        guard let key else { return .accepted(request) }
        let username = request.first { if case .username(let u) = $0 { u } else { nil } }
        let integrity = STUNIntegrity.check(bytes, key: key)
        guard integrity != .absent, let username else { return reject(request, 400, "Bad Request") }
        if let expectedUsername, username != expectedUsername { return reject(request, 401, "Unauthorized") }
        guard integrity == .valid else { return reject(request, 401, "Unauthorized") }
        return .accepted(request)
    }

    public static func validate(_ bytes: [UInt8], expectedUsername: String?, key: [UInt8]?) -> Verdict {
        bytes.withUnsafeBytes { validate($0, expectedUsername: expectedUsername, key: key) }
    }

    /// Error responses carry no MESSAGE-INTEGRITY (the request failed it, or had none);
    /// FINGERPRINT lets ICE agents demultiplex them.
    private static func reject(_ request: STUNMessage, _ code: Int, _ reason: String, _ extra: [STUNAttribute] = []) -> Verdict {
        .reject(response: request.errorResponse(code: code, reason: reason, extra).encoded(fingerprint: true), code: code)
    }
}

extension STUNMessage {
    /// A success response to this request: same method and transaction ID.
    public func successResponse(_ attributes: [STUNAttribute]) -> STUNMessage {
        STUNMessage(method: method, class: .successResponse, transactionID: transactionID, attributes: attributes)
    }

    /// An error response to this request (e.g. 487 Role Conflict for ICE).
    public func errorResponse(code: Int, reason: String, _ attributes: [STUNAttribute] = []) -> STUNMessage {
        STUNMessage(method: method, class: .errorResponse, transactionID: transactionID,
                    attributes: [.errorCode(code: code, reason: reason)] + attributes)
    }
}
