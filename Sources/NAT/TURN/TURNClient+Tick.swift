extension TURNClient {
    /// Retransmits, times out and refreshes what is due.
    public mutating func tick(now: ContinuousClock.Instant) -> [Output] {
        var out: [Output] = []
        var index = 0
        while index < pending.count {
            switch pending[index].transaction.tick(now: now) {
            case .wait:
                index += 1
            case .retransmit:
                out.append(.send(pending[index].transaction.request))
                index += 1
            case .timedOut:
                let request = pending.remove(at: index)
                out += failed(request, .timeout(method: request.method))
            }
        }
        guard case .allocated = state else { return out }
        if let at = allocationRefreshAt, now >= at, !pending.contains(where: { if case .refresh = $0.kind { true } else { false } }) {
            allocationRefreshAt = nil
            out.append(.send(send(.refresh(lifetime: 600), method: .refresh, attributes: [.lifetime(600)], now: now)))
        }
        for (ip, at) in permissions where now >= at && !pending.contains(where: { $0.kind == .permission(ip) }) {
            permissions[ip] = now + Self.permissionRefresh
            out.append(.send(send(.permission(ip), method: .createPermission, attributes: [.xorPeerAddress(ip)], now: now)))
        }
        for (peer, channel) in channels {
            guard let at = channel.refreshAt, now >= at else { continue }
            channels[peer]?.refreshAt = nil
            out.append(.send(send(.channelBind(peer, channel.number), method: .channelBind,
                                  attributes: [.channelNumber(channel.number), .xorPeerAddress(peer)], now: now)))
        }
        return out
    }
}
