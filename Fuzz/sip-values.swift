// libFuzzer target: every typed header-value parser and the URI parser. The first byte
// picks the parser (index into HeaderValueRule.all; one past the end is URI); the rest
// is the value. Never traps; whatever parses round-trips through its canonical form.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSIPValues(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data, size > 0 else { return 0 }
    let rules = HeaderValueRule.all
    let choice = Int(data[0]) % (rules.count + 1)
    let text = String(decoding: UnsafeBufferPointer(start: data + 1, count: size - 1), as: UTF8.self)
    if choice == rules.count {
        guard let uri = try? URI.parse(text) else { return 0 }
        precondition((try? URI.parse(uri.description)) == uri, "URI does not round-trip: \(uri)")
        return 0
    }
    let rule = rules[choice]
    guard let elements = try? rule.parse(text[...]) else { return 0 }
    for element in elements {
        guard let again = try? rule.parse(element[...]) else {
            preconditionFailure("\(rule.name) value does not parse back: \(element)")
        }
        precondition(again == [element], "\(rule.name) value does not round-trip: \(element) → \(again)")
    }
    return 0
}
