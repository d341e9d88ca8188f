import Testing

@testable import SIPMessage

@Suite("SIPStreamFramer: partial reads, pipelining, keep-alives, bounds")
struct StreamFramerTests {
    /// Every RFC and real-world message that is valid on a stream (has a Content-Length that
    /// frames it exactly), each preceded by a keep-alive of some kind.
    static func corpus() throws -> (stream: [UInt8], expected: [SIPStreamFramer.Item]) {
        var messages: [[UInt8]] = RealWorldMessages.all.map(\.1)
        for c in rfc4475MessageCases where c.verdict.parses && c.exactRoundTrip {
            messages.append(try CoreVectors.load(c.name, in: "rfc4475"))
        }
        for c in rfc5118MessageCases where c.verdict.parses && c.exactRoundTrip {
            messages.append(try CoreVectors.load(c.name, in: "rfc5118"))
        }
        var stream: [UInt8] = []
        var expected: [SIPStreamFramer.Item] = []
        for (n, bytes) in messages.enumerated() {
            switch n % 3 {
            case 0:
                stream += Array("\r\n\r\n".utf8)
                expected.append(.keepAlivePing)
            case 1:
                stream += Array("\r\n".utf8)
                expected.append(.keepAlivePong)
            default:
                break
            }
            stream += bytes
            expected.append(.message(try SIPMessage.parse(bytes)))
        }
        return (stream, expected)
    }

    static func drain(_ framer: inout SIPStreamFramer) throws -> [SIPStreamFramer.Item] {
        var items: [SIPStreamFramer.Item] = []
        while let item = try framer.next() { items.append(item) }
        return items
    }

    @Test func wholeStreamInOneRead() throws {
        let (stream, expected) = try Self.corpus()
        var framer = SIPStreamFramer()
        framer.append(stream)
        #expect(try Self.drain(&framer) == expected)
        #expect(framer.bufferedByteCount == 0)
    }

    @Test func oneByteAtATime() throws {
        let (stream, expected) = try Self.corpus()
        var framer = SIPStreamFramer()
        var items: [SIPStreamFramer.Item] = []
        for byte in stream {
            framer.append(CollectionOfOne(byte))
            items += try Self.drain(&framer)
        }
        // A ping whose second CRLF has not arrived yet reads as a pong (see the type's
        // documentation); messages must come out identical whatever the split.
        let messages = items.filter { if case .message = $0 { true } else { false } }
        let expectedMessages = expected.filter { if case .message = $0 { true } else { false } }
        #expect(messages == expectedMessages)
        let pings = expected.filter { $0 == .keepAlivePing }.count
        let pongs = expected.filter { $0 == .keepAlivePong }.count
        #expect(items.filter { $0 == .keepAlivePing }.isEmpty)
        #expect(items.filter { $0 == .keepAlivePong }.count == pongs + 2 * pings)
    }

    @Test("arbitrary chunk sizes give the same items", arguments: [2, 3, 7, 64, 1000])
    func chunked(_ size: Int) throws {
        let (stream, expected) = try Self.corpus()
        var framer = SIPStreamFramer()
        var items: [SIPStreamFramer.Item] = []
        var i = 0
        while i < stream.count {
            framer.append(stream[i..<min(i + size, stream.count)])
            items += try Self.drain(&framer)
            i += size
        }
        let messages = items.filter { if case .message = $0 { true } else { false } }
        #expect(messages == expected.filter { if case .message = $0 { true } else { false } })
        // Every keep-alive is seen: a ping either whole or, when split, as two pongs.
        let pings = items.filter { $0 == .keepAlivePing }.count
        let pongs = items.filter { $0 == .keepAlivePong }.count
        #expect(pings * 2 + pongs == expected.filter { $0 == .keepAlivePing }.count * 2 + expected.filter { $0 == .keepAlivePong }.count)
    }

