import NAT

/// One call's NAT traversal on the media thread: learns the public address (STUN),
/// allocates a relay (TURN) and runs the ICE agent, all over the call's RTP socket. The
/// transport hands it every datagram first and asks it where media goes.
///
/// ICE starts with two components: RTP on the call's socket and RTCP on `rtcpSocket`
/// (host, server-reflexive and, over UDP, its own relayed candidate). pipit offers
/// rtcp-mux (RFC 5761): once the peer takes it, or signals no RTCP candidates, the agent
/// drops component 2 and RTCP rides on RTP's pair.
final class NATSession {
    let settings: NATSettings
    let socket: MediaSocket
    /// The socket's own address: the host candidate and the base of the others.
    var base: TransportAddress
    /// The RTCP socket (ICE component 2 without rtcp-mux) and its address.
    let rtcpSocket: MediaSocket?
    var rtcpBase: TransportAddress?
    /// Sockets on the machine's other interface addresses (IPv4 and IPv6): more host
    /// candidates, for ICE only (STUN and TURN go through `socket`).
    var otherHosts: [MediaSocket]
    let monitor: StreamMonitor
    var binding: STUNBindingClient?
    /// The public address of the RTCP socket (component 2's server-reflexive candidate).
    var rtcpBinding: STUNBindingClient?
    var turn: TURNClient?
    /// RTCP's own allocation (component 2 without rtcp-mux).
    var rtcpTurn: TURNClient?
    var agent: ICEAgent?
    /// Whether the peer does ICE: set with its description; until then, and without it,
    /// media goes where the stream says.
    var remoteDoesICE = false
    var selected: ICECandidatePair?
    /// Component 2's selected pair (RTCP without rtcp-mux).
    var selectedRTCP: ICECandidatePair?
    var consentLost = false
    var rtcpConsentLost = false
    /// The peer does not do ICE, and our SDP named the relay: media goes through it.
    var relayWithoutICE = false
    /// The peer the relay has a permission for in that mode.
    var relayPeer: TransportAddress?
    /// Peers whose media last came through our relay: until ICE selects a pair, what the
    /// stream sends back to them goes through the relay too (a symmetric NAT lets nothing
    /// else through). Four at most, newest first.
    var relayedPeers: [TransportAddress] = []
    var gathering: NATGathering
    var gatherDeadline: ContinuousClock.Instant?
    private var waiters: [@Sendable (NATGathering) -> Void] = []
    var gathered = false
    // Scratch, allocated once: relayed media is wrapped here without allocating.
    var wrapBuffer = [UInt8](repeating: 0, count: 2048)
    var iceOutputs: [ICEOutput] = []
    /// The connections to the TURN server when it is reached over TCP or TLS (networks
    /// that drop UDP): RTP's allocation's, and RTCP's own.
    var relayStream: RelayStream?
    var rtcpRelayStream: RelayStream?

    init(settings: NATSettings, socket: MediaSocket, rtcp: MediaSocket? = nil, otherHosts: [MediaSocket] = [],
         monitor: StreamMonitor, now: ContinuousClock.Instant) {
        self.settings = settings
        self.socket = socket
        rtcpSocket = settings.ice ? rtcp : nil
        rtcpBase = rtcpSocket?.localAddress.transportAddress
        self.otherHosts = settings.ice ? otherHosts : []
        if !settings.ice { for unused in otherHosts { unused.close() } }
        self.monitor = monitor
        base = socket.localAddress.transportAddress
        gathering = NATGathering()
        gathering.defaultAddress = base
        if settings.ice {
            var generator = SystemRandomNumberGenerator()
            var agent = ICEAgent(role: .controlling, componentCount: rtcpBase == nil ? 1 : 2, using: &generator)
            agent.addHostCandidate(base, component: 1)
            if let rtcpBase { agent.addHostCandidate(rtcpBase, component: 2) }
            // Ranked per family after the address SIP uses (RFC 8421 puts IPv6 first).
            var rank: [TransportAddress.Family: Int] = [base.family: 1]
            for host in self.otherHosts {
                let address = host.localAddress.transportAddress
                agent.addHostCandidate(address, component: 1, rank: rank[address.family, default: 0])
                rank[address.family, default: 0] += 1
            }
            self.agent = agent
        }
        startGathering(now: now)
    }

