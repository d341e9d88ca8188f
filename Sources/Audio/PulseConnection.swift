import CPulse
import Glibc

/// A connection to a PulseAudio server (or PipeWire's pulse server): a context connected
/// as application "pipit" on a `PulseMainloop` (its own thread `pipit-au-pulse`, or the
/// media loop while a call uses the device). Every PulseAudio call outside its callbacks
/// runs inside `locked`.
final class PulseConnection: @unchecked Sendable {
    /// libpulse, loaded by the first connection.
    let pa: PulseFunctions
    let loop: PulseMainloop
    let context: OpaquePointer
    /// `pulse:SERVER` or `pulse` for the default server, for errors.
    let label: String

    /// Connects to `server` (`unix:/run/user/1000/pulse/native`; nil: the default server,
    /// never autospawned) and waits up to `timeoutMilliseconds` for it to answer.
    init(server: String?, timeoutMilliseconds: Int = 2000) throws(AudioError) {
        let label = server.map { "pulse:\($0)" } ?? "pulse"
        self.label = label
        func fail(_ reason: String) -> AudioError { AudioError(device: label, operation: "connect", reason: reason) }
        let pa = try PulseFunctions.load(device: label, operation: "connect")
        self.pa = pa
        let loop = try PulseMainloop(pa: pa, label: label)
        self.loop = loop
        let properties = pa.proplist_new()
        _ = pa.proplist_sets(properties, "application.name", "pipit")
        _ = pa.proplist_sets(properties, "application.id", "pipit")
        _ = pa.proplist_sets(properties, "application.icon_name", "phone")
        let context = pa.context_new_with_proplist(loop.api, "pipit", properties)
        pa.proplist_free(properties)
        guard let context else { throw fail("pa_context_new failed") }
        self.context = context
        guard pa.context_connect(context, server, PA_CONTEXT_NOAUTOSPAWN, nil) >= 0 else {
            let reason = pa.message(pa.context_errno(context))
            pa.context_unref(context)
            throw fail(reason)
        }
        do {
            try loop.startThread()
        } catch {
            pa.context_unref(context)
            throw error
        }
        let state = wait(timeoutMilliseconds: timeoutMilliseconds) { [context] in
            let state = pa.context_get_state(context)
            return state == PA_CONTEXT_READY || state == PA_CONTEXT_FAILED || state == PA_CONTEXT_TERMINATED
        }
        let ready = locked { pa.context_get_state(context) == PA_CONTEXT_READY }
        if !ready {
            let reason = state ? locked { pa.message(pa.context_errno(context)) } : "no answer in \(timeoutMilliseconds) ms"
            close()
            throw fail(reason)
        }
    }

    /// Runs `body` holding the mainloop lock (never from a PulseAudio callback).
    func locked<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        loop.lock()
        defer { loop.unlock() }
        return try body()
    }

    /// Polls `condition` under the lock every 2 ms until it holds or the time is up;
    /// returns whether it held. (Start-up and listing only: not a real-time path.)
    @discardableResult
    func wait(timeoutMilliseconds: Int, until condition: () -> Bool) -> Bool {
        let deadline = MonotonicClock.now() + Int64(timeoutMilliseconds) * 1_000_000
        while true {
            if locked(condition) { return true }
            if MonotonicClock.now() > deadline { return false }
            usleep(2000)
        }
    }

    /// The context's last error, in PulseAudio's words (call under the lock or in a callback).
    var lastError: String { pa.message(pa.context_errno(context)) }

    /// Disconnects and stops the mainloop thread (an adopter must have released it).
    func close() {
        locked { pa.context_disconnect(context) }
        loop.stopThread()
        pa.context_unref(context)
    }

    /// Runs an operation started under the lock until it is done (or `timeoutMilliseconds`).
    func finish(_ operation: OpaquePointer?, timeoutMilliseconds: Int = 2000) -> Bool {
        guard let operation else { return false }
        let done = wait(timeoutMilliseconds: timeoutMilliseconds) { pa.operation_get_state(operation) != PA_OPERATION_RUNNING }
        locked {
            if !done { pa.operation_cancel(operation) }
            pa.operation_unref(operation)
        }
        return done
    }
}