    /// The datagram parser, drip-fed: every proper prefix of a message that carries its
    /// Content-Length is refused (never mistaken for a whole message, never a trap).
    @Test func everyPrefixOfAFramedMessageIsRefused() throws {
        let (stream, _) = try Self.corpus()
        var framer = SIPStreamFramer()
        framer.append(stream)
        var checked = 0
        while let item = try framer.next() {
            guard case .message(let m) = item else { continue }
            let bytes = m.serialized()
            for cut in 0..<bytes.count {
                let e = coreParseError(Array(bytes[..<cut]))
                #expect(e != nil, "prefix of \(cut) bytes parsed")
                checked += 1
            }
        }
        #expect(checked > 10_000)
    }

    @Test func keepAlivesAreTold() throws {
        var framer = SIPStreamFramer()
        framer.append(Array("\r\n\r\n".utf8))
        #expect(try framer.next() == .keepAlivePing)
        #expect(try framer.next() == nil)
        framer.append(Array("\r\n".utf8))
        #expect(try framer.next() == .keepAlivePong)
        framer.append(Array("\r\n\r".utf8))
        #expect(try framer.next() == nil)
        framer.append(Array("\n".utf8))
        #expect(try framer.next() == .keepAlivePing)
    }

    @Test func aMessageWithoutContentLengthIsAnErrorOnAStream() throws {
        var framer = SIPStreamFramer()
        framer.append(Array("OPTIONS sip:a@b SIP/2.0\r\nVia: x\r\n\r\n".utf8))
        #expect(throws: SIPParseError.self) { try framer.next() }
        do throws(SIPParseError) {
            _ = try framer.next()
            Issue.record("a failed framer must keep failing")
        } catch {
            #expect(error.kind == .missingContentLength)
        }
    }

    @Test func aMessageWaitsForItsWholeBody() throws {
        var framer = SIPStreamFramer()
        framer.append(Array("MESSAGE sip:a@b SIP/2.0\r\nl: 5\r\n\r\nhel".utf8))
        #expect(try framer.next() == nil)
        framer.append(Array("loOPTIONS".utf8))
        let item = try framer.next()
        guard case .message(let m) = item else {
            Issue.record("expected a message, got \(String(describing: item))")
            return
        }
        #expect(m.body == Array("hello".utf8))
        #expect(try framer.next() == nil)
        #expect(framer.bufferedByteCount == 7)
    }

    @Test func endlessHeadersFailInsteadOfBufferingForever() throws {
        var framer = SIPStreamFramer(limits: SIPLimits(maxMessageSize: 2048))
        framer.append(Array("OPTIONS sip:a@b SIP/2.0\r\n".utf8))
        var thrown: SIPParseError?
        for _ in 0..<200 {
            framer.append(Array("X-Filler: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n".utf8))
            do throws(SIPParseError) {
                _ = try framer.next()
            } catch {
                thrown = error
                break
            }
        }
        #expect(thrown?.kind == .tooLarge)
    }

    @Test func hugeContentLengthFailsAtOnce() throws {
        var framer = SIPStreamFramer(limits: SIPLimits(maxMessageSize: 4096))
        framer.append(Array("MESSAGE sip:a@b SIP/2.0\r\nContent-Length: 5000\r\n\r\n".utf8))
        #expect { try framer.next() } throws: { ($0 as? SIPParseError)?.kind == .tooLarge }
    }

    @Test func errorOffsetsCountFromTheStartOfTheStream() throws {
        var framer = SIPStreamFramer()
        let first = Array("OPTIONS sip:a@b SIP/2.0\r\nl: 0\r\n\r\n".utf8)
        framer.append(first + Array("OPTIONS sip:a@b SIP/2.0\r\nbad line\r\n\r\n".utf8))
        guard case .message = try framer.next() else {
            Issue.record("first message expected")
            return
        }
        do throws(SIPParseError) {
            _ = try framer.next()
            Issue.record("second message must fail")
        } catch {
            #expect(error.kind == .malformedHeader)
            #expect(error.offset == first.count + 25 + 4)
        }
    }

    @Test func longStreamsStayLinearAndCompact() throws {
        let one = RealWorldMessages.kamailioOptionsPing
        var framer = SIPStreamFramer()
        var count = 0
        for _ in 0..<2000 {
            framer.append(one)
            while let item = try framer.next() {
                if case .message = item { count += 1 }
            }
        }
        #expect(count == 2000)
        #expect(framer.bufferedByteCount == 0)
    }
}
