import Testing
@testable import SIPStack

private typealias B = DNSBytes

/// The answer to `example.test A`/`AAAA` written out byte by byte: the owner names point
/// back at the question (offset 12).
private let addressResponse: [UInt8] = [
    0x12, 0x34, 0x85, 0x80, 0x00, 0x01, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00,
    7, 0x65, 0x78, 0x61, 0x6D, 0x70, 0x6C, 0x65, 4, 0x74, 0x65, 0x73, 0x74, 0,  // example.test
    0x00, 0x01, 0x00, 0x01,
    0xC0, 0x0C, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x0E, 0x10, 0x00, 0x04, 192, 0, 2, 10,
    0xC0, 0x0C, 0x00, 0x1C, 0x00, 0x01, 0x80, 0x00, 0x00, 0x01, 0x00, 0x10,
    0x20, 0x01, 0x0D, 0xB8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01,
]

@Test func parsesCompressedAddressAnswers() throws {
    let query = DNSQuery(id: 0x1234, question: DNSQuestion(name: "example.test", type: .a))
    let message = try DNSMessage.parseResponse(addressResponse, to: query)
    #expect(message.isResponse && message.isAuthoritative && !message.isTruncated)
    #expect(message.rcode == 0)
    #expect(message.answers == [
        DNSRecord(name: "example.test", ttl: 3600, data: .a("192.0.2.10")),
        // The TTL had its top bit set: RFC 2181 reads it as zero.
        DNSRecord(name: "example.test", ttl: 0, data: .aaaa("2001:db8::1")),
    ])
}

@Test func parsesSRVWithCompressedTarget() throws {
    // Question _sip._udp.example.test; the target "pbx" + pointer to "example.test" (offset 22).
    let question = B.question("_sip._udp.example.test", type: 33)
    let rdata = B.u16(10) + B.u16(60) + B.u16(5070) + [3] + Array("pbx".utf8) + B.pointer(22)
    let bytes = B.header(an: 2) + question + B.record(B.pointer(12), type: 33, ttl: 60, rdata: rdata)
        + B.record(B.pointer(12), type: 33, ttl: 60, rdata: B.u16(0) + B.u16(0) + B.u16(0) + [0])
    let query = DNSQuery(id: 0x1234, question: DNSQuestion(name: "_sip._udp.example.test", type: .srv))
    let message = try DNSMessage.parseResponse(bytes, to: query)
    #expect(message.answers.map(\.data) == [
        .srv(SRVRecord(priority: 10, weight: 60, port: 5070, target: "pbx.example.test")),
        .srv(SRVRecord(priority: 0, weight: 0, port: 0, target: ".")),
    ])
}

@Test func parsesNAPTR() throws {
    let rdata = B.u16(10) + B.u16(50) + B.characterString("S") + B.characterString("SIP+D2T")
        + B.characterString("") + B.name("_sip._tcp.example.test")
    let bytes = B.header(an: 1) + B.question("example.test", type: 35) + B.record(B.pointer(12), type: 35, rdata: rdata)
    let message = try DNSMessage.parse(bytes)
    #expect(message.answers == [DNSRecord(name: "example.test", ttl: 300, data: .naptr(NAPTRRecord(
        order: 10, preference: 50, flags: "S", services: "SIP+D2T", regexp: "", replacement: "_sip._tcp.example.test")))])
}

@Test func skipsUnknownTypesAndReadsCNAMEAndSOA() throws {
    let soa = B.name("ns.example.test") + B.name("admin.example.test") + B.u32(1) + B.u32(2) + B.u32(3) + B.u32(4) + B.u32(30)
    let bytes = B.header(an: 3, ns: 1) + B.question("www.example.test", type: 1)
        + B.record(B.pointer(12), type: 16, rdata: B.characterString("v=spf1"))  // TXT: skipped
        + B.record(B.pointer(12), type: 5, rdata: [4] + Array("host".utf8) + B.pointer(16))
        + B.record(B.name("host.example.test"), type: 1, rdata: [198, 51, 100, 7])
        + B.record(B.pointer(16), type: 6, ttl: 60, rdata: soa)
    let message = try DNSMessage.parse(bytes)
    #expect(message.answers.map(\.data) == [.cname("host.example.test"), .a("198.51.100.7")])
    #expect(message.authority == [DNSRecord(name: "example.test", ttl: 60, data: .soa(minimum: 30))])
    let question = DNSQuestion(name: "www.example.test", type: .a)
    #expect(DNSClient.answers(to: question, in: message).0 == [DNSRecord(name: "host.example.test", ttl: 300, data: .a("198.51.100.7"))])
    #expect(DNSClient.negativeTTL(message) == 30)
}

