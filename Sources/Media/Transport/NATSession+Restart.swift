import NAT

/// ICE restart on our own network change (RFC 8445 §9): the public address we signalled
/// is stale (the NAT mapped us anew), so the agent takes new credentials, learns its
/// server-reflexive candidates again, and the next offer carries both. Media stays on the
/// old pair until the new checks select one.
extension NATSession {
    /// Restarts ICE from our side; false when there is nothing to restart (ICE off, or
    /// the peer does not do it). `whenGathered` then waits for the new bindings.
    @discardableResult
    func restartForNetworkChange(now: ContinuousClock.Instant) -> Bool {
        guard var agent, remoteDoesICE else { return false }
        var generator = SystemRandomNumberGenerator()
        agent.restart(using: &generator)
        agent.removeLocalCandidates { $0.kind == .serverReflexive }
        self.agent = agent
        gathering.publicAddress = nil
        gathering.stunFailure = nil
        gathered = false
        startBindings(now: now)
        gatherDeadline = now + settings.gatherTimeout
        finishGatheringIfDone(now: now)
        monitor.report(.nat("ICE: our network changed; restarting ICE with new credentials"))
        return true
    }
}
