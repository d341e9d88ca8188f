/// Random protocol identifiers: tags (§19.3, at least 32 bits of randomness) and Call-IDs.
enum Identifiers {
    static func tag() -> String { hex(UInt64.random(in: 0...UInt64.max)) }

    static func callID() -> String {
        hex(UInt64.random(in: 0...UInt64.max)) + hex(UInt64.random(in: 0...UInt64.max)) + "@pipit"
    }

    private static func hex(_ value: UInt64) -> String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: 16 - text.count) + text
    }
}
