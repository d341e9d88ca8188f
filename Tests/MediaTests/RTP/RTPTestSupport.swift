import Foundation
import Testing
@testable import Media

/// Returns the given values in order, then zeros: to start a sender at chosen numbers.
struct ScriptedRNG: RandomNumberGenerator {
    var values: [UInt64]
    mutating func next() -> UInt64 { values.isEmpty ? 0 : values.removeFirst() }
}

/// Big-endian byte building for hand-made packets.
enum Bytes {
    static func be16(_ v: UInt16) -> [UInt8] { [UInt8(v >> 8), UInt8(v & 0xFF)] }
    static func be32(_ v: UInt32) -> [UInt8] { [UInt8(v >> 24), UInt8((v >> 16) & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF)] }

    /// Parses "80 00 12 34 …" hex text.
    static func hex(_ text: String) -> [UInt8] {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" }).compactMap { UInt8($0, radix: 16) }
    }
}

/// Runs `body` with a zeroed buffer of `count` bytes and returns the first `used` bytes.
func writeBytes(count: Int = 1500, _ body: (UnsafeMutableRawBufferPointer) throws -> Int) rethrows -> [UInt8] {
    var storage = [UInt8](repeating: 0, count: count)
    let used = try storage.withUnsafeMutableBytes { try body($0) }
    return Array(storage.prefix(used))
}

extension ContinuousClock.Instant {
    /// `self` plus `ms` milliseconds.
    func plus(ms: Double) -> ContinuousClock.Instant { self + .nanoseconds(Int64(ms * 1_000_000)) }
}

/// The next report block, failing the test when the source has none yet.
func nextBlock(_ stats: inout ReceiverStatistics, now: ContinuousClock.Instant,
               sourceLocation: SourceLocation = #_sourceLocation) throws -> RTCPReportBlock {
    let block = stats.makeReportBlock(now: now)
    return try #require(block, sourceLocation: sourceLocation)
}