@Test func everyTruncationThrowsTruncated() {
    for length in 0..<addressResponse.count {
        let prefix = Array(addressResponse.prefix(length))
        #expect(throws: DNSParseError.self) { try DNSMessage.parse(prefix) }
    }
    #expect(throws: DNSParseError(.truncated, at: 5)) { try DNSMessage.parse(Array(addressResponse.prefix(5))) }
}

@Test func truncatedFlagKeepsWholeRecords() throws {
    var bytes = Array(addressResponse.dropLast(6))
    bytes[2] |= 0x02  // TC
    let message = try DNSMessage.parse(bytes)
    #expect(message.isTruncated)
    #expect(message.answers.count == 1)
}

@Test func refusesPointerLoopsAndForwardPointers() throws {
    // A name that points at itself.
    let selfLoop = B.header(qd: 1) + B.pointer(12) + B.u16(1) + B.u16(1)
    #expect(throws: DNSParseError(.pointerLoop, at: 12)) { try DNSMessage.parse(selfLoop) }
    // A forward pointer.
    let forward = B.header(qd: 1) + B.pointer(20) + B.u16(1) + B.u16(1) + [0, 0, 0, 0]
    #expect(throws: DNSParseError(.badPointer, at: 12)) { try DNSMessage.parse(forward) }
    // A second name whose pointer leads into a first one that loops: the loop is found
    // at the inner pointer, however it was entered.
    // Record 1 (unknown type, skipped) carries "a" + pointer-to-itself as its data at 42;
    // record 2's owner points there: the loop is found at the inner pointer.
    let twoHops = B.header(an: 2) + B.question("example.test", type: 1)
        + B.record(B.pointer(12), type: 99, rdata: [1, 0x61] + B.pointer(42))
        + B.record(B.pointer(42), type: 1, rdata: [1, 2, 3, 4])
    #expect(throws: DNSParseError(.pointerLoop, at: 44)) { try DNSMessage.parse(twoHops) }
    // A label that points back into itself: "a" then a pointer to its own start.
    let back = B.header(qd: 1) + [1, 0x61] + B.pointer(12) + B.u16(1) + B.u16(1)
    #expect(throws: DNSParseError(.pointerLoop, at: 14)) { try DNSMessage.parse(back) }
    // A chain of pointers, each to the one before: legal links, but too many of them.
    // Record 1's data holds 200 pointers from offset 42; record 2's owner points at the last.
    let chain = [UInt8]((0..<200).flatMap { i in B.pointer(i == 0 ? 12 : 42 + 2 * (i - 1)) })
    let longChain = B.header(an: 2) + B.question("example.test", type: 1)
        + B.record(B.pointer(12), type: 99, rdata: chain) + B.record(B.pointer(42 + 2 * 199), type: 1, rdata: [1, 2, 3, 4])
    #expect(throws: DNSParseError(.tooManyPointers, at: 42 + 2 * (200 - 127))) { try DNSMessage.parse(longChain) }
    let shortChain = B.header(an: 2) + B.question("example.test", type: 1)
        + B.record(B.pointer(12), type: 99, rdata: Array(chain.prefix(20))) + B.record(B.pointer(42 + 2 * 9), type: 1, rdata: [1, 2, 3, 4])
    #expect(try DNSMessage.parse(shortChain).answers.first?.name == "example.test")
    // A pointer into the header.
    let intoHeader = B.header(qd: 1) + B.pointer(2) + B.u16(1) + B.u16(1)
    #expect(throws: DNSParseError(.badPointer, at: 12)) { try DNSMessage.parse(intoHeader) }
}

@Test func refusesBadLabelsAndLongNames() {
    let reserved = B.header(qd: 1) + [0x40, 0x61] + [0] + B.u16(1) + B.u16(1)
    #expect(throws: DNSParseError(.reservedLabelType, at: 12)) { try DNSMessage.parse(reserved) }
    // 5 labels of 63 bytes: 320 bytes, over 255.
    let label = [UInt8(63)] + [UInt8](repeating: 0x61, count: 63)
    let long = B.header(qd: 1) + Array((0..<5).map { _ in label }.joined()) + [0] + B.u16(1) + B.u16(1)
    #expect(throws: DNSParseError(.nameTooLong, at: 12 + 3 * 64)) { try DNSMessage.parse(long) }
    // A label longer than the message.
    let cut = B.header(qd: 1) + [20, 0x61, 0x62]
    #expect(throws: DNSParseError.self) { try DNSMessage.parse(cut) }
}