    private func startGathering(now: ContinuousClock.Instant) {
        startBindings(now: now)
        if let server = settings.turnServer, let user = settings.turnUser, let password = settings.turnPassword {
            if settings.turnTransport == .tcp {
                relayStream = openRelayStream(to: server, component: 1) { gathering.turnFailure = $0 }
            }
            // No allocation on a connection that failed at once (its reason is said).
            if settings.turnTransport == .udp || relayStream?.isLost == false {
                var client = TURNClient(server: server, transport: settings.turnTransport, username: user, password: password,
                                        software: "pipit")
                let outputs = client.start(now: now)
                turn = client
                turnOutputs(outputs, now: now)
            }
        } else if settings.turnServer != nil {
            gathering.turnFailure = "TURN server set without turn_user and turn_password"
        }
        startRTCPRelay(now: now)
        gatherDeadline = now + settings.gatherTimeout
        finishGatheringIfDone(now: now)
    }

    /// Binding requests for the public address of the RTP socket and, while ICE has two
    /// components, of the RTCP socket.
    func startBindings(now: ContinuousClock.Instant) {
        guard let server = settings.stunServer else { return }
        var client = STUNBindingClient(software: "pipit")
        for output in client.start(now: now) { bindingOutput(output, server: server) }
        binding = client
        if rtcpSocket != nil, agent?.componentCount ?? 1 == 2 {
            var rtcpClient = STUNBindingClient(software: "pipit")
            for output in rtcpClient.start(now: now) { rtcpBindingOutput(output, server: server) }
            rtcpBinding = rtcpClient
        }
    }

    /// `done` is called (on the media thread) with what gathering found: at once when it
    /// is over, else when it ends or times out.
    func whenGathered(_ done: @escaping @Sendable (NATGathering) -> Void) {
        if gathered { return done(snapshotGathering()) }
        waiters.append(done)
    }

    /// Gathering is over when every server answered or failed, or at the deadline.
    func finishGatheringIfDone(now: ContinuousClock.Instant) {
        guard !gathered else { return }
        let stunPending = binding.map { $0.state == .waiting } ?? false
        var rtcpPending = rtcpBinding.map { $0.state == .waiting } ?? false
        switch rtcpTurn?.state {
        case .allocating?, .idle?: rtcpPending = true
        default: break
        }
        let turnPending: Bool
        switch turn?.state {
        case .allocating?, .idle?: turnPending = true
        default: turnPending = false
        }
        let timedOut = gatherDeadline.map { now >= $0 } ?? false
        guard timedOut || (!stunPending && !turnPending && !rtcpPending) else { return }
        if stunPending { gathering.stunFailure = gathering.stunFailure ?? "no answer from the STUN server \(settings.stunServer.map { "\($0)" } ?? "")" }
        if turnPending { gathering.turnFailure = gathering.turnFailure ?? "no answer from the TURN server \(settings.turnServer.map { "\($0)" } ?? "")" }
        if settings.relayOnly, gathering.relayedAddress != nil {
            agent?.removeLocalCandidates { $0.kind != .relayed }
        }
        if var agent, agent.componentCount == 2, !agent.localCandidates.contains(where: { $0.component == 2 }) {
            // Nothing to offer for RTCP (relay only): one component, RTCP beside ICE.
            agent.dropRTCPComponent(now: now)
            self.agent = agent
            releaseRTCPRelay(now: now)
        }
        gathered = true
        let result = snapshotGathering()
        for waiter in waiters { waiter(result) }
        waiters.removeAll()
    }

