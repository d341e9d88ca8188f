#if canImport(Glibc)
import Glibc
#endif

extension UserAgent {
    /// Carries out one user command. Failures come back as `Event.error`.
    public func handle(_ command: Command) async {
        switch command {
        case .call(let target, let account):
            lastDialled = (target, account)
            await placeCall(to: target, account: account)
        case .redial:
            await redial()
        case .voicemail(let account):
            await callVoicemail(account)
        case .doNotDisturb(let on):
            setDoNotDisturb(on)
        case .forward(let change):
            changeForwarding(change)
        case .autoAnswer(let change):
            changeAutoAnswer(change)
        case .answer(let id):
            guard let leg = pick(id, where: { $0.machine.phase == .incoming }, what: "ringing call") else { return }
            answer(leg)
        case .reject(let id, let code):
            guard let leg = pick(id, where: { $0.machine.phase == .incoming }, what: "ringing call") else { return }
            feed(leg, .reject(code: code ?? 603))
        case .hangup(let id):
            guard let leg = pick(id, where: { !$0.machine.isOver }, what: "call") else { return }
            hangup(leg)
        case .hangupAll:
            for leg in calls.values { hangup(leg) }
        case .switchTo(let id):
            guard let leg = calls[id] else { return emit(.error("no call \(id)")) }
            switchTo(leg)
        case .hold(let id):
            guard let leg = pick(id, where: { [.answering, .established].contains($0.machine.phase) && !$0.machine.localHold },
                                 what: "call to hold") else { return }
            feed(leg, .hold)
        case .conference:
            conference()
        case .resume(let id):
            guard let leg = pick(id, where: { $0.machine.phase == .established && $0.machine.localHold },
                                 what: "held call") else { return }
            switchTo(leg)
        case .transfer(let id, let target):
            guard let leg = pick(id, where: { $0.machine.phase == .established }, what: "call to transfer") else { return }
            await transfer(leg, to: target)
        case .attendedTransfer(let id, let to):
            guard let leg = pick(id, where: { $0.machine.phase == .established }, what: "call to transfer"),
                  let consultation = pick(to, where: { $0.machine.phase == .established }, what: "call to transfer to") else { return }
            await attendedTransfer(leg, to: consultation)
        case .answerTransfer(let id, let accept):
            answerTransfer(id, accept: accept)
        case .sendMessage(let id, let target, let text, let account):
            await sendMessage(call: id, target: target, text: text, account: account)
        case .calls:
            emit(.calls(calls.values.sorted { $0.id < $1.id }.map(\.snapshot)))
        case .accounts:
            emit(.accounts(accountSummaries()))
        case .contacts(let search):
            guard let contactBook else { return emit(.error("contacts are not available (no database)")) }
            do { emit(.contacts(try await contactBook.list(matching: search))) } catch { emit(.error("contacts: \(error)")) }
        case .importContacts(let typed):
            guard let contactBook else { return emit(.error("contacts are not available (no database)")) }
            var path = typed
            if typed.hasPrefix("~/"), let home = getenv("HOME") { path = String(cString: home) + typed.dropFirst() }
            do {
                let report = try await contactBook.importVCards(contentsOf: path)
                emit(.info("import \(path): \(report.added) added, \(report.merged) merged, \(report.unchanged) unchanged, \(report.skipped.count + report.unlistedProblems) skipped"))
                for problem in report.skipped.prefix(20) { emit(.info("import \(path): \(problem)")) }
            } catch {
                emit(.error("import \(path): \(error)"))
            }
        case .register(let account):
            await register(account)
        case .unregister(let account):
            await unregister(account)
        case .statistics(let id):
            await statistics(id)
        case .mute(let id, let muted):
            guard let leg = pick(id, where: { !$0.machine.isOver }, what: "call") else { return }
            await leg.media?.setMuted(muted)
            emit(.info("call \(leg.id): \(muted ? "muted" : "unmuted")"))
        case .record(let id, let path):
            guard let leg = pick(id, where: { !$0.machine.isOver }, what: "call") else { return }
            await record(leg, path: path)
        case .play(let id, let typed):
            guard let leg = pick(id, where: { !$0.machine.isOver }, what: "call") else { return }
            var path = typed
            if typed.hasPrefix("~/"), let home = getenv("HOME") { path = String(cString: home) + typed.dropFirst() }
            do {
                try await leg.media?.play(path: path)
                emit(.info("call \(leg.id): playing \(path)"))
            } catch {
                emit(.error("call \(leg.id): play \(path): \(error)"))
            }
        case .sendDigits(let id, let digits):
            guard let leg = pick(id, where: { !$0.machine.isOver }, what: "call") else { return }
            await sendDigits(leg, digits)
        case .stopRecording(let id):
            guard let leg = pick(id, where: { !$0.machine.isOver }, what: "call") else { return }
            await leg.media?.stopRecording()
        case .audio(let command):
            await audio(command)
        case .nat(.status(let id)):
            await natStatus(id)
        case .set(let key, let value):
            await set(key, value)
        case .reload:
            await reload()
        case .quit:
            await shutdown()
        }
    }

