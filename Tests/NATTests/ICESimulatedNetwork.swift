@testable import NAT

/// A NAT box: endpoint-independent mapping ("cone": one public port per internal socket)
/// or address-and-port-dependent mapping ("symmetric": one per destination), both with
/// address-and-port-dependent filtering (only answers from where the inside sent pass).
struct SimulatedNAT {
    var publicHost: String
    var symmetric: Bool
    private var nextPort: UInt16 = 40_000
    private var mappings: [String: UInt16] = [:]
    private var inside: [UInt16: TransportAddress] = [:]
    private var openedTo: Set<String> = []

    init(publicHost: String, symmetric: Bool) {
        self.publicHost = publicHost
        self.symmetric = symmetric
    }

    /// The public source of a datagram from `from` (inside) to `to` (outside).
    mutating func outbound(from: TransportAddress, to: TransportAddress) -> TransportAddress {
        let key = symmetric ? "\(from)>\(to)" : "\(from)"
        let port = mappings[key] ?? {
            nextPort += 1
            mappings[key] = nextPort
            inside[nextPort] = from
            return nextPort
        }()
        openedTo.insert("\(port)<\(to)")
        return ta("\(publicHost):\(port)")
    }

    /// Where an inbound datagram to public `port` from `from` goes; nil when filtered.
    func inbound(port: UInt16, from: TransportAddress) -> TransportAddress? {
        guard openedTo.contains("\(port)<\(from)") else { return nil }
        return inside[port]
    }
}

/// Two (or more) agents on an in-memory network with NATs, a firewall, a STUN server and a
/// TURN relay that forwards (permissions by peer IP, as RFC 8656 §9).
struct SimulatedNetwork {
    struct Site {
        var agent: ICEAgent
        var sockets: [TransportAddress]
        var lan: String
        var nat: SimulatedNAT?
        /// Drops every inbound datagram except the TURN server's.
        var firewall = false
        var events: [ICEOutput] = []
        /// An ICE-lite peer (a media server): it answers checks with these credentials,
        /// never sends any, and takes the path of the first USE-CANDIDATE (RFC 8445 §2.5).
        var lite: ICECredentials?
        var liteNominated: (base: ICEBase, remote: TransportAddress)?
    }

    struct Allocation {
        var site: Int
        var via: TransportAddress
        var permissions: Set<String> = []
    }

    enum Payload {
        case request(ICECheck)
        case response(ICEResponse)
    }

    struct Datagram {
        var time: ContinuousClock.Instant
        var sequence: Int
        var source: TransportAddress
        var destination: TransportAddress
        var senderLAN: String?
        var payload: Payload
    }

    static let stunServer = ta("192.0.2.200:3478")
    static let turnServer = ta("192.0.2.100:3478")

    var sites: [Site] = []
    var allocations: [TransportAddress: Allocation] = [:]
    var inFlight: [Datagram] = []
    var sequence = 0
    var now = iceT0
    var delivered = 0
    var dropped = 0
    /// Carry every check and response as STUN bytes through `ICEWire` (the codec and
    /// MESSAGE-INTEGRITY / FINGERPRINT) instead of as values.
    var overWire = false
    /// Applied to the bytes of every datagram when `overWire` (e.g. to corrupt them).
    var tamper: (@Sendable (inout [UInt8]) -> Void)?

    /// Adds a site whose agent gathers host candidates on `sockets` and, when asked,
    /// server-reflexive (from the STUN server through its NAT) and relayed ones.
    mutating func addSite(
        _ agent: ICEAgent, sockets: [String], lan: String, nat: SimulatedNAT? = nil, firewall: Bool = false,
        stun: Bool = true, turn: Bool = true
    ) {
        var site = Site(agent: agent, sockets: sockets.map(ta), lan: lan, nat: nat, firewall: firewall)
        let ports = site.sockets.map(\.port)
        site.agent.gatherHostCandidates(interfaces: [site.sockets[0]], ports: ports)
        let index = sites.count
        for socket in site.sockets {
            let mapped = site.nat.map { _ in site.nat!.outbound(from: socket, to: Self.stunServer) } ?? socket
            if stun { site.agent.addServerReflexiveCandidate(mapped, base: socket, server: Self.stunServer) }
            if turn {
                let toTURN = site.nat.map { _ in site.nat!.outbound(from: socket, to: Self.turnServer) } ?? socket
                let relay = ta("192.0.2.100:\(50_000 + allocations.count)")
                allocations[relay] = Allocation(site: index, via: socket)
                site.agent.addRelayedCandidate(relay, via: socket, mapped: toTURN, server: Self.turnServer)
            }
        }
        sites.append(site)
    }

    /// An ICE-lite site on a public address: host candidates only.
    mutating func addLiteSite(sockets: [String], seed: UInt64) {
        addSite(.test(role: .controlled, seed: seed), sockets: sockets, lan: "public", stun: false, turn: false)
        sites[sites.count - 1].lite = sites[sites.count - 1].agent.localCredentials
    }

    /// Offer/answer: each agent gets the other's description (a lite site only gives its own).
    mutating func exchangeDescriptions() {
        var a = sites[0].agent.description, b = sites[1].agent.description
        a.lite = sites[0].lite != nil
        b.lite = sites[1].lite != nil
        if sites[0].lite == nil { sites[0].agent.setRemote(b, now: now) }
        if sites[1].lite == nil { sites[1].agent.setRemote(a, now: now) }
    }

