import Testing
import TestLab
@testable import Media

@Suite(.timeLimit(.minutes(1)))
struct SRTPContextTests {
    static func rtp(seq: UInt16, ssrc: UInt32 = 0x1234_5678, payload: Int = 160) -> [UInt8] {
        var p: [UInt8] = [0x80, 0x00, UInt8(seq >> 8), UInt8(seq & 0xFF), 0, 0, UInt8(seq >> 8), UInt8(seq & 0xFF)]
        p += withUnsafeBytes(of: ssrc.bigEndian) { Array($0) }
        p += (0..<payload).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ Int(seq)) }
        return p
    }

    static func rtcp(ssrc: UInt32 = 0x1234_5678) -> [UInt8] {
        // An RR with no report blocks followed by an SDES-less filler: 8 + 16 bytes.
        [0x81, 0xC9, 0x00, 0x01] + withUnsafeBytes(of: ssrc.bigEndian) { Array($0) } + [UInt8](repeating: 0x5A, count: 16)
    }

    static func pair(_ suite: SRTPSuite) throws -> (SRTPSender, SRTPReceiver) {
        let key = SDES.generateKey(suite)
        return (try SRTPSender(key: key), try SRTPReceiver(key: key))
    }

    @Test(arguments: SRTPSuite.supported) func roundTrip(suite: SRTPSuite) throws {
        let (sender, receiver) = try Self.pair(suite)
        for seq in UInt16(65_530)...UInt16(65_535) {
            let plain = Self.rtp(seq: seq)
            var packet = plain
            try sender.protect(&packet)
            #expect(packet.count == plain.count + suite.rtpTrailerLength)
            #expect(packet[12...] != plain[12...])
            try receiver.unprotect(&packet)
            #expect(packet == plain)
        }
        let plain = Self.rtcp()
        var packet = plain
        try sender.protectRTCP(&packet)
        #expect(packet.count == plain.count + suite.rtcpTrailerLength)
        try receiver.unprotectRTCP(&packet)
        #expect(packet == plain)
    }

    @Test(arguments: SRTPSuite.supported) func tamperedPacketFailsAuthentication(suite: SRTPSuite) throws {
        let (sender, receiver) = try Self.pair(suite)
        var packet = Self.rtp(seq: 1)
        try sender.protect(&packet)
        packet[20] ^= 0x01
        #expect(throws: SRTPError.authenticationFailed) { try receiver.unprotect(&packet) }
        var rtcp = Self.rtcp()
        try sender.protectRTCP(&rtcp)
        rtcp[9] ^= 0x80
        #expect(throws: SRTPError.authenticationFailed) { try receiver.unprotectRTCP(&rtcp) }
    }

    @Test(arguments: SRTPSuite.supported) func replayIsRefused(suite: SRTPSuite) throws {
        let (sender, receiver) = try Self.pair(suite)
        var packet = Self.rtp(seq: 100)
        try sender.protect(&packet)
        var first = packet
        try receiver.unprotect(&first)
        #expect(throws: SRTPError.replayed) { try receiver.unprotect(&packet) }
        var rtcp = Self.rtcp()
        try sender.protectRTCP(&rtcp)
        var once = rtcp
        try receiver.unprotectRTCP(&once)
        #expect(throws: SRTPError.replayed) { try receiver.unprotectRTCP(&rtcp) }
    }

    @Test func reorderedPacketsWithinTheWindowAreAccepted() throws {
        let (sender, receiver) = try Self.pair(.aesCM128HMACSHA1_80)
        var packets: [[UInt8]] = []
        for seq in UInt16(0)..<200 {
            var p = Self.rtp(seq: seq)
            try sender.protect(&p)
            packets.append(p)
        }
        // Newest first: 199 back is inside the 1024-packet window.
        for var p in packets.reversed() { try receiver.unprotect(&p) }
    }

    @Test func csrcsAndHeaderExtensionsPassThrough() throws {
        let (sender, receiver) = try Self.pair(.aeadAES128GCM)
        var plain = Self.rtp(seq: 5)
        plain[0] = 0x92  // X bit, two CSRCs
        plain.insert(contentsOf: [0, 0, 0, 1, 0, 0, 0, 2, 0xBE, 0xDE, 0x00, 0x01, 0x10, 0xAA, 0, 0], at: 12)
        var packet = plain
        try sender.protect(&packet)
        #expect(packet[..<28] == plain[..<28])  // headers stay in the clear
        try receiver.unprotect(&packet)
        #expect(packet == plain)
    }

    @Test func wrongKeyFailsAuthentication() throws {
        let sender = try SRTPSender(key: SDES.generateKey(.aesCM128HMACSHA1_80))
        let receiver = try SRTPReceiver(key: SDES.generateKey(.aesCM128HMACSHA1_80))
        var packet = Self.rtp(seq: 7)
        try sender.protect(&packet)
        #expect(throws: SRTPError.authenticationFailed) { try receiver.unprotect(&packet) }
    }

    @Test func anySSRCAndAnSSRCChangeNeedNoRekeying() throws {
        let (sender, receiver) = try Self.pair(.aesCM128HMACSHA1_80)
        for ssrc: UInt32 in [1, 0xDEAD_BEEF, 42] {
            let plain = Self.rtp(seq: 9, ssrc: ssrc)
            var p = plain
            try sender.protect(&p)
            try receiver.unprotect(&p)
            #expect(p == plain)
        }
    }

    @Test func callerBufferWithoutRoomForTheTrailerIsRefused() throws {
        let (sender, _) = try Self.pair(.aesCM128HMACSHA1_80)
        var packet = Self.rtp(seq: 1) + [UInt8](repeating: 0, count: 9)
        let length = packet.count - 9
        #expect(throws: SRTPError.insufficientCapacity(needed: length + 10)) {
            _ = try packet.withUnsafeMutableBytes { try sender.protect($0, length: length) }
        }
        packet.append(0)
        let n = try packet.withUnsafeMutableBytes { try sender.protect($0, length: length) }
        #expect(n == length + 10)
    }

    @Test func hostileInputNeverTraps() throws {
        let (sender, receiver) = try Self.pair(.aesCM128HMACSHA1_80)
        #expect(throws: SRTPError.badLength(0)) { var e: [UInt8] = []; try receiver.unprotect(&e) }
        #expect(throws: SRTPError.badLength(21)) { var s = [UInt8](repeating: 0x80, count: 21); try receiver.unprotect(&s) }
        // Version 0, and a CSRC count pointing past the end.
        #expect(throws: SRTPError.malformedPacket) { var v = [UInt8](repeating: 0, count: 40); try receiver.unprotect(&v) }
        #expect(throws: SRTPError.malformedPacket) {
            var c = [UInt8](repeating: 0, count: 40); c[0] = 0x8F; try receiver.unprotect(&c)
        }
        // An extension header whose length runs past the packet.
        #expect(throws: SRTPError.malformedPacket) {
            var x = [UInt8](repeating: 0, count: 40); x[0] = 0x90; x[14] = 0xFF; x[15] = 0xFF; try receiver.unprotect(&x)
        }
        #expect(throws: SRTPError.badLength(17)) { var r = [UInt8](repeating: 0x81, count: 17); try receiver.unprotectRTCP(&r) }
        #expect(throws: SRTPError.badLength(5)) {
            var b = [UInt8](repeating: 0x80, count: 4)
            _ = try b.withUnsafeMutableBytes { try receiver.unprotect($0, length: 5) }
        }
        #expect(throws: SRTPError.malformedPacket) { var short = [UInt8](repeating: 0x80, count: 8); try sender.protect(&short) }
        // Random garbage of every length up to 300 bytes: errors, never a crash.
        var random = RelayRandom(seed: 3711)
        var accepted = 0
        for length in 0...300 {
            for _ in 0..<4 {
                var garbage = (0..<length).map { _ in UInt8(truncatingIfNeeded: random.next()) }
                if length > 0 { garbage[0] = 0x80 | (garbage[0] & 0x3F) }
                if (try? receiver.unprotect(&garbage)) != nil { accepted += 1 }
                var rtcp = garbage
                if (try? receiver.unprotectRTCP(&rtcp)) != nil { accepted += 1 }
            }
        }
        #expect(accepted == 0)
    }
}
