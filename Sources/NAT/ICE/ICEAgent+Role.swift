extension ICEAgent {
    /// Sets the role before the checks start: the agent is made when the call's sockets
    /// are (to gather), before it is known whether this side offers or answers (§6.1.1).
    /// Later changes go through role-conflict resolution instead.
    public mutating func setRole(_ newRole: ICERole) {
        guard state == .new else { return }
        switchRole(to: newRole)
        // Not a conflict: nothing for the owner to hear about.
        outputs.removeAll { if case .roleChanged = $0 { true } else { false } }
    }
}
