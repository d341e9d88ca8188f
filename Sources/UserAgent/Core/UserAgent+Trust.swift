import SIPMessage
import SIPStack

/// Which sources the stray-traffic policy trusts: the registrar and outbound proxy of
/// each registered account, by the addresses they resolve to.
extension UserAgent {
    /// The numeric addresses `account`'s registrar and outbound proxy resolve to.
    func serverAddresses(of account: AccountConfig) async -> Set<String> {
        var uris: [SIPURI] = [account.registrar ?? SIPURI(host: account.uri.host, port: account.uri.port)]
        if let proxy = account.outboundProxy { uris.append(proxy) }
        var addresses: Set<String> = []
        for uri in uris {
            let probe = SIPRequest(method: .options, requestURI: uri.description)
            if let targets = try? await stack.nextHops(for: probe) {
                addresses.formUnion(targets.map { StrayPolicy.normalize($0.address) })
            }
        }
        return addresses
    }

    /// Trust (or stop trusting) an account's servers as its registration comes and goes.
    func updateTrust(for account: AccountConfig, registered: Bool) async {
        trustedByAccount[account.name] = registered ? await serverAddresses(of: account) : nil
        policy.trustedSources = Set(trustedByAccount.values.joined())
    }
}
