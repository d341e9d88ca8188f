import SIPMessage
@testable import SIPStack

/// Two transaction tables, a UAC and a UAS, joined by an in-memory network with no delay
/// that can drop chosen messages, on one virtual clock. The UAS's TU answers each new
/// request at once with `answer`; the UAC's TU ACKs nothing (a 2xx ACK is dialog work).
struct LoopbackPeers {
    enum Side: Hashable { case uac, uas }
    struct TimerSlot: Hashable {
        var side: Side
        var key: TransactionKey
        var timer: TransactionTimer
    }

    var uac = TransactionTable()
    var uas = TransactionTable()
    private(set) var now: Duration = .zero
    /// Status code the UAS's TU answers new requests with (nil: it stays silent).
    var answer: Int? = 200
    /// Messages to lose, by what they are: "INVITE", "ACK", "486" … and how many times.
    var drops: [String: Int] = [:]
    /// Everything put on the wire, with time, sender and whether it was lost.
    private(set) var wire: [(at: Duration, from: Side, what: String, lost: Bool)] = []
    /// What reached the TUs.
    private(set) var uacEvents: [String] = []
    private(set) var uasEvents: [String] = []
    private var timers: [TimerSlot: (due: Duration, order: Int)] = [:]
    private var order = 0

    mutating func send(_ request: SIPRequest) throws {
        let (_, actions) = try uac.startClient(request, reliable: false)
        process(actions, at: .uac)
    }

    mutating func advance(by duration: Duration) {
        let end = now + duration
        while let next = timers.min(by: { ($0.value.due, $0.value.order) < ($1.value.due, $1.value.order) }),
              next.value.due <= end {
            now = next.value.due
            timers[next.key] = nil
            let slot = next.key
            let actions = slot.side == .uac
                ? uac.timerFired(slot.key, slot.timer) : uas.timerFired(slot.key, slot.timer)
            process(actions, at: slot.side)
        }
        now = end
    }

    private mutating func process(_ actions: [KeyedAction], at side: Side) {
        for action in actions {
            switch action {
            case .transaction(let key, let a):
                perform(a, key: key, at: side)
            case .newRequest(let key, let request):
                log(side, "new \(request.method)")
                if let code = answer {
                    let response = TestMessages.response(code, to: request)
                    if let actions = try? uas.respond(key, response) { process(actions, at: .uas) }
                }
            case .strayACK: log(side, "stray ACK")
            case .stray2xx(let r): log(side, "stray \(r.statusCode)")
            case .strayResponse(let r): log(side, "stray \(r.statusCode)")
            case .refused(let r): log(side, "refused \(r.method)")
            case .unmatchable: log(side, "unmatchable")
            }
        }
    }

    private mutating func perform(_ action: TransactionAction, key: TransactionKey, at side: Side) {
        switch action {
        case .send(let message):
            let what = message.request.map { $0.method.rawValue } ?? message.response.map { "\($0.statusCode)" } ?? ""
            let lost = (drops[what] ?? 0) > 0
            if lost { drops[what, default: 0] -= 1 }
            wire.append((now, side, what, lost))
            if !lost {
                let peer: Side = side == .uac ? .uas : .uac
                let actions = peer == .uac ? uac.receive(message) : uas.receive(message)
                process(actions, at: peer)
            }
        case .startTimer(let timer, let after):
            order += 1
            timers[TimerSlot(side: side, key: key, timer: timer)] = (now + after, order)
        case .cancelTimer(let timer):
            timers[TimerSlot(side: side, key: key, timer: timer)] = nil
        case .terminated:
            timers = timers.filter { !($0.key.side == side && $0.key.key == key) }
            log(side, "terminated")
        case .deliver(let r): log(side, "\(r.statusCode)")
        case .deliverRequest(let r): log(side, "\(r.method)")
        case .deliverACK: log(side, "ACK")
        case .timeout: log(side, "timeout")
        case .transportFailed: log(side, "transport failed")
        }
    }

    private mutating func log(_ side: Side, _ text: String) {
        if side == .uac { uacEvents.append(text) } else { uasEvents.append(text) }
    }
}
