extension RegistrationMachine {
    /// Our interface address changed under a binding (Wi-Fi to Ethernet, DHCP renumbered
    /// us, a VPN): the registrar would send calls to an address we no longer have until
    /// the refresh. Register the new one now, removing the old binding in the same
    /// request (RFC 3261 §10.2.2); a REGISTER still out is superseded (its answer is for
    /// the old address). Nothing happens while unregistered or unregistering, or after
    /// a failure that waits for the user; the new address is kept for later.
    mutating func moved(to address: ContactAddress) -> [RegistrationAction] {
        switch state {
        case .unregistered, .unregistering, .failed(_, _, retryIn: nil):
            if contact != nil { contact = address }
            return []
        case .registering, .registered, .refreshing, .failed:
            let old = bound ? contact : nil
            guard old != address || !bound else { return [] }
            contact = address
            failures = 0
            challenges = 0
            tooBrief = 0
            rebinds = 0
            return [.cancelTimer(.refresh), .cancelTimer(.retry)]
                + send(RegisterPlan(contact: address, expires: expires, removing: old))
                + transition(to: .registering)
        }
    }
}
