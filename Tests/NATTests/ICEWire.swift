@testable import NAT

/// A test-only bridge between the agent's structured checks and STUN bytes, through the
/// STUN codec: what the media engine's owner does, so the two are proven to fit.
enum ICEWire {
    static func encode(_ check: ICECheck) -> [UInt8] {
        var attributes: [STUNAttribute] = [.username(check.username), .priority(check.priority)]
        if check.useCandidate { attributes.append(.useCandidate) }
        attributes.append(check.role.role == .controlling
            ? .iceControlling(tieBreaker: check.role.tieBreaker) : .iceControlled(tieBreaker: check.role.tieBreaker))
        let message = STUNMessage(method: .binding, class: .request, transactionID: STUNTransactionID(bytes: check.transactionID.bytes)!,
                                  attributes: attributes)
        return message.encoded(integrity: [.sha1(key: STUNCredentials.shortTermKey(password: check.key))], fingerprint: true)
    }

    static func encode(_ response: ICEResponse) -> [UInt8] {
        let id = STUNTransactionID(bytes: response.transactionID.bytes)!
        let message = switch response.result {
        case .success(let mapped): STUNMessage(method: .binding, class: .successResponse, transactionID: id, attributes: [.xorMappedAddress(mapped)])
        case .failure(let code, let reason): STUNMessage(method: .binding, class: .errorResponse, transactionID: id, attributes: [.errorCode(code: code, reason: reason)])
        }
        let integrity: [STUNIntegrity] = response.key.map { [.sha1(key: STUNCredentials.shortTermKey(password: $0))] } ?? []
        return message.encoded(integrity: integrity, fingerprint: true)
    }

    enum Decoded {
        case request(ICEIncomingRequest)
        case response(ICEIncomingResponse)
    }

    /// Parses, checks FINGERPRINT and MESSAGE-INTEGRITY with the key the agent names, and
    /// returns the agent's input; nil for anything to drop.
    static func decode(_ bytes: [UInt8], for agent: ICEAgent, arrivedOn: ICEBase, source: TransportAddress) -> Decoded? {
        guard let message = try? STUNMessage(parsing: bytes), message.method == .binding,
              STUNIntegrity.checkFingerprint(bytes) == .valid,
              let id = ICETransactionID(bytes: message.transactionID.bytes) else { return nil }
        switch message.messageClass {
        case .request:
            var username: String?, priority: UInt32?, useCandidate = false, role: ICERoleAttribute?
            for attribute in message.attributes {
                switch attribute {
                case .username(let u): username = u
                case .priority(let p): priority = p
                case .useCandidate: useCandidate = true
                case .iceControlling(let t): role = ICERoleAttribute(role: .controlling, tieBreaker: t)
                case .iceControlled(let t): role = ICERoleAttribute(role: .controlled, tieBreaker: t)
                default: break
                }
            }
            // A request failing integrity gets a 401 from the owner (not modelled: dropped).
            if let username, let key = agent.key(forUsername: username),
               STUNIntegrity.check(bytes, key: STUNCredentials.shortTermKey(password: key)) != .valid { return nil }
            return .request(ICEIncomingRequest(transactionID: id, username: username, priority: priority, useCandidate: useCandidate,
                                               role: role, arrivedOn: arrivedOn, source: source))
        case .successResponse, .errorResponse:
            guard let key = agent.key(forTransaction: id) else { return nil }
            let integrity = STUNIntegrity.check(bytes, key: STUNCredentials.shortTermKey(password: key))
            if message.messageClass == .successResponse {
                guard integrity == .valid else { return nil }
                for case .xorMappedAddress(let mapped) in message.attributes {
                    return .response(ICEIncomingResponse(transactionID: id, arrivedOn: arrivedOn, source: source, result: .success(mapped: mapped)))
                }
                return nil
            }
            guard integrity != .invalid else { return nil }
            for case .errorCode(let code, _) in message.attributes {
                return .response(ICEIncomingResponse(transactionID: id, arrivedOn: arrivedOn, source: source, result: .failure(code: code)))
            }
            return nil
        case .indication:
            return nil
        }
    }
}
