import SIPMessage
import SIPStack

/// How one REGISTER went: the final response and who gave it, or why none came.
struct RegisterExchange: Sendable {
    var response: SIPResponse?
    var failure: String?
    var target: SIPTarget?
    var flow: FlowID?
    /// The hops tried, to keep for the next request (empty: locate again).
    var hops: [SIPTarget]
}

extension AccountRegistration {
    /// Locates the registrar (or outbound proxy) and returns the local address our Contact
    /// names for the first hop; nil when it cannot be located.
    func locate() async -> ContactAddress? {
        let probe = builder.request(for: RegisterPlan(contact: Self.unknownAddress, expires: 0), transport: .udp, cseq: 1)
        do {
            var found = try await stack.nextHops(for: probe)
            // One transport for all hops: the Contact names it.
            let chosen = account.transport ?? found.first?.transport ?? .udp
            found = found.filter { $0.transport == chosen }
            guard let first = found.first, let sentBy = try await stack.transport.sentBy(for: first) else {
                log("\(account.name): no \(chosen) route to the registrar")
                return nil
            }
            hops = found
            transport = chosen
            let address = ContactAddress(host: sentBy.host.description, port: sentBy.port ?? ViaRules.defaultPort(chosen))
            located = address
            return address
        } catch {
            log("\(account.name): cannot locate the registrar: \(error)")
            return nil
        }
    }

    /// Sends the REGISTER for `plan`; its outcome comes back through `finish`.
    func send(_ plan: RegisterPlan) {
        generation += 1
        cseq += 1
        let expected = generation
        guard let transport else {
            apply(.reply(.noResponse(reason: "the registrar could not be located"), jitter: jitter()))
            return
        }
        var request: SIPRequest
        if plan.answeringChallenge, let answer = challengeAnswer {
            request = RegisterRequestBuilder.renumbered(answer, cseq: cseq)
        } else {
            request = builder.request(for: plan, transport: transport, cseq: cseq)
            digest.authorize(&request)  // credentials for a cached nonce, before being asked
        }
        challengeAnswer = nil
        let contact = builder.contactURI(plan.contact, transport: transport)
        log("\(account.name): REGISTER \(contact) expires=\(plan.expires)" + (plan.removing.map { ", removing \($0)" } ?? ""))
        let stack = self.stack
        let hops = self.hops, preferred = target, flow = self.flow
        Task { [weak self] in
            let outcome = await Self.exchange(request, over: stack, hops: hops, transport: transport,
                                              preferred: preferred, flow: flow)
            let seen = await self?.publicAddressBySTUN(after: outcome.response, expires: plan.expires)
            await self?.finish(outcome, request: request, contact: contact, generation: expected, stunAddress: seen)
        }
    }

    /// Reads the outcome of the REGISTER `generation` and feeds it to the machine.
    /// `stunAddress`: where the STUN server saw the SIP socket, for a 2xx that did not say.
    func finish(_ outcome: RegisterExchange, request: SIPRequest, contact: SIPURI, generation expected: Int,
                stunAddress: ContactAddress? = nil) {
        guard expected == generation else { return }
        hops = outcome.hops
        if let answered = outcome.target { target = answered }
        flow = outcome.flow
        guard let response = outcome.response else {
            let reason = outcome.failure ?? "no response"
            log("\(account.name): REGISTER failed: \(reason)")
            hops = []  // locate again: DNS may name other servers now
            return apply(.reply(.noResponse(reason: reason), jitter: jitter()))
        }
        let code = response.statusCode
        log("\(account.name): REGISTER → \(code) \(RegistrationReply.printable(response.reasonPhrase))")
        let reply: RegistrationReply
        if code == 401 || code == 407 {
            switch digest.handle(response, to: request) {
            case .retry(let answer):
                challengeAnswer = answer
                reply = .challenged(code: code, canRetry: true, reason: "")
            case .failed(let failure):
                reply = .challenged(code: code, canRetry: false, reason: failure.description)
            case .notAChallenge:
                reply = .rejected(code: code, reason: RegistrationReply.printable(response.reasonPhrase), retryAfter: nil)
            }
        } else {
            _ = digest.handle(response, to: request)  // a 2xx may carry nextnonce
            let read = RegistrationReply.read(response, contact: contact, followNAT: transport == .udp)
            if case .accepted(let granted, nil) = read, let stunAddress {
                reply = .accepted(granted: granted, natAddress: stunAddress)
            } else {
                reply = read
            }
        }
        let before = machine.contact
        let wasRegistered: Bool = switch machine.state {
        case .registered, .refreshing: true
        default: false
        }
        apply(.reply(reply, jitter: jitter()))
        if wasRegistered, let before, let after = machine.contact, after != before {
            log("\(account.name): the registrar sees us at \(after.host):\(after.port) now, not \(before.host):\(before.port)")
            options.onPublicAddressChange?()
        }
    }

