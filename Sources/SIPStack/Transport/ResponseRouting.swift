import SIPMessage

/// Where a server sends a response (RFC 3261 §18.2.2, RFC 3581 §4). Pure.
public enum ResponseDestination: Sendable, Equatable {
    /// Over the connection the request came on; if it has closed, open one to `fallback`.
    case flow(FlowID, fallback: SIPTarget)
    /// To this address and port.
    case address(SIPTarget)
    /// The sent-by names a host: locate it with RFC 3263 §5 (port may be nil).
    case resolve(host: String, port: UInt16?, transport: SIPTransport)

    /// Applies §18.2.2 to the top Via of the response and the flow its request arrived on.
    public static func forResponse(topVia via: Via, requestFlow: FlowID?) -> ResponseDestination {
        let reliable = via.transport != .udp
        let sentByPort = via.port ?? ViaRules.defaultPort(via.transport)
        if reliable {
            let host = via.received ?? via.host
            let fallback: ResponseDestination = host.isAddress
                ? .address(SIPTarget(transport: via.transport, address: host.bareAddress, port: sentByPort))
                : .resolve(host: host.bareAddress, port: via.port, transport: via.transport)
            if let requestFlow, requestFlow.isConnection, case .address(let target) = fallback {
                return .flow(requestFlow, fallback: target)
            }
            return fallback
        }
        // Unreliable: maddr first, then received (with rport when filled), then sent-by.
        if let maddr = via.maddr {
            if maddr.isAddress {
                return .address(SIPTarget(transport: .udp, address: maddr.bareAddress, port: sentByPort))
            }
            return .resolve(host: maddr.bareAddress, port: via.port, transport: .udp)
        }
        var rport: UInt16?
        if case .port(let p) = via.rport { rport = p }
        if let received = via.received {
            let target = SIPTarget(transport: .udp, address: received.bareAddress, port: rport ?? sentByPort)
            // The response goes from the listener the request came to, which the flow names.
            if let requestFlow, case .datagram(_, let remote) = requestFlow.kind, remote == target {
                return .flow(requestFlow, fallback: target)
            }
            return .address(target)
        }
        if via.host.isAddress {
            return .address(SIPTarget(transport: .udp, address: via.host.bareAddress, port: rport ?? sentByPort))
        }
        return .resolve(host: via.host.bareAddress, port: rport ?? via.port, transport: .udp)
    }
}

extension Host {
    var isAddress: Bool {
        if case .domain = self { return false }
        return true
    }
}