    /// Runs until every agent completed or failed, or `limit` of simulated time passed.
    mutating func run(for limit: Duration, untilSettled: Bool = true) {
        let end = now + limit
        for _ in 0..<200_000 {
            flushOutputs()
            if untilSettled, sites.allSatisfy({ $0.lite != nil || settled($0.agent.state) }) { return }
            let packet = inFlight.indices.min { (inFlight[$0].time, inFlight[$0].sequence) < (inFlight[$1].time, inFlight[$1].sequence) }
            let deadline = sites.compactMap(\.agent.nextDeadline).min()
            let packetTime = packet.map { inFlight[$0].time }
            guard let next = [packetTime, deadline].compactMap({ $0 }).min(), next <= end else { now = end; return }
            now = max(now, next)
            if let packet, let packetTime, packetTime <= now {
                deliver(inFlight.remove(at: packet))
            } else {
                for i in sites.indices where (sites[i].agent.nextDeadline.map { $0 <= now } ?? false) {
                    sites[i].agent.tick(now: now)
                }
            }
        }
    }

    private func settled(_ state: ICEState) -> Bool {
        if case .running = state { return false }
        return state != .new
    }

    mutating func flushOutputs() {
        for i in sites.indices {
            for output in sites[i].agent.takeOutputs() {
                switch output {
                case .sendCheck(let check): send(from: i, base: check.from, to: check.to, .request(check))
                case .sendResponse(let response): send(from: i, base: response.from, to: response.to, .response(response))
                default: sites[i].events.append(output)
                }
            }
        }
    }

    mutating func send(from site: Int, base: ICEBase, to destination: TransportAddress, _ payload: Payload) {
        var source = base.address
        var lan: String? = sites[site].lan
        if base.relayed {
            // A Send indication: the client installs the permission first (RFC 8656 §9).
            guard allocations[base.address] != nil else { return }
            allocations[base.address]!.permissions.insert(destination.host)
            lan = nil
        } else if sites[site].nat != nil, !isOnLAN(destination, lan: sites[site].lan) {
            source = sites[site].nat!.outbound(from: base.address, to: destination)
            lan = nil
        }
        sequence += 1
        inFlight.append(Datagram(time: now + (lan == nil ? .milliseconds(20) : .milliseconds(1)), sequence: sequence,
                                 source: source, destination: destination, senderLAN: lan, payload: payload))
    }

    private func isOnLAN(_ address: TransportAddress, lan: String) -> Bool {
        sites.contains { $0.lan == lan && $0.sockets.contains(address) }
    }

    mutating func deliver(_ datagram: Datagram) {
        if let allocation = allocations[datagram.destination] {
            guard allocation.permissions.contains(datagram.source.host) else { dropped += 1; return }
            hand(datagram, to: allocation.site, arrivedOn: .relay(datagram.destination))
            return
        }
        for i in sites.indices {
            if let nat = sites[i].nat, nat.publicHost == datagram.destination.host {
                guard !sites[i].firewall, let inside = nat.inbound(port: datagram.destination.port, from: datagram.source)
                else { dropped += 1; return }
                hand(datagram, to: i, arrivedOn: .socket(inside))
                return
            }
            if sites[i].sockets.contains(datagram.destination) {
                let reachable = datagram.senderLAN == sites[i].lan || (sites[i].nat == nil && !sites[i].firewall)
                guard reachable else { dropped += 1; return }
                hand(datagram, to: i, arrivedOn: .socket(datagram.destination))
                return
            }
        }
        dropped += 1
    }

    /// The owner's part: integrity (simulated by comparing keys), then the agent.
    mutating func hand(_ datagram: Datagram, to site: Int, arrivedOn: ICEBase) {
        delivered += 1
        if let lite = sites[site].lite {
            guard case .request(let check) = datagram.payload, check.username.hasPrefix(lite.ufrag + ":"), check.key == lite.pwd else { return }
            if check.useCandidate, sites[site].liteNominated == nil { sites[site].liteNominated = (arrivedOn, datagram.source) }
            send(from: site, base: arrivedOn, to: datagram.source, .response(ICEResponse(
                transactionID: check.transactionID, from: arrivedOn, to: datagram.source, result: .success(mapped: datagram.source), key: lite.pwd)))
            return
        }
        if overWire {
            var bytes: [UInt8] = switch datagram.payload {
            case .request(let check): ICEWire.encode(check)
            case .response(let response): ICEWire.encode(response)
            }
            tamper?(&bytes)
            switch ICEWire.decode(bytes, for: sites[site].agent, arrivedOn: arrivedOn, source: datagram.source) {
            case .request(let request): sites[site].agent.receiveRequest(request, now: now)
            case .response(let response): sites[site].agent.receiveResponse(response, now: now)
            case nil: dropped += 1
            }
            return
        }
        switch datagram.payload {
        case .request(let check):
            guard sites[site].agent.key(forUsername: check.username) == check.key else { dropped += 1; return }
            sites[site].agent.receiveRequest(request(from: check, arrivedOn: arrivedOn, source: datagram.source), now: now)
        case .response(let response):
            guard let key = sites[site].agent.key(forTransaction: response.transactionID), response.key == nil || response.key == key
            else { dropped += 1; return }
            let result: ICEIncomingResponse.Result = switch response.result {
            case .success(let mapped): .success(mapped: mapped)
            case .failure(let code, _): .failure(code: code)
            }
            sites[site].agent.receiveResponse(
                ICEIncomingResponse(transactionID: response.transactionID, arrivedOn: arrivedOn, source: datagram.source, result: result),
                now: now)
        }
    }

    /// The selected pair of component 1 at each site.
    func selected(_ site: Int) -> ICECandidatePair? { sites[site].agent.selectedPairs[1] }

    /// Whether both agents use the same path: each one's local address is the other's remote.
    var agree: Bool {
        guard let a = selected(0), let b = selected(1) else { return false }
        return a.local.address == b.remote.address && a.remote.address == b.local.address
    }
}