    /// Tries the hops in order (the one that answered last first) until one gives a final
    /// response other than 503: TCP/TLS over a connection held for the registration. With
    /// no hops known (after a failure), locates them again.
    static func exchange(_ request: SIPRequest, over stack: SIPStack, hops: [SIPTarget], transport: SIPTransport,
                         preferred: SIPTarget?, flow: FlowID?) async -> RegisterExchange {
        var ordered = hops
        if ordered.isEmpty {
            do {
                ordered = try await stack.nextHops(for: request).filter { $0.transport == transport }
            } catch {
                return RegisterExchange(failure: "cannot locate the registrar: \(error)", hops: [])
            }
        }
        if let preferred, let index = ordered.firstIndex(of: preferred) {
            ordered.remove(at: index)
            ordered.insert(preferred, at: 0)
        }
        guard !ordered.isEmpty else { return RegisterExchange(failure: "no registrar address", hops: []) }
        var lastFailure = "no response"
        var unavailable: (SIPResponse, SIPTarget, FlowID?)?
        for (index, hop) in ordered.enumerated() {
            var pinned: FlowID?
            if hop.transport != .udp {
                if let flow, hop == preferred {
                    pinned = flow
                } else {
                    do { pinned = try await stack.connectionFlow(to: hop) } catch {
                        lastFailure = "cannot connect to \(hop): \(error)"
                        continue
                    }
                }
            }
            do {
                var final: SIPResponse?
                for try await response in stack.send(request, to: [hop], over: pinned) where response.statusCode >= 200 {
                    final = response
                }
                guard let final else { continue }
                // RFC 3263 §4.3: a 503 sends the request to the next server.
                if final.statusCode == 503, index < ordered.count - 1 {
                    unavailable = (final, hop, pinned)
                    continue
                }
                return RegisterExchange(response: final, target: hop, flow: pinned, hops: ordered)
            } catch {
                lastFailure = "\(error)"
            }
        }
        if let (response, hop, pinned) = unavailable {
            return RegisterExchange(response: response, target: hop, flow: pinned, hops: ordered)
        }
        return RegisterExchange(failure: lastFailure, hops: ordered)
    }

    /// Registered: keep the registrar's flow alive (UDP: the NAT binding; TCP/TLS: the
    /// connection, with CRLF ping-pong). Otherwise no keep-alives.
    func updateKeepAlive(for state: RegistrationState) {
        guard case .registered = state, let target else {
            if case .refreshing = state { return }
            return cancelKeepAlive()
        }
        let pinned = target.transport == .udp ? nil : flow
        if let running = keepAlive, running.target == target, running.flow == pinned { return }
        cancelKeepAlive()
        let interval = target.transport == .udp ? options.udpKeepAlive : options.connectionKeepAlive
        guard let interval, target.transport == .udp || pinned != nil else { return }
        let handle = stack.startKeepAlive(to: target, every: interval, using: .crlf, over: pinned)
        keepAlive = (handle, target, pinned)
        if target.transport == .udp { startSTUNWatch(every: interval) }
    }

    func cancelKeepAlive() {
        stunWatch?.cancel()
        stunWatch = nil
        keepAlive?.handle.cancel()
        keepAlive = nil
    }
}
