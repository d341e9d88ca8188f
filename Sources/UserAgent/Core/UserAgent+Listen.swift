import SIPStack

/// `reload` (or `account add`) of `[network] listen`: the listeners move without a restart.
/// The built-in setup listens on loopback only; a provider account added to it needs the
/// machine's addresses, and the user should not have to restart pipit for that.
extension UserAgent {
    /// Closes the listeners `texts` no longer names and opens the new ones; those in both
    /// stay as they are. Registrations are stopped first (their un-REGISTER leaves from the
    /// old addresses) and started again by the caller. On failure the old listeners are back
    /// and the returned text says what could not be bound.
    func relisten(to texts: [String]) async -> String? {
        let wanted: [ListenSpec]
        do {
            wanted = try stack.listenSpecs(texts)
        } catch {
            return "\(error)"
        }
        let leaving = listeners.filter { !wanted.contains($0.spec) }
        let opening = wanted.filter { spec in !listeners.contains { $0.spec == spec } }
        guard !leaving.isEmpty || !opening.isEmpty else { return nil }
        await stopRegistrations(Array(registrations.keys))
        // Closed first: the new addresses often overlap the old (127.0.0.1:5060 → 0.0.0.0:5060).
        await stack.close(leaving)
        var opened: [BoundListener] = []
        for spec in opening {
            do {
                opened += try await stack.listen([spec])
            } catch {
                await stack.close(opened)
                let back = (try? await stack.listen(leaving.map(\.spec))) ?? []
                listeners = listeners.filter { !leaving.contains($0) } + back
                updatePolicy()
                return "cannot listen on \(spec): \(error); still listening on "
                    + listeners.map(\.description).joined(separator: ", ")
            }
        }
        listeners = listeners.filter { !leaving.contains($0) } + opened
        updatePolicy()
        log(.info, "listening on " + listeners.map(\.description).joined(separator: ", "))
        return nil
    }
}
