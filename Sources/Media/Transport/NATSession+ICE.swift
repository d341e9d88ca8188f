import NAT

/// The ICE agent speaks in structured checks; here they become STUN Binding messages
/// with MESSAGE-INTEGRITY and FINGERPRINT (RFC 8445 §7.1–7.3), and back.
extension NATSession {
    func receiveCheck(_ bytes: UnsafeRawBufferPointer, _ message: STUNMessage, from: TransportAddress, arrivedOn: ICEBase,
                      now: ContinuousClock.Instant) {
        guard var agent else { return }
        let username = message.first { if case .username(let u) = $0 { u } else { nil } }
        let key = username.flatMap { agent.key(forUsername: $0) }.map { STUNCredentials.shortTermKey(password: $0) }
        switch STUNRequestValidator.validate(bytes, expectedUsername: nil, key: key ?? []) {
        case .ignore:
            return
        case .reject(let response, _):
            sendFrom(arrivedOn, response, to: from)
            return
        case .accepted:
            break
        }
        guard let id = ICETransactionID(bytes: message.transactionID.bytes) else { return }
        let role: ICERoleAttribute? = message.first {
            switch $0 {
            case .iceControlling(let t): ICERoleAttribute(role: .controlling, tieBreaker: t)
            case .iceControlled(let t): ICERoleAttribute(role: .controlled, tieBreaker: t)
            default: nil
            }
        }
        let priority = message.first { if case .priority(let p) = $0 { p } else { nil } }
        let useCandidate = message.attributes.contains(.useCandidate)
        agent.receiveRequest(ICEIncomingRequest(transactionID: id, username: username, priority: priority,
                                                useCandidate: useCandidate, role: role, arrivedOn: arrivedOn, source: from),
                             now: now)
        self.agent = agent
        drainAgent(now: now)
    }

    func receiveCheckResponse(_ bytes: UnsafeRawBufferPointer, _ message: STUNMessage, from: TransportAddress, arrivedOn: ICEBase,
                              now: ContinuousClock.Instant) {
        guard var agent, let id = ICETransactionID(bytes: message.transactionID.bytes),
              let password = agent.key(forTransaction: id),
              STUNIntegrity.checkFingerprint(bytes) != .invalid else { return }
        let result: ICEIncomingResponse.Result
        if message.messageClass == .successResponse {
            // A success must prove it knows the password; an error may lack integrity.
            guard STUNIntegrity.check(bytes, key: STUNCredentials.shortTermKey(password: password)) == .valid,
                  let mapped = message.xorMappedAddress else { return }
            result = .success(mapped: mapped)
        } else {
            guard STUNIntegrity.check(bytes, key: STUNCredentials.shortTermKey(password: password)) != .invalid,
                  let error = message.errorCode else { return }
            result = .failure(code: error.code)
        }
        agent.receiveResponse(ICEIncomingResponse(transactionID: id, arrivedOn: arrivedOn, source: from, result: result), now: now)
        self.agent = agent
        drainAgent(now: now)
    }

    /// Carries out what the agent asked for and takes note of what it decided.
    func drainAgent(now: ContinuousClock.Instant) {
        guard var agent else { return }
        iceOutputs.removeAll(keepingCapacity: true)
        agent.drainOutputs(into: &iceOutputs)
        self.agent = agent
        for output in iceOutputs {
            switch output {
            case .sendCheck(let check): send(check, now: now)
            case .sendResponse(let response): send(response)
            case .selected(let component, let pair):
                guard component == 1 else {
                    if component == 2, selectedRTCP != pair {
                        selectedRTCP = pair
                        rtcpConsentLost = false
                        if pair.sendingBase.relayed { bindRTCPRelayChannel(to: pair.destination, now: now) }
                        monitor.report(.nat("ICE: RTCP now goes \(pair)"))
                    }
                    continue
                }
                let changed = selected != pair
                selected = pair
                consentLost = false
                if pair.sendingBase.relayed { bindRelayChannel(to: pair.destination, now: now) }
                if changed { monitor.report(.nat("ICE: media now goes \(pair)")) }
            case .completed:
                break
            case .failed(let failure):
                if case .consentLost(let component) = failure { noteConsentLost(component: component) }
                monitor.report(.nat("ICE failed: \(failure)"))
            case .consentLost(let component):
                noteConsentLost(component: component)
                monitor.report(.nat(component == 2
                    ? "ICE: the peer stopped answering consent checks for RTCP; RTCP stops (RFC 7675)"
                    : "ICE: the peer stopped answering consent checks; media stops (RFC 7675)"))
            case .rtcpDropped(let failure):
                releaseRTCPRelay(now: now)
                monitor.report(.nat("ICE: no pair for RTCP (\(failure)); RTCP goes beside ICE"))
            case .roleChanged(let role):
                monitor.report(.nat("ICE: role conflict resolved, now \(role.rawValue)"))
            }
        }
    }

    private func noteConsentLost(component: Int) {
        if component == 2 { rtcpConsentLost = true } else { consentLost = true }
    }

    private func send(_ check: ICECheck, now: ContinuousClock.Instant) {
        guard let id = STUNTransactionID(bytes: check.transactionID.bytes) else { return }
        var attributes: [STUNAttribute] = [.username(check.username), .priority(check.priority)]
        switch check.role.role {
        case .controlling: attributes.append(.iceControlling(tieBreaker: check.role.tieBreaker))
        case .controlled: attributes.append(.iceControlled(tieBreaker: check.role.tieBreaker))
        }
        if check.useCandidate { attributes.append(.useCandidate) }
        let request = STUNMessage(method: .binding, class: .request, transactionID: id, attributes: attributes)
        let bytes = request.encoded(integrity: [.sha1(key: STUNCredentials.shortTermKey(password: check.key))], fingerprint: true)
        if check.from.relayed {
            if isRTCPRelay(check.from.address) { ensureRTCPPermission(for: check.to, now: now) } else { ensurePermission(for: check.to, now: now) }
        }
        sendFrom(check.from, bytes, to: check.to)
    }

    private func send(_ response: ICEResponse) {
        guard let id = STUNTransactionID(bytes: response.transactionID.bytes) else { return }
        let message: STUNMessage
        switch response.result {
        case .success(let mapped):
            message = STUNMessage(method: .binding, class: .successResponse, transactionID: id, attributes: [.xorMappedAddress(mapped)])
        case .failure(let code, let reason):
            message = STUNMessage(method: .binding, class: .errorResponse, transactionID: id,
                                  attributes: [.errorCode(code: code, reason: reason)])
        }
        let integrity = response.key.map { [STUNIntegrity.sha1(key: STUNCredentials.shortTermKey(password: $0))] } ?? []
        sendFrom(response.from, message.encoded(integrity: integrity, fingerprint: true), to: response.to)
    }

    /// Sends from a candidate's base: the socket itself, or the relay.
    func sendFrom(_ base: ICEBase, _ bytes: [UInt8], to destination: TransportAddress) {
        bytes.withUnsafeBytes { raw in
            if base.relayed {
                _ = isRTCPRelay(base.address) ? sendRTCPRelayed(raw, to: destination) : sendRelayed(raw, to: destination)
            } else {
                _ = hostSocket(for: base.address).send(raw, to: SocketAddress(destination))
            }
        }
    }
}
