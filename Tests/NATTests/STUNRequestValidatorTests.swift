import Testing
@testable import NAT

/// The server side, on RFC 5769's sample request (an ICE connectivity check).
@Suite(.timeLimit(.minutes(1)))
struct STUNRequestValidatorTests {
    let key = STUNCredentials.shortTermKey(password: STUNVectors.shortTermPassword)

    @Test func acceptsTheSampleRequestAndAnswersIt() throws {
        let verdict = STUNRequestValidator.validate(STUNVectors.request, expectedUsername: "evtj:h6vY", key: key)
        guard case .accepted(let request) = verdict else { Issue.record("\(verdict)"); return }
        #expect(request.attributes.contains(.priority(0x6e00_01ff)))
        // The answer RFC 5769 §2.2 shows, byte for byte.
        let mapped = try #require(TransportAddress(host: "192.0.2.1", port: 32853))
        let response = request.successResponse([.software("test vector"), .xorMappedAddress(mapped)])
        #expect(response.encoded(integrity: [.sha1(key: key)], fingerprint: true, padding: 0x20) == STUNVectors.ipv4Response)
    }

    @Test func rejectsWithTheRightCodes() throws {
        func code(_ verdict: STUNRequestValidator.Verdict) -> Int? {
            if case .reject(let bytes, let code) = verdict {
                // The response is a parseable error response to the same transaction.
                let message = try? STUNMessage(parsing: bytes)
                #expect(message?.errorCode?.code == code && message?.messageClass == .errorResponse)
                #expect(STUNIntegrity.checkFingerprint(bytes) == .valid)
                return code
            }
            return nil
        }
        #expect(code(STUNRequestValidator.validate(STUNVectors.request, expectedUsername: "other:user", key: key)) == 401)
        #expect(code(STUNRequestValidator.validate(STUNVectors.request, expectedUsername: nil, key: [1, 2])) == 401)
        let unsigned = STUNMessage(method: .binding, class: .request, attributes: [.username("evtj:h6vY")]).encoded()
        #expect(code(STUNRequestValidator.validate(unsigned, expectedUsername: nil, key: key)) == 400)
        let unknown = STUNMessage(method: .binding, class: .request, attributes: [.other(type: 0x0777, value: [1])]).encoded()
        #expect(code(STUNRequestValidator.validate(unknown, expectedUsername: nil, key: nil)) == 420)
        let parsed = try STUNMessage(parsing: STUNRequestValidator.validate(unknown, expectedUsername: nil, key: nil).responseBytes ?? [])
        #expect(parsed.attributes.contains(.unknownAttributes([0x0777])))
        // Role conflict, as ICE answers it.
        let conflict = try STUNMessage(parsing: STUNVectors.request).errorResponse(code: 487, reason: "Role Conflict")
        #expect(try STUNMessage(parsing: conflict.encoded()).errorCode?.code == 487)
    }

    @Test func ignoresWhatIsNotAValidRequest() {
        var badFingerprint = STUNVectors.request
        badFingerprint[badFingerprint.count - 1] ^= 1
        #expect(STUNRequestValidator.validate(badFingerprint, expectedUsername: nil, key: key) == .ignore)
        #expect(STUNRequestValidator.validate(STUNVectors.ipv4Response, expectedUsername: nil, key: key) == .ignore)
        #expect(STUNRequestValidator.validate([0x40, 0, 0, 0], expectedUsername: nil, key: key) == .ignore)
        let plain = STUNMessage(method: .binding, class: .request).encoded()
        if case .accepted = STUNRequestValidator.validate(plain, expectedUsername: nil, key: nil) {} else { Issue.record("plain STUN refused") }
    }
}

extension STUNRequestValidator.Verdict {
    var responseBytes: [UInt8]? { if case .reject(let bytes, _) = self { bytes } else { nil } }
}
