import SIPMessage

/// RFC 3261 §18.1.1: a request within 200 bytes of the path MTU (or larger than 1300
/// bytes when the MTU is unknown) that would go over UDP goes over TCP instead. Pure.
public enum MessageSizeRule {
    /// Whether a request of `size` bytes must avoid UDP.
    public static func exceedsUDPLimit(size: Int, pathMTU: Int? = nil) -> Bool {
        if let pathMTU { return size > pathMTU - 200 }
        return size > 1300
    }

    /// The request and target to use: unchanged, or switched to TCP with the top Via's
    /// transport rewritten. Responses and non-UDP targets are returned unchanged.
    public static func apply(_ message: SIPMessage, to target: SIPTarget, pathMTU: Int? = nil) -> (SIPMessage, SIPTarget) {
        guard message.request != nil, target.transport == .udp,
              exceedsUDPLimit(size: message.serialized().count, pathMTU: pathMTU) else { return (message, target) }
        var out = message
        if var via = TopVia.read(message) {
            via.transport = .tcp
            TopVia.replace(in: &out, with: via)
        }
        var tcp = target
        tcp.transport = .tcp
        return (out, tcp)
    }
}
