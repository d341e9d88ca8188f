import Testing
@testable import SIPStack

@Test func targetsPrintIPv6InBrackets() {
    #expect(SIPTarget(transport: .tls, address: "2001:db8::1", port: 5061).description == "tls:[2001:db8::1]:5061")
    #expect(SIPTarget(transport: .udp, address: "192.0.2.1", port: 5060).description == "udp:192.0.2.1:5060")
}
