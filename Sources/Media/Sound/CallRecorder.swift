import Glibc
import Audio

/// Records a call into a two-channel WAV file: left is the near end (what we send), right
/// the far end (what we hear). Frames are gathered for half a second before each write,
/// so the media thread makes two small writes a second instead of a hundred.
public final class CallRecorder {
    public let path: String
    private let writer: WAVWriter
    private var pending: [Int16]
    private var count = 0

    public init(path: String, sampleRate: Int) throws(WAVError) {
        self.path = path
        writer = try WAVWriter(path: path, format: WAVFormat(sampleRate: sampleRate, channels: 2))
        pending = [Int16](repeating: 0, count: sampleRate)   // half a second, two channels
    }

    deinit { close() }

    /// Adds one frame of each side; the shorter one is padded with silence.
    public func record(near: UnsafeBufferPointer<Int16>, far: UnsafeBufferPointer<Int16>) {
        let frames = max(near.count, far.count)
        for i in 0..<frames {
            if count + 2 > pending.count { flush() }
            pending[count] = i < near.count ? near[i] : 0
            pending[count + 1] = i < far.count ? far[i] : 0
            count += 2
        }
    }

    public var seconds: Double { writer.seconds + Double(count / 2) / Double(writer.format.sampleRate) }

    public func close() {
        flush()
        writer.close()
    }

    private func flush() {
        guard count > 0 else { return }
        _ = pending.withUnsafeBufferPointer { writer.write(UnsafeBufferPointer(rebasing: $0[0..<count])) }
        count = 0
    }

    /// A file name from the start time and the peer: `2026-11-22_14-05-09_bob@example.com.wav`
    /// in local time. Characters that are awkward in file names become `_`.
    public static func fileName(peer: String, startedAt epochSeconds: Int) -> String {
        var time = time_t(epochSeconds)
        var parts = tm()
        localtime_r(&time, &parts)
        func two(_ v: Int32) -> String { v < 10 ? "0\(v)" : "\(v)" }
        let stamp = "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))_"
            + "\(two(parts.tm_hour))-\(two(parts.tm_min))-\(two(parts.tm_sec))"
        var who = peer.hasPrefix("sip:") ? String(peer.dropFirst(4)) : peer.hasPrefix("sips:") ? String(peer.dropFirst(5)) : peer
        if let semicolon = who.firstIndex(of: ";") { who = String(who[..<semicolon]) }
        let safe = String(who.prefix(64).map { $0.isLetter || $0.isNumber || "@.+-_".contains($0) ? $0 : "_" })
        return "\(stamp)_\(safe.isEmpty ? "call" : safe).wav"
    }
}
