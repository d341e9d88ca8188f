import Media

/// Our own interface addresses changing (RFC 8445 §9 "ICE restart on network change"):
/// the laptop moved from Wi-Fi to Ethernet, DHCP renumbered it, a VPN came up or went
/// down. Registrations whose route now leaves from another address register the new
/// Contact at once; established calls restart ICE by re-INVITE (their media sockets move
/// off vanished addresses on the media thread); the user is told what moved and what was
/// done. SIP listeners on the wildcard address survive; the Via and Contact of each new
/// request follow the route.
extension UserAgent {
    /// Watches the machine's addresses (with the media engine only: signalling-only user
    /// agents and tests have no media sockets to move).
    func startInterfaceWatch() {
        guard media is EngineMedia, interfaceWatcher == nil else { return }
        let (changes, sink) = AsyncStream.makeStream(of: InterfaceChange.self, bufferingPolicy: .bufferingNewest(8))
        do {
            interfaceWatcher = try InterfaceWatcher.start { sink.yield($0) }
        } catch {
            log(.warning, "network changes will not be noticed: \(error)")
            return
        }
        Task { [self] in
            for await change in changes { await self.interfacesChanged(change) }
        }
    }

    func stopInterfaceWatch() {
        interfaceWatcher?.stop()
        interfaceWatcher = nil
    }

    /// One settled change of the usable addresses.
    func interfacesChanged(_ change: InterfaceChange) async {
        guard !isShuttingDown else { return }
        let added = change.added.map(\.address.host), removed = change.removed.map(\.address.host)
        log(.info, "our addresses changed: " + NetworkChangeReport(added: added, removed: removed).summary)
        // Connections from a vanished address are dead: close them now rather than wait
        // for their keep-alives to fail (new requests open new ones).
        if !change.removed.isEmpty { try? await stack.transport.closeAllConnections().get() }
        // Connected UDP sockets keep the source address they had when they connected.
        try? await stack.transport.forgetDatagramPeers().get()
        // A listener bound to a vanished address cannot follow (its port may be taken
        // elsewhere): say so rather than go deaf silently.
        for listener in listeners where removed.contains(Self.bare(listener.address)) {
            emit(.error("SIP listener \(listener) is on \(listener.address), which is gone: calls and registrations "
                        + "through it fail until pipit restarts (listen on 0.0.0.0 or :: to follow network changes)"))
        }
        var accounts: [String] = []
        for name in registrations.keys.sorted() {
            guard let registration = registrations[name], let address = await registration.networkChanged() else { continue }
            log(.info, "account \(name): registering again from \(address)")
            accounts.append(name)
        }
        var restarted: [CallNumber] = []
        if NetworkChangePolicy.restartsCalls(removed: change.removed.count, added: change.added.count, routeMoved: !accounts.isEmpty) {
            for leg in calls.values.sorted(by: { $0.id < $1.id }) {
                guard case .established = leg.machine.state, let session = leg.media else { continue }
                // The route moved: every call restarts; else those on a vanished address.
                guard await session.restartICE(ifUsing: accounts.isEmpty ? removed : nil), calls[leg.id] === leg else { continue }
                log(.info, "call \(leg.id): our network changed; restarting ICE by re-INVITE")
                await refreshLocalContact(leg, removed: removed)
                feed(leg, .refreshSession)
                restarted.append(leg.id)
            }
        }
        emit(.networkChanged(NetworkChangeReport(added: added, removed: removed, restartedCalls: restarted,
                                                 reregisteredAccounts: accounts)))
    }

    /// The re-INVITE carries our new Contact (a target refresh, RFC 3261 §12.2.1.1) when
    /// the old one named an address that went away: the registration's, which follows
    /// the move. Calls of accounts that do not register keep theirs.
    func refreshLocalContact(_ leg: CallLeg, removed: [String]) async {
        guard let old = leg.dialog?.localContact, removed.contains(where: { old.contains($0) }),
              let registration = registrations[leg.account.name], let uri = await registration.contact,
              calls[leg.id] === leg else { return }
        leg.dialog?.localContact = "<\(uri)>"
    }
}