    func snapshotGathering() -> NATGathering {
        var result = gathering
        if let agent {
            result.ice = ICEDescription(agent: agent)
            if let chosen = agent.defaultCandidate(component: 1) { result.defaultAddress = chosen.address }
            result.rtcpDefaultAddress = agent.componentCount == 2 ? agent.defaultCandidate(component: 2)?.address : nil
        } else {
            result.defaultAddress = gathering.relayedAddress ?? gathering.publicAddress ?? base
        }
        return result
    }

    /// The peer's ICE description (from its offer or answer) and our role; nil: the peer
    /// does not do ICE, media follows the stream's latched address.
    /// `rtcpMux`: offer/answer agreed on it (ICE then runs on one component).
    func setRemote(_ remote: ICEDescription?, controlling: Bool, rtcpMux: Bool = true, now: ContinuousClock.Instant) {
        guard var agent, let remote else {
            remoteDoesICE = false
            let advertised = snapshotGathering().defaultAddress
            relayWithoutICE = gathering.relayedAddress != nil && advertised == gathering.relayedAddress
            return
        }
        relayWithoutICE = false
        if let current = agent.remoteCredentials, current.ufrag != remote.ufrag || current.pwd != remote.pwd {
            // The peer restarted ICE (RFC 8445 §9): new checks, media stays on the old pair meanwhile.
            var generator = SystemRandomNumberGenerator()
            agent.restart(using: &generator)
        } else if agent.remoteCredentials != nil {
            return   // the same description again (a re-INVITE that changes something else)
        }
        if rtcpMux || !remote.candidates.contains(where: { $0.component == 2 }) {
            agent.dropRTCPComponent(now: now)
            releaseRTCPRelay(now: now)
        }
        agent.setRole(controlling ? .controlling : .controlled)
        agent.setRemote(remote, now: now)
        self.agent = agent
        remoteDoesICE = true
        permitRemoteCandidates(remote.candidates.map(\.address), now: now)
        drainAgent(now: now)
    }

    func tick(now: ContinuousClock.Instant) {
        flushRelayStreams()
        if var client = binding, let due = client.nextDeadline, now >= due, let server = settings.stunServer {
            let outputs = client.tick(now: now)
            binding = client
            for output in outputs { bindingOutput(output, server: server) }
        }
        if var client = rtcpBinding, let due = client.nextDeadline, now >= due, let server = settings.stunServer {
            let outputs = client.tick(now: now)
            rtcpBinding = client
            for output in outputs { rtcpBindingOutput(output, server: server) }
        }
        if var client = turn, let due = client.nextDeadline, now >= due {
            let outputs = client.tick(now: now)
            turn = client
            turnOutputs(outputs, now: now)
        }
        tickRTCPRelay(now: now)
        if var agent, let due = agent.nextDeadline, now >= due {
            agent.tick(now: now)
            self.agent = agent
            drainAgent(now: now)
        }
        finishGatheringIfDone(now: now)
    }

    func bindingOutput(_ output: STUNBindingClient.Output, server: TransportAddress) {
        switch output {
        case .send(let bytes):
            bytes.withUnsafeBytes { _ = socket.send($0, to: SocketAddress(server)) }
        case .succeeded(let mapped):
            gathering.publicAddress = mapped
            agent?.addServerReflexiveCandidate(mapped, base: base, server: server)
        case .failed(let failure):
            gathering.stunFailure = "\(failure) (\(server))"
        }
    }

    /// Where media of `component` goes: the selected pair once ICE chose one; nil lets
    /// the stream's own address decide (no ICE, or checks still running).
    func route(component: Int) -> ICECandidatePair? {
        guard remoteDoesICE else { return nil }
        return component == 2 ? selectedRTCP : selected
    }

    /// Whether `component`'s media must not be sent: consent for RTP (which carries
    /// everything), or, without rtcp-mux, for RTCP's own pair, was lost.
    func mustNotSend(component: Int) -> Bool {
        remoteDoesICE && (consentLost || (component == 2 && rtcpConsentLost))
    }

