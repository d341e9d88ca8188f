extension AccountRegistration {
    /// This machine's addresses changed: finds the registrar's route again and, when the
    /// local address our Contact names moved, registers the new one at once (over a new
    /// connection for TCP/TLS). Returns the new address when it re-registers, nil when
    /// nothing moved for this account (or it is not registering).
    public func networkChanged() async -> ContactAddress? {
        guard wanted, account.register else { return nil }
        let before = located
        hops = []
        guard let address = await locate(), wanted else { return nil }
        guard address != before else { return nil }
        log("\(account.name): our address moved from \(before?.description ?? "nowhere") to \(address); registering again")
        flow = nil
        apply(.moved(address))
        return address
    }
}
