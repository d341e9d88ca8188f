import SIPStack

/// `reload` (or `account add`) of `[network] listen`: the listeners move without a restart.
/// The built-in setup listens on loopback only; a provider account added to it needs the
/// machine's addresses, and the user should not have to restart pipit for that.
extension UserAgent {
    /// What `relisten` did: whether it stopped the registrations (the caller starts them
    /// again, moved or not), and what could not be bound.
    struct Relisten {
        var stoppedRegistrations = false
        var problem: String?
    }

    /// Closes the listeners `texts` no longer names and opens the new ones; those in both
    /// stay as they are. Registrations are stopped first (their un-REGISTER leaves from the
    /// old addresses) and must be started again by the caller, also on failure, when the
    /// old listeners are back and `problem` says what could not be bound.
    func relisten(to texts: [String]) async -> Relisten {
        let wanted: [ListenSpec]
        do {
            wanted = try stack.listenSpecs(texts)
        } catch {
            return Relisten(problem: "\(error)")
        }
        let leaving = listeners.filter { !wanted.contains($0.spec) }
        let opening = wanted.filter { spec in !listeners.contains { $0.spec == spec } }
        guard !leaving.isEmpty || !opening.isEmpty else { return Relisten() }
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
                return Relisten(stoppedRegistrations: true, problem: "cannot listen on \(spec): \(error); still listening on "
                    + listeners.map(\.description).joined(separator: ", "))
            }
        }
        listeners = listeners.filter { !leaving.contains($0) } + opened
        updatePolicy()
        log(.info, "listening on " + listeners.map(\.description).joined(separator: ", "))
        return Relisten(stoppedRegistrations: true)
    }
}
