import Testing
@testable import TestLab

/// ctrl_tcp framing, fed whole, byte by byte, and hostile.
@Suite struct NetstringTests {
    @Test func decodesManyAndKeepsThePartialTail() throws {
        var buffer = Netstring.encode(Array("{\"a\":1}".utf8)) + Netstring.encode([]) + Array("5:ab".utf8)
        let payloads = try Netstring.decode(&buffer)
        #expect(payloads == [Array("{\"a\":1}".utf8), []])
        #expect(buffer == Array("5:ab".utf8))
    }

    @Test func decodesWhenDripFed() throws {
        let whole = Netstring.encode(Array("hello".utf8)) + Netstring.encode(Array("world!".utf8))
        var buffer: [UInt8] = []
        var payloads: [[UInt8]] = []
        for byte in whole {
            buffer.append(byte)
            payloads += try Netstring.decode(&buffer)
        }
        #expect(payloads == [Array("hello".utf8), Array("world!".utf8)])
        #expect(buffer.isEmpty)
    }

    @Test(arguments: ["x:", ":abc,", "3:abcd", "99999999999:"])
    func rejectsMalformedFraming(_ text: String) {
        var buffer = Array(text.utf8)
        #expect(throws: Netstring.FramingError.self) { try Netstring.decode(&buffer) }
    }

    @Test func baresipMessagesDecodeLeniently() throws {
        let event = try BaresipMessage.decode(Array(#"{"event":true,"type":"CALL_RTCP","param":7,"rtcp_stats":{"tx":{}}}"#.utf8))
        #expect(event.event == true && event.type == "CALL_RTCP" && event.param == nil)
        #expect(event.json.contains("rtcp_stats"))
    }
}
