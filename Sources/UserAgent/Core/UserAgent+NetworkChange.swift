/// ICE restart on our own network change (RFC 8445 §9): when an account's registration
/// finds the NAT maps us anew (a new `received`/`rport`, or STUN), the public candidates
/// its calls signalled are stale. Each established call with ICE restarts it and sends a
/// re-INVITE with new credentials and candidates; media stays on the old pair meanwhile.
extension UserAgent {
    func publicAddressChanged(account name: String) async {
        // Connections ride on the old mapping: the re-INVITEs must not be written on them.
        try? await stack.transport.closeAllConnections().get()
        for leg in calls.values.sorted(by: { $0.id < $1.id }) where leg.account.name == name {
            guard case .established = leg.machine.state, let session = leg.media else { continue }
            guard await session.restartICE(), calls[leg.id] === leg else { continue }
            log(.info, "call \(leg.id): our public address changed; restarting ICE by re-INVITE")
            feed(leg, .refreshSession)
        }
    }
}
