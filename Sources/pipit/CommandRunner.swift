import UserAgent

/// Runs user-agent commands one at a time and returns the events each one caused, so a
/// script can stop on an error and a socket client gets its reply.
///
/// The user agent emits a command's immediate events (errors included) while it handles the
/// command, but they reach the event reader later, through the stream. To know where one
/// command's events end, the runner sends `calls` after it — a command without effects whose
/// answer is an event — and the `EventHub` takes that answer as the fence and hides it.
/// Commands from all sources (stdin, script, socket clients) go through one runner, so no
/// other command's events land in between.
actor CommandRunner {
    private let ua: UserAgent
    private let hub: EventHub
    private var busy = false
    private var queue: [CheckedContinuation<Void, Never>] = []

    init(ua: UserAgent, hub: EventHub) {
        self.ua = ua
        self.hub = hub
    }

    /// Runs `command`; returns the events it caused.
    func run(_ command: Command) async -> [Event] {
        await acquire()
        defer { release() }
        var passing = 0
        if case .calls = command { passing = 1 } // its own answer is not the fence
        hub.beginCapture(passing: passing)
        await ua.handle(command)
        let ua = self.ua
        return await withCheckedContinuation { continuation in
            hub.awaitFence(continuation)
            Task { await ua.handle(.calls) }
        }
    }

    private func acquire() async {
        guard busy else {
            busy = true
            return
        }
        await withCheckedContinuation { queue.append($0) }
    }

    private func release() {
        if queue.isEmpty { busy = false } else { queue.removeFirst().resume() }
    }
}