    /// Remembers that `peer`'s media came through the relay (no allocation once four are known).
    func noteRelayedPeer(_ peer: TransportAddress) {
        if relayedPeers.first == peer { return }
        relayedPeers.removeAll { $0 == peer }
        if relayedPeers.count == 4 { relayedPeers.removeLast() }
        relayedPeers.insert(peer, at: 0)
    }

    /// Whether media to `destination` should go through the relay: it is where a relayed
    /// peer's packets came from.
    func reachesThroughRelay(_ destination: SocketAddress) -> Bool {
        !relayedPeers.isEmpty && relayedPeers.contains(destination.transportAddress)
    }

    /// Media to a peer without ICE through our relay (our SDP named it), with a
    /// permission for the peer's address first.
    func sendThroughRelay(_ bytes: UnsafeRawBufferPointer, to destination: SocketAddress, now: ContinuousClock.Instant) -> Bool {
        let peer = destination.transportAddress
        if relayPeer != peer.with(port: 0) {
            relayPeer = peer.with(port: 0)
            ensurePermission(for: peer, now: now)
        }
        return sendRelayed(bytes, to: peer)
    }

    /// Sends media along `pair`: straight from the socket, or wrapped for the relay.
    func send(_ bytes: UnsafeRawBufferPointer, along pair: ICECandidatePair) -> Bool {
        if pair.sendingBase.relayed {
            if isRTCPRelay(pair.sendingBase.address) { return sendRTCPRelayed(bytes, to: pair.destination) }
            return sendRelayed(bytes, to: pair.destination)
        }
        return hostSocket(for: pair.sendingBase.address).send(bytes, to: SocketAddress(pair.destination))
    }

    /// What `nat status` shows.
    func snapshot() -> NATSnapshot {
        var s = NATSnapshot()
        s.publicAddress = gathering.publicAddress?.description
        if let seen = gathering.publicAddress {
            s.mapping = NATMappingSeen(seen: seen, base: base, hosts: otherHosts.map(\.localAddress.transportAddress))
        }
        s.relayedAddress = gathering.relayedAddress?.description
        s.stunFailure = gathering.stunFailure
        s.turnFailure = gathering.turnFailure
        s.consentLost = consentLost
        if let agent {
            switch agent.state {
            case .new: s.iceState = remoteDoesICE ? "new" : "gathered"
            case .running: s.iceState = "running"
            case .completed: s.iceState = "completed"
            case .failed(let failure): s.iceState = "failed: \(failure)"
            }
            if agent.remoteCredentials == nil, gathered { s.iceState = "the peer does not do ICE" }
            s.role = agent.role.rawValue
            s.localCandidates = agent.localCandidates.map(\.description)
            s.remoteCandidates = agent.remoteCandidates.map(\.description)
        }
        s.selectedPair = selected?.description
        s.selectedRTCPPair = selectedRTCP?.description
        return s
    }

    /// Sockets besides the call's own: the connections to the relay (kept, quiet, after
    /// they broke, until the call ends).
    var extraSockets: [MediaSocket] { otherHosts + [relayStream, rtcpRelayStream].compactMap { $0?.connection } }

    /// The socket whose address is `base` (the call's own, or another interface's).
    func hostSocket(for base: TransportAddress) -> MediaSocket {
        if base == self.base { return socket }
        if base == rtcpBase, let rtcpSocket { return rtcpSocket }
        return otherHosts.first { $0.localAddress.transportAddress == base } ?? socket
    }

    func close() {
        defer {
            relayStream?.close()
            rtcpRelayStream?.close()
            for host in otherHosts { host.close() }
        }
        let now = ContinuousClock.now
        releaseRTCPRelay(now: now)
        if var client = turn {
            // Deallocation is best effort: one Refresh with LIFETIME 0, no waiting.
            let outputs = client.close(now: now)
            turn = client
            for case .send(let bytes) in outputs { sendToRelayServer(bytes) }
        }
        let result = snapshotGathering()
        for waiter in waiters { waiter(result) }
        waiters.removeAll()
    }
}
