import NIOCore
import NIOPosix
import SDP

/// Media negotiation without an audio engine: real SDP offer/answer and a real RTP port
/// that counts what arrives, but nothing is played or sent. The media engine replaces it.
public struct SignallingOnlyMedia: MediaNegotiating {
    let group: any EventLoopGroup
    /// RTP ports to pick from (`rtp_port_min`…`rtp_port_max`); an even one is taken.
    let ports: ClosedRange<UInt16>

    public init(group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton, ports: ClosedRange<UInt16> = 10000...20000) {
        self.group = group
        self.ports = ports
    }

    public func makeSession(account: AccountConfig, localAddress: String) async throws -> any MediaSession {
        let counter = PacketCounter()
        var channel: (any Channel)?
        var lastError: (any Error)?
        // A few random even ports: another program may hold one.
        for _ in 0..<16 where channel == nil {
            let port = Int(UInt16.random(in: ports)) & ~1
            do {
                channel = try await DatagramBootstrap(group: group)
                    .channelInitializer { $0.pipeline.addHandler(counter) }
                    .bind(host: localAddress, port: max(port, Int(ports.lowerBound))).get()
            } catch {
                lastError = error
            }
        }
        guard let channel else {
            throw MediaError.noPort("\(localAddress) \(ports): \(lastError.map { "\($0)" } ?? "no free port")")
        }
        let port = UInt16(channel.localAddress?.port ?? 0)
        let caps = LocalCapabilities(
            addressType: localAddress.contains(":") ? .ip6 : .ip4, address: localAddress,
            media: [MediaCapabilities(port: port, codecs: account.codecPreferences, ptime: 20)])
        return SignallingOnlySession(channel: channel, counter: counter, capabilities: caps)
    }
}

final class SignallingOnlySession: MediaSession, @unchecked Sendable {
    // Everything below is touched only on `channel.eventLoop`.
    private let channel: any Channel
    private let counter: PacketCounter
    private let capabilities: LocalCapabilities
    private var session = LocalSessionState(sessionID: UInt64.random(in: 1...UInt64(Int64.max)))
    private var lastOffer: SessionDescription?
    private var streams: [NegotiatedStream] = []
    private var peerHolds = false

    init(channel: any Channel, counter: PacketCounter, capabilities: LocalCapabilities) {
        self.channel = channel
        self.counter = counter
        self.capabilities = capabilities
    }

    private func onLoop<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await channel.eventLoop.submit(body).get()
    }

    private func caps(direction: Direction) -> LocalCapabilities {
        var caps = capabilities
        for i in caps.media.indices { caps.media[i].direction = direction }
        return caps
    }

    func makeOffer(hold: Bool) async throws -> SessionDescription {
        try await onLoop {
            let direction: Direction = hold ? (self.peerHolds ? .inactive : .sendonly) : .sendrecv
            let offer = OfferAnswer.makeOffer(self.caps(direction: direction), session: &self.session)
            self.lastOffer = offer
            return offer
        }
    }

    func answer(_ offer: SessionDescription, hold: Bool) async throws -> SessionDescription {
        try await onLoop {
            let answer = OfferAnswer.answer(to: offer, with: self.caps(direction: hold ? .sendonly : .sendrecv),
                                            session: &self.session)
            guard answer.acceptsAnything else { throw MediaError.notAcceptable("no common codec or media") }
            self.streams = answer.streams
            self.peerHolds = offer.media.contains { !$0.isRejected && !DirectionNegotiation.declared($0, in: offer).receives }
            return answer.sessionDescription
        }
    }

    func accept(_ answer: SessionDescription) async throws {
        try await onLoop {
            guard let offer = self.lastOffer else { throw MediaError.notAcceptable("an answer without an offer") }
            do {
                self.streams = try OfferAnswer.readAnswer(answer, to: offer)
            } catch {
                throw MediaError.notAcceptable("\(error)")
            }
            guard self.streams.contains(where: \.accepted) else { throw MediaError.notAcceptable("every stream refused") }
        }
    }

    func negotiated() async -> [NegotiatedStream] { (try? await onLoop { self.streams }) ?? [] }

    func packetsReceived() async -> Int { (try? await onLoop { self.counter.packets }) ?? 0 }

    func close() async { try? await channel.close() }
}

/// Counts datagrams on the RTP port; runs on the channel's loop only.
final class PacketCounter: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>
    private(set) var packets = 0
    func channelRead(context: ChannelHandlerContext, data: NIOAny) { packets += 1 }
}
