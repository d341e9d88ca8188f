// libFuzzer target: the datagram parser. Compiled together with Sources/SIPMessage
// (Fuzz/run-fuzzers), so no import. Properties: never traps; whatever parses,
// serializes to bytes that parse back to an equal message.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSIPMessage(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    guard let message = try? SIPMessage.parse(bytes) else { return 0 }
    _ = try? message.validate()
    _ = message.canonicalText
    guard let again = try? SIPMessage.parse(message.serialized()) else {
        preconditionFailure("a parsed message serialized to bytes that do not parse")
    }
    precondition(again == message, "serialize → parse changed the message")
    return 0
}
