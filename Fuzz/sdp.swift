// libFuzzer target: the SDP parser and offer/answer. Never traps; whatever parses,
// serializes to text that parses back equal.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSDP(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    guard let description = try? SessionDescription.parse(bytes) else { return 0 }
    guard let again = try? SessionDescription.parse(description.serialized()) else {
        preconditionFailure("a parsed description serialized to text that does not parse")
    }
    precondition(again == description, "serialize → parse changed the description")
    return 0
}
