/// `reload`: re-read the configuration file without dropping calls. Calls keep the
/// account settings they started with; registrations follow the new file.
extension UserAgent {
    func reload() async {
        let fresh: PipitConfig
        let changes: ConfigChanges
        do {
            (fresh, changes) = try ConfigLoader.reload(config)
        } catch {
            return emit(.error("reload: \(error)"))
        }
        guard !changes.isEmpty else { return emit(.info("reload: nothing changed")) }
        var keptNetwork = fresh
        // Listening sockets cannot change under running calls: those wait for a restart.
        keptNetwork.network.listen = config.network.listen
        config = keptNetwork
        updatePolicy()
        // New devices, ring output or processing: the sound card reopens with them (a call
        // in progress moves to them at once).
        if let sound = (media as? EngineMedia)?.sound, let settings = EngineMedia.soundSettings(fresh.audio) {
            await sound.update(settings)
        }
        await stopRegistrations(changes.removedAccounts + changes.changedAccounts.filter(\.needsReregistration).map(\.name))
        for name in changes.removedAccounts { registrationStates[name] = nil }
        for account in fresh.accounts {
            if case .literal(let secret) = account.password { passwords[account.name] = secret }
            digests[account.name] = nil
        }
        for name in changes.addedAccounts + changes.changedAccounts.filter(\.needsReregistration).map(\.name) {
            if let account = fresh.accounts.first(where: { $0.name == name }) {
                if !account.register { registrationChanged(name, .unregistered) }
                await startRegistration(account)
            }
        }
        var summary: [String] = []
        if !changes.addedAccounts.isEmpty { summary.append("added \(changes.addedAccounts.joined(separator: ", "))") }
        if !changes.removedAccounts.isEmpty { summary.append("removed \(changes.removedAccounts.joined(separator: ", "))") }
        if !changes.changedAccounts.isEmpty { summary.append("changed \(changes.changedAccounts.map(\.name).joined(separator: ", "))") }
        if !changes.appliedKeys.isEmpty { summary.append("applied \(changes.appliedKeys.joined(separator: ", "))") }
        emit(.info("reload: " + summary.joined(separator: "; ")))
        if !changes.restartKeys.isEmpty {
            emit(.info("reload: \(changes.restartKeys.joined(separator: ", ")) take effect when pipit restarts"))
        }
    }
}
