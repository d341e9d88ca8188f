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
        await adopt(fresh, changes, verb: "reload")
    }

    /// `set KEY VALUE`: the running configuration with one setting changed, taken as
    /// `reload` takes a new file (the file itself is left alone).
    func set(_ key: String?, _ value: String?) async {
        if let key, value == nil { return emit(.error("set: \(key) needs a value")) }
        guard let key, let value else {
            let keys = ConfigSetting.settableKeys
            emit(.info("set general.KEY, audio.KEY or account.NAME.KEY to a value: general "
                       + keys.general.joined(separator: ", ") + "; audio " + keys.audio.joined(separator: ", ")
                       + "; account " + keys.account.joined(separator: ", ")))
            return
        }
        guard let setting = ConfigSetting(key: key, value: value) else {
            return emit(.error("set: \(key) is not general.KEY, audio.KEY or account.NAME.KEY"))
        }
        switch setting.applied(to: config) {
        case .failure(let error):
            emit(.error("set: \(error)"))
        case .success(let fresh):
            let changes = config.changes(to: fresh)
            // The file's value now rules, over an earlier `autoanswer` or `forward`.
            if case .account(let name) = setting.target {
                if setting.key.hasPrefix("auto_answer") { autoAnswerOverrides[name] = nil }
                if setting.key.hasPrefix("forward_") { forwardingOverrides[name] = nil }
            }
            guard !changes.isEmpty else { return emit(.info("set: \(key) is already \(value)")) }
            await adopt(fresh, changes, verb: "set")
        }
    }

    /// Runs with `fresh` from now on: registrations, the sound card and policies follow;
    /// calls keep the account settings they started with. Says what changed as `verb`.
    private func adopt(_ fresh: PipitConfig, _ changes: ConfigChanges, verb: String) async {
        var fresh = fresh
        var changes = changes
        var registrationsStopped = false
        if fresh.network.listen != config.network.listen {
            changes.appliedKeys.removeAll { $0 == "network.listen" }
            if !calls.isEmpty {
                // A call's dialog lives on its listener: the sockets move when pipit restarts.
                fresh.network.listen = config.network.listen
                changes.restartKeys.append("network.listen")
            } else {
                let outcome = await relisten(to: fresh.network.listen)
                registrationsStopped = outcome.stoppedRegistrations
                if let problem = outcome.problem {
                    fresh.network.listen = config.network.listen
                    emit(.error("\(verb): \(problem)"))
                } else {
                    changes.appliedKeys.append("network.listen")
                }
            }
        }
        config = fresh
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
        // Listeners moved (or put back after a failure): every registration starts again,
        // with a Contact on them.
        let registering = registrationsStopped ? fresh.accounts.filter(\.register).map(\.name) : []
        for name in Set(changes.addedAccounts + changes.changedAccounts.filter(\.needsReregistration).map(\.name) + registering).sorted() {
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
        emit(.info("\(verb): " + summary.joined(separator: "; ")))
        if !changes.restartKeys.isEmpty {
            emit(.info("\(verb): \(changes.restartKeys.joined(separator: ", ")) take effect when pipit restarts"))
        }
    }
}