    func accountSummaries() -> [AccountSummary] {
        let defaultName = config.accounts.first { $0.name == config.general.defaultAccount }?.name ?? config.accounts.first?.name
        return config.accounts.map { account in
            let forwarding = forwardingOverrides[account.name] ?? account.forwarding
            return AccountSummary(name: account.name, uri: account.uri.description, state: registrationState(of: account),
                                  isDefault: account.name == defaultName, isLocal: account.isLocal,
                                  autoAnswer: autoAnswerSetting(of: account).on,
                                  forwarding: ForwardingKind.allCases.contains { forwarding[$0] != nil })
        }
    }

    func registrationState(of account: AccountConfig) -> RegistrationState {
        registrationStates[account.name] ?? .unregistered
    }

    /// The call a command means: the one named, else the only one that fits, else the
    /// current one if it fits.
    func pick(_ id: CallNumber?, where fits: (CallLeg) -> Bool, what: String) -> CallLeg? {
        if let id {
            guard let leg = calls[id], fits(leg) else {
                emit(.error("no \(what) \(id)"))
                return nil
            }
            return leg
        }
        let candidates = calls.values.filter(fits).sorted { $0.id < $1.id }
        if candidates.count == 1 { return candidates[0] }
        if let current = candidates.first(where: \.isCurrent) { return current }
        emit(.error(candidates.isEmpty ? "no \(what)" : "several calls: say which (\(candidates.map { String($0.id) }.joined(separator: ", ")))"))
        return nil
    }

    func hangup(_ leg: CallLeg) {
        feed(leg, .hangup)
    }

    /// Answering holds the call we were talking on (call waiting).
    func answer(_ leg: CallLeg) {
        for other in calls.values where other !== leg && other.isCurrent {
            other.isCurrent = false
            feed(other, .hold)
        }
        leg.isCurrent = true
        feed(leg, .answer)
    }

    /// Makes `leg` the one we talk on: the others are held, it is resumed.
    /// Every answered call off hold: the media engine mixes the connected calls.
    func conference() {
        let legs = calls.values.filter { $0.machine.phase == .established }.sorted { $0.id < $1.id }
        guard legs.count >= 2 else { return emit(.error("conference: it takes two answered calls")) }
        for leg in legs where leg.machine.localHold { feed(leg, .resume) }
        emit(.info("conference: calls \(legs.map { String($0.id) }.joined(separator: ", ")) together"))
    }

    func switchTo(_ leg: CallLeg) {
        guard !leg.machine.isOver else { return emit(.error("call \(leg.id) has ended")) }
        for other in calls.values where other !== leg && !other.machine.localHold {
            other.isCurrent = false
            feed(other, .hold)
        }
        leg.isCurrent = true
        if leg.machine.localHold { feed(leg, .resume) } else { report(leg) }
    }
}

extension UserAgent {
    /// The media session of a live call (for status displays and tests).
    public func mediaSession(of id: CallNumber) -> (any MediaSession)? { calls[id]?.media }
}
