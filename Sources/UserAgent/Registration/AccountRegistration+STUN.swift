import NAT
import SIPMessage
import SIPStack

/// STUN for the Contact (RFC 5626 §4.4.2, RFC 8489): when a registrar's 2xx says nothing
/// of where it saw us (no `received`/`rport`), a Binding request from the SIP socket to
/// the account's STUN server names the socket's public address, which the registration
/// then registers (the same rebinding as for `received`/`rport`). Every refresh asks
/// again, so a NAT that moved us is followed.
extension AccountRegistration {
    /// How long one probe may hold up the registration's outcome.
    static let stunProbeLimit: Duration = .seconds(3)

    /// The SIP socket's public address, when the account has a STUN server, the
    /// registration runs over UDP, and `response` is a 2xx without `received`/`rport`;
    /// nil otherwise or without an answer in time.
    func publicAddressBySTUN(after response: SIPResponse?, expires: Int) async -> ContactAddress? {
        guard let response, (200..<300).contains(response.statusCode), expires > 0,
              RegistrationReply.natAddress(in: .response(response)) == nil else { return nil }
        return await probeSTUN()
    }

    /// One Binding request from the SIP socket (UDP accounts with a STUN server).
    func probeSTUN() async -> ContactAddress? {
        guard transport == .udp, let server = options.stunServer, stunProbe == nil else { return nil }
        let target = SIPTarget(transport: .udp, address: server.host, port: server.port)
        var client = STUNBindingClient(software: options.userAgent)
        let outputs = client.start(now: .now)
        stunProbe = (client, target)
        return await withCheckedContinuation { (done: CheckedContinuation<ContactAddress?, Never>) in
            stunDone = done
            handleSTUN(outputs)
            Task { [weak self] in await self?.driveSTUN(until: .now + Self.stunProbeLimit) }
        }
    }

    /// While registered over UDP: asks the STUN server every `interval` where it sees the
    /// SIP socket (this also keeps the NAT binding open, RFC 5626 §4.4.2). When the answer
    /// is not the registered Contact, the NAT moved us: register again at once (the answer's
    /// `received`, or STUN, names the new address, and calls restart ICE).
    func startSTUNWatch(every interval: Duration) {
        stunWatch?.cancel()
        guard options.stunServer != nil, transport == .udp else { return }
        stunWatch = Task { [weak self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                guard !Task.isCancelled, let self else { return }
                await self.checkPublicAddress()
            }
        }
    }

    private func checkPublicAddress() async {
        guard case .registered = machine.state, let registered = machine.contact, let seen = await probeSTUN(),
              case .registered = machine.state, machine.contact == registered, seen != registered else { return }
        log("\(account.name): the STUN server now sees the SIP socket at \(seen.host):\(seen.port), not \(registered.host):\(registered.port); registering again")
        apply(.refresh)
    }

    /// A STUN message that arrived on the SIP socket: the answer to the probe, or not ours.
    func stunReceived(_ bytes: [UInt8], from source: SIPTarget) {
        guard case (var client, let target)? = stunProbe, source.address == target.address, source.port == target.port,
              let output = client.receive(bytes, now: .now) else { return }
        stunProbe = (client, target)
        handleSTUN([output])
    }

    /// Retransmits until an answer, the client's own time-out, or `deadline`.
    private func driveSTUN(until deadline: ContinuousClock.Instant) async {
        for _ in 0..<32 {
            guard case (var client, let target)? = stunProbe else { return }
            let due = min(client.nextDeadline ?? deadline, deadline)
            try? await Task.sleep(until: due, clock: .continuous)
            guard let current = stunProbe, current.target == target else { return }
            client = current.client
            if ContinuousClock.now >= deadline {
                log("\(account.name): no answer from the STUN server \(target.address):\(target.port)")
                return finishSTUN(nil)
            }
            let outputs = client.tick(now: .now)
            stunProbe = (client, target)
            handleSTUN(outputs)
        }
        finishSTUN(nil)
    }

    private func handleSTUN(_ outputs: [STUNBindingClient.Output]) {
        guard let target = stunProbe?.target else { return }
        for output in outputs {
            switch output {
            case .send(let bytes):
                let stack = self.stack
                Task { try? await stack.sendSTUN(bytes, to: target) }
            case .succeeded(let mapped):
                log("\(account.name): the STUN server sees the SIP socket as \(mapped)")
                finishSTUN(ContactAddress(host: mapped.family == .ipv6 ? "[\(mapped.host)]" : mapped.host, port: mapped.port))
            case .failed(let failure):
                log("\(account.name): \(failure)")
                finishSTUN(nil)
            }
        }
    }

    private func finishSTUN(_ address: ContactAddress?) {
        stunProbe = nil
        let done = stunDone
        stunDone = nil
        done?.resume(returning: address)
    }
}
