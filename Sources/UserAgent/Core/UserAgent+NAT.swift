import Media

/// `nat status`: the accounts' STUN/TURN/ICE settings and each live call's traversal.
extension UserAgent {
    func natStatus(_ id: CallNumber?) async {
        if let id, calls[id].map({ $0.machine.isOver }) ?? true { return emit(.error("no call \(id)")) }
        // Calls take their settings from the media side's `[network]` (nil: no traversal)
        // with the account's overrides, as NATConfiguration does.
        let network = (media as? EngineMedia)?.network
        var accounts: [NATReport.Account] = []
        for account in config.accounts {
            var entry = NATReport.Account(name: account.name, ice: network.map { account.ice ?? $0.ice } ?? false)
            if let network {
                entry.stunServer = account.stunServer ?? network.stunServer
                entry.turnServer = account.turnServer ?? network.turnServer
                if entry.turnServer != nil {
                    entry.turnTransport = account.turnTransport ?? network.turnTransport
                    entry.turnUser = account.turnUser ?? network.turnUser
                }
            }
            switch registrationState(of: account) {
            case .registered, .refreshing:
                entry.registeredContact = await registrations[account.name]?.contact?.description
            default:
                break
            }
            accounts.append(entry)
        }
        let legs = id.flatMap { calls[$0] }.map { [$0] } ?? calls.values.filter { !$0.machine.isOver }.sorted { $0.id < $1.id }
        var reported: [NATReport.Call] = []
        for leg in legs {
            // The media thread publishes the figures once the stream runs.
            guard let snapshot = await leg.media?.statistics() else {
                reported.append(NATReport.Call(call: leg.id, account: leg.account.name, nat: nil, behaviour: "no media yet"))
                continue
            }
            let stun = network.flatMap { leg.account.stunServer ?? $0.stunServer } != nil
            reported.append(NATReport.Call(call: leg.id, account: leg.account.name, nat: snapshot.nat,
                                           behaviour: NATReport.behaviour(of: snapshot.nat, stunServer: stun)))
        }
        emit(.natStatus(NATReport(accounts: accounts, calls: reported)))
    }
}
