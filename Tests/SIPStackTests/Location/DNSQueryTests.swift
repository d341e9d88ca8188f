import Testing
@testable import SIPStack

@Test func queryBytesAreExact() throws {
    let query = DNSQuery(DNSQuestion(name: "_sip._udp.Example.TEST.", type: .srv), randomID: { 0xBEEF })
    let expected: [UInt8] = [
        0xBE, 0xEF, 0x01, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        4, 0x5F, 0x73, 0x69, 0x70, 4, 0x5F, 0x75, 0x64, 0x70,
        7, 0x65, 0x78, 0x61, 0x6D, 0x70, 0x6C, 0x65, 4, 0x74, 0x65, 0x73, 0x74, 0,
        0x00, 0x21, 0x00, 0x01,
    ]
    #expect(try query.encoded() == expected)
    #expect(query.question.name == "_sip._udp.example.test")
}

@Test(arguments: [DNSRecordType.a, .aaaa, .srv, .naptr])
func queryCarriesTypeAndRD(type: DNSRecordType) throws {
    let bytes = try DNSQuery(id: 7, question: DNSQuestion(name: "example.test", type: type)).encoded()
    #expect(bytes[2] & 0x01 == 0x01)  // RD
    #expect(bytes[2] & 0x80 == 0)     // a query
    #expect(Array(bytes.suffix(4)) == DNSBytes.u16(Int(type.rawValue)) + [0, 1])
}

@Test func queryRefusesBadNames() {
    #expect(throws: DNSEncodeError.self) { try DNSQuery(id: 1, question: DNSQuestion(name: String(repeating: "a", count: 64) + ".test", type: .a)).encoded() }
    #expect(throws: DNSEncodeError.self) { try DNSQuery(id: 1, question: DNSQuestion(name: "a..test", type: .a)).encoded() }
    let long = Array(repeating: String(repeating: "b", count: 60), count: 5).joined(separator: ".")
    #expect(throws: DNSEncodeError.self) { try DNSQuery(id: 1, question: DNSQuestion(name: long, type: .a)).encoded() }
    let fits = Array(repeating: String(repeating: "b", count: 62), count: 4).joined(separator: ".")  // 4*63+1 = 253
    #expect(throws: Never.self) { try DNSQuery(id: 1, question: DNSQuestion(name: fits, type: .a)).encoded() }
}
