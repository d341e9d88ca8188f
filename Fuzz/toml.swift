// libFuzzer target: the TOML reader. Never traps; whatever parses serializes to a
// document that parses back equal.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTOML(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    guard let table = try? TOMLTable.parse(utf8: bytes) else { return 0 }
    let text = table.serialized()
    guard let again = try? TOMLTable.parse(text) else {
        preconditionFailure("a parsed document serialized to text that does not parse")
    }
    precondition(again == table, "serialize → parse changed the document")
    return 0
}
