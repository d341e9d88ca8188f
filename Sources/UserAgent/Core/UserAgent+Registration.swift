import SIPMessage
import SIPStack

/// Accounts' registrations as the core runs them: one `AccountRegistration` per account
/// that registers; their state changes arrive in order through one stream.
extension UserAgent {
    /// Starts the registration of every account that registers.
    func startRegistrations() async {
        for account in config.accounts where account.register {
            await startRegistration(account)
        }
    }

    func startRegistration(_ account: AccountConfig) async {
        guard account.register, registrations[account.name] == nil else { return }
        var password: Secret?
        if let source = account.password {
            do {
                password = try await source.resolve()
                passwords[account.name] = password
                digests[account.name] = nil
            } catch {
                emit(.error("account \(account.name): \(error)"))
                return registrationChanged(account.name, .failed(reason: "no password: \(error)", code: nil, retryIn: nil))
            }
        }
        var options = AccountRegistration.Options()
        options.userAgent = config.general.userAgent
        if let policy = registrationPolicy { options.policy = policy }
        // STUN for the Contact when the registrar gives no received/rport (UDP).
        options.stunServer = NATConfiguration.settings(account: account, network: config.network).settings?.stunServer
        let accountName = account.name
        options.onPublicAddressChange = { [weak self] in
            Task { await self?.publicAddressChanged(account: accountName) }
        }
        let name = account.name
        let changes = registrationChanges
        let registration = AccountRegistration(
            account: account, password: password, stack: stack, options: options,
            onStateChange: { changes.yield((name, $0)) },
            log: { [weak self] line in
                guard let self else { return }
                Task { await self.log(.debug, "account \(name): \(line)") }
            })
        registrations[name] = registration
        await registration.start()
    }

    /// Unregisters and forgets an account's registration.
    func stopRegistration(_ name: String) async {
        guard let registration = registrations.removeValue(forKey: name) else { return }
        await registration.stop()
    }

    func registrationChanged(_ name: String, _ state: RegistrationState) {
        registrationStates[name] = state
        emit(.registration(account: name, state: state))
        guard let account = config.accounts.first(where: { $0.name == name }) else { return }
        let registered: Bool = switch state {
        case .registered, .refreshing: true
        default: false
        }
        Task { await updateTrust(for: account, registered: registered) }
    }

    /// `register [ACCOUNT]`: register now (or again); every registering account without a name.
    func register(_ name: String?) async {
        let accounts = config.accounts.filter { name == nil || $0.name.lowercased() == name?.lowercased() }
        guard !accounts.isEmpty else { return emit(.error("no account named \(name ?? "")")) }
        for account in accounts {
            guard account.registrar != nil || !account.isLocal else {
                if name != nil { emit(.error("account \(account.name) is local: it has no registrar")) }
                continue
            }
            if let registration = registrations[account.name] {
                await registration.refresh()
            } else {
                var registering = account
                registering.register = true
                await startRegistration(registering)
            }
        }
    }

    /// `unregister [ACCOUNT]`.
    func unregister(_ name: String?) async {
        let names = registrations.keys.filter { name == nil || $0.lowercased() == name?.lowercased() }
        guard !names.isEmpty else { return emit(.error(name.map { "account \($0) is not registered" } ?? "no account is registered")) }
        await stopRegistrations(names)
    }

    /// At quit: every binding removed (expires=0), all at once.
    func stopAllRegistrations() async { await stopRegistrations(Array(registrations.keys)) }

    func stopRegistrations(_ names: [String]) async {
        let stopping = names.compactMap { registrations.removeValue(forKey: $0) }
        await withTaskGroup(of: Void.self) { group in
            for registration in stopping { group.addTask { await registration.stop() } }
        }
    }

    /// The Contact our requests carry for `account`: the registration's (which follows NAT
    /// rebinding) when there is one.
    func registeredContact(for account: AccountConfig, transport: SIPTransport) async -> String? {
        guard let registration = registrations[account.name], let contact = await registration.contact,
              (contact.transport ?? .udp) == transport else { return nil }
        return "<\(contact)>"
    }
}
