extension CallMachine {
    /// Inputs that only an outgoing call handles before it is established; nil when the
    /// input is for `common`.
    mutating func outgoing(_ input: CallInput) -> [CallAction]? {
        let beforeAnswer = [.calling, .proceeding, .ringing, .earlyMedia].contains(phase)
        switch input {
        case .provisional(let code, let hasBody):
            if phase == .terminating, cancelWhenProvisional {
                cancelWhenProvisional = false
                return [.sendCancel]
            }
            guard beforeAnswer else { return [] }
            let before = phase
            if code == 183 && hasBody { phase = .earlyMedia } else if code == 180 { phase = .ringing } else if phase == .calling { phase = .proceeding }
            return phase == before ? [] : [.report]

        case .answered:
            if phase == .terminating, pendingEnd != nil {
                // The 2xx crossed our CANCEL (or came before the first 1xx): ACK, then BYE.
                cancelWhenProvisional = false
                return [.sendACK, .sendBye]
            }
            guard beforeAnswer else { return [.sendACK] } // a retransmission
            phase = .established
            return [.sendACK, .report]

        case .failed(let code, let reason, let canRedirect):
            if phase == .terminating, let pending = pendingEnd {
                return finish(code == 487 ? pending : CallEnd.fromStatus(code, reason))
            }
            guard beforeAnswer else { return [] }
            if (300..<400).contains(code), canRedirect, redirects < timing.maxRedirects {
                redirects += 1
                phase = .calling
                return [.followRedirect, .report]
            }
            return finish(CallEnd.fromStatus(code, reason))

        case .noResponse(let why):
            if phase == .terminating, let pending = pendingEnd { return finish(pending) }
            guard beforeAnswer else { return nil }
            return finish(CallEnd(.timeout, detail: why))

        case .hangup where beforeAnswer:
            let end = CallEnd(.cancelled)
            if phase == .calling {
                cancelWhenProvisional = true
                return terminate(with: end, [])
            }
            return terminate(with: end, [.sendCancel])

        default:
            return nil
        }
    }
}