@Test func refusesOversizedCounts() {
    let bytes = B.header(an: 0xFFFF) + B.question("example.test", type: 1)
    #expect(throws: DNSParseError(.tooManyRecords, at: 6)) { try DNSMessage.parse(bytes) }
    let questions = B.header(qd: 0xFFFF) + B.question("example.test", type: 1)
    #expect(throws: DNSParseError(.tooManyRecords, at: 4)) { try DNSMessage.parse(questions) }
}

@Test func refusesBadRecordLengths() {
    let shortA = B.header(an: 1) + B.question("example.test", type: 1) + B.record(B.pointer(12), type: 1, rdata: [1, 2, 3, 4, 5])
    #expect(throws: DNSParseError(.badRecordLength, at: 42)) { try DNSMessage.parse(shortA) }
    // SRV whose target runs past its RDLENGTH into the next bytes.
    let srv = B.header(an: 1) + B.question("example.test", type: 33)
        + B.record(B.pointer(12), type: 33, rdata: B.u16(1) + B.u16(1) + B.u16(1) + [3, 0x61]) + [0x62, 0x63, 0]
    #expect(throws: DNSParseError.self) { try DNSMessage.parse(srv) }
    // RDLENGTH past the end.
    let past = B.header(an: 1) + B.question("example.test", type: 1) + B.pointer(12) + B.u16(1) + B.u16(1) + B.u32(1) + B.u16(200)
    #expect(throws: DNSParseError(.truncated, at: 40)) { try DNSMessage.parse(past) }
}

@Test func responseMustMatchTheQuery() {
    let query = DNSQuery(id: 0x1234, question: DNSQuestion(name: "example.test", type: .a))
    var otherID = addressResponse
    otherID[1] = 0x35
    #expect(throws: DNSParseError(.idMismatch, at: 0)) { try DNSMessage.parseResponse(otherID, to: query) }
    let otherType = DNSQuery(id: 0x1234, question: DNSQuestion(name: "example.test", type: .aaaa))
    #expect(throws: DNSParseError(.questionMismatch, at: 12)) { try DNSMessage.parseResponse(addressResponse, to: otherType) }
    let otherName = DNSQuery(id: 0x1234, question: DNSQuestion(name: "example.org", type: .a))
    #expect(throws: DNSParseError(.questionMismatch, at: 12)) { try DNSMessage.parseResponse(addressResponse, to: otherName) }
    var asQuery = addressResponse
    asQuery[2] &= 0x7F
    #expect(throws: DNSParseError(.notAResponse, at: 2)) { try DNSMessage.parseResponse(asQuery, to: query) }
    // Case does not matter in the question (RFC 4343).
    let upper = DNSQuery(id: 0x1234, question: DNSQuestion(name: "EXAMPLE.test", type: .a))
    #expect(throws: Never.self) { try DNSMessage.parseResponse(addressResponse, to: upper) }
}

@Test func randomMutationsNeverTrap() {
    let seeds: [[UInt8]] = [
        addressResponse,
        B.header(an: 1) + B.question("example.test", type: 35) + B.record(B.pointer(12), type: 35, rdata: B.u16(10) + B.u16(50)
            + B.characterString("s") + B.characterString("SIP+D2U") + B.characterString("") + B.pointer(12)),
        B.header(an: 1) + B.question("_sip._udp.example.test", type: 33)
            + B.record(B.pointer(12), type: 33, rdata: B.u16(1) + B.u16(2) + B.u16(3) + [1, 0x61] + B.pointer(22)),
    ]
    var rng = DNSTestRNG(seed: 3263)
    var parsed = 0, refused = 0
    for round in 0..<30_000 {
        var bytes = seeds[round % seeds.count]
        for _ in 0..<Int.random(in: 1...4, using: &rng) {
            switch Int.random(in: 0..<4, using: &rng) {
            case 0: bytes[Int.random(in: 0..<bytes.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
            case 1: bytes[Int.random(in: 0..<bytes.count, using: &rng)] ^= 1 << UInt8.random(in: 0..<8, using: &rng)
            case 2: if bytes.count > 1 { bytes.removeLast(Int.random(in: 1..<bytes.count, using: &rng)) }
            default: bytes.insert(UInt8.random(in: 0...255, using: &rng), at: Int.random(in: 0...bytes.count, using: &rng))
            }
        }
        do {
            let message = try DNSMessage.parse(bytes)
            #expect(message.answers.count <= bytes.count / DNSMessage.minimumRecordLength)
            parsed += 1
        } catch {
            #expect(error.offset >= 0 && error.offset <= bytes.count + 2)
            refused += 1
        }
    }
    // Both outcomes must occur, or the mutations test nothing.
    #expect(parsed > 100 && refused > 100)
}
