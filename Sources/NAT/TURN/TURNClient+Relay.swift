/// The media path: wrapping payloads for the relay and unwrapping what it relays back.
/// No allocation: callers pass the buffers, results are ranges into them.
extension TURNClient {
    /// True for a ChannelData message: first two bits 01 (channels 0x4000–0x7FFF; RFC 8656 §12).
    public static func isChannelData(_ bytes: UnsafeRawBufferPointer) -> Bool {
        bytes.count >= 4 && bytes[0] & 0xc0 == 0x40
    }

    /// Wraps `payload` for `peer` into `buffer`: ChannelData when a channel is bound, else a
    /// Send indication. Returns the bytes to send to the server, or nil when there is no
    /// allocation or `buffer` is too small. A permission (`permit` or `bindChannel`) must be
    /// in place for the server to relay it.
    public func wrap(payload: UnsafeRawBufferPointer, to peer: TransportAddress, into buffer: UnsafeMutableRawBufferPointer) -> Int? {
        guard case .allocated = state, payload.count <= 0xffff - 64 else { return nil }
        if let channel = channels[peer], channel.bound {
            // Streams need ChannelData padded to 4 bytes; over UDP the padding is left out (§12.5).
            let padded = transport == .tcp ? (payload.count + 3) & ~3 : payload.count
            guard buffer.count >= 4 + padded else { return nil }
            STUNWire.put16(channel.number, buffer, 0)
            STUNWire.put16(UInt16(payload.count), buffer, 2)
            if let base = payload.baseAddress, let out = buffer.baseAddress { (out + 4).copyMemory(from: base, byteCount: payload.count) }
            for i in (4 + payload.count)..<(4 + padded) { buffer[i] = 0 }
            return 4 + padded
        }
        return Self.writeSendIndication(payload: payload, to: peer, into: buffer)
    }

    /// A Send indication: XOR-PEER-ADDRESS and DATA (RFC 8656 §11).
    static func writeSendIndication(payload: UnsafeRawBufferPointer, to peer: TransportAddress,
                                    into buffer: UnsafeMutableRawBufferPointer) -> Int? {
        let id = STUNTransactionID.random()
        let padded = (payload.count + 3) & ~3
        let total = STUNWire.headerSize + 4 + 4 + peer.family.length + 4 + padded
        guard buffer.count >= total else { return nil }
        STUNWire.put16(STUNMessage.type(method: .send, class: .indication), buffer, 0)
        STUNWire.put16(UInt16(total - STUNWire.headerSize), buffer, 2)
        for i in 0..<4 { buffer[4 + i] = UInt8(truncatingIfNeeded: STUNWire.magicCookie >> (24 - 8 * UInt32(i))) }
        for i in 0..<12 { buffer[8 + i] = id.byte(i) }
        guard let written = STUNAddressCodec.writeAttribute(type: STUNAttribute.Code.xorPeerAddress, peer, transactionID: id,
                                                            into: buffer, at: STUNWire.headerSize) else { return nil }
        let data = STUNWire.headerSize + written
        STUNWire.put16(STUNAttribute.Code.data, buffer, data)
        STUNWire.put16(UInt16(payload.count), buffer, data + 2)
        if let base = payload.baseAddress, let out = buffer.baseAddress { (out + data + 4).copyMemory(from: base, byteCount: payload.count) }
        for i in (data + 4 + payload.count)..<total { buffer[i] = 0 }
        return total
    }

    /// Relayed media in a datagram (or stream frame) from the server: a ChannelData message
    /// on a bound channel, or a Data indication. Returns the peer and where the payload lies
    /// in `bytes`; nil for anything else (hand that to `receive`).
    public func unwrap(_ bytes: UnsafeRawBufferPointer) -> (peer: TransportAddress, payload: Range<Int>)? {
        if Self.isChannelData(bytes) {
            let length = Int(STUNWire.u16(bytes, 2))
            guard length <= bytes.count - 4, let peer = channelPeers[STUNWire.u16(bytes, 0)] else { return nil }
            return (peer, 4..<(4 + length))
        }
        return Self.unwrapDataIndication(bytes)
    }

    static func unwrapDataIndication(_ bytes: UnsafeRawBufferPointer) -> (peer: TransportAddress, payload: Range<Int>)? {
        guard let type = try? STUNWire.checkHeader(bytes), type == STUNMessage.type(method: .data, class: .indication) else { return nil }
        let id = STUNWire.transactionID(bytes)
        var peer: TransportAddress?, payload: Range<Int>?
        var walk = STUNWire.Attributes(bytes)
        while let attribute = walk.next() {
            if attribute.type == STUNAttribute.Code.xorPeerAddress, peer == nil {
                peer = STUNAddressCodec.decode(UnsafeRawBufferPointer(rebasing: bytes[attribute.value]), xor: true, transactionID: id)
            } else if attribute.type == STUNAttribute.Code.data, payload == nil {
                payload = attribute.value
            }
        }
        guard !walk.malformed, let peer, let payload else { return nil }
        return (peer, payload)
    }

    /// The channel bound to `peer`, if the server confirmed it.
    public func channel(for peer: TransportAddress) -> UInt16? {
        channels[peer].flatMap { $0.bound ? $0.number : nil }
    }
}
