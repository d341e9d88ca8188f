import TestLab
#if canImport(Glibc)
import Glibc
#endif

/// `pipit-bench relay [--loss PERCENT] [--burst-length PACKETS] [--jitter MS]
/// [--jitter-kind uniform|pareto] [--seed N]`: the lab's `ImpairmentRelay` on 127.0.0.1
/// between two media endpoints, the same impairment both ways. Prints "ready PORT_A PORT_B"
/// (A's endpoint sends to PORT_A, B's to PORT_B; each endpoint is latched from its first
/// datagram), runs until SIGTERM or SIGINT, then prints one counters line per direction.
///
/// Loss is bursty (Gilbert: lossless Good state, lossy Bad state). For a mean loss P and a
/// mean burst length L packets: r = 1/L (a burst ends with probability r per packet) and,
/// from P = p/(p+r), p = P·r/(1−P). L = 1 gives isolated losses at rate P.
///
/// Jitter: `uniform` adds U[0, MS] ms per packet; `pareto` a heavy-tailed Lomax delay of
/// the same mean (MS/2: scale MS/2, shape 2), capped at 5·MS.
/// Runs the relay command; 0 when it ran, 2 (with a message) for bad arguments, 1 when
/// the relay could not bind.
func relay(_ arguments: [String]) -> Int32 {
    do {
        try runRelay(arguments)
        return 0
    } catch BenchError.usage(let text) {
        emit("pipit-bench: bad argument, \(text)", to: STDERR_FILENO)
        return 2
    } catch {
        emit("pipit-bench relay: \(error)", to: STDERR_FILENO)
        return 1
    }
}

private func runRelay(_ arguments: [String]) throws {
    var options: [String: String] = [:]
    var index = 0
    while index < arguments.count {
        let key = arguments[index]
        guard key.hasPrefix("--"), index + 1 < arguments.count else { throw BenchError.usage("relay: \(key)") }
        options[String(key.dropFirst(2))] = arguments[index + 1]
        index += 2
    }
    func number(_ key: String, _ fallback: Double) throws -> Double {
        guard let text = options.removeValue(forKey: key) else { return fallback }
        guard let value = Double(text), value >= 0 else { throw BenchError.usage("relay: --\(key) \(text)") }
        return value
    }
    let loss = try number("loss", 0) / 100
    let burst = try number("burst-length", 1)
    let jitterMs = try number("jitter", 0)
    let seed = UInt64(try number("seed", 1))
    let kind = options.removeValue(forKey: "jitter-kind") ?? "uniform"
    guard options.isEmpty else { throw BenchError.usage("relay: unknown \(options.keys.sorted())") }
    guard loss < 1, burst >= 1 else { throw BenchError.usage("relay: loss below 100 %, burst length at least 1") }

    var impairment = Impairment()
    if loss > 0 {
        let r = 1 / burst
        impairment.burstLoss = GilbertElliott(p: loss * r / (1 - loss), r: r)
    }
    if jitterMs > 0 {
        switch kind {
        case "uniform": impairment.jitter = .uniform(maxMs: jitterMs)
        case "pareto": impairment.jitter = .pareto(scaleMs: jitterMs / 2, shape: 2, capMs: 5 * jitterMs)
        default: throw BenchError.usage("relay: --jitter-kind \(kind)")
        }
    }

    // Block the stop signals before the relay thread starts (it inherits the mask), so
    // sigwait below receives them.
    var signals = sigset_t()
    sigemptyset(&signals)
    sigaddset(&signals, SIGTERM)
    sigaddset(&signals, SIGINT)
    pthread_sigmask(SIG_BLOCK, &signals, nil)

    let relay = try ImpairmentRelay(.init(aToB: impairment, bToA: impairment, seed: seed))
    relay.start()
    emit("ready \(relay.portA) \(relay.portB)")
    var received: Int32 = 0
    sigwait(&signals, &received)
    relay.stop()
    let counters = relay.counters
    for (name, c) in [("a->b", counters.aToB), ("b->a", counters.bToA)] {
        emit("\(name) received=\(c.received) dropped=\(c.dropped) forwarded=\(c.forwarded) "
            + "outOfOrder=\(c.outOfOrder) discarded=\(c.discarded) sendFailures=\(c.sendFailures)")
    }
}

/// One line at once, unbuffered (the harness reads standard output while we run).
private func emit(_ line: String, to fd: Int32 = STDOUT_FILENO) {
    let bytes = Array((line + "\n").utf8)
    _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
}
