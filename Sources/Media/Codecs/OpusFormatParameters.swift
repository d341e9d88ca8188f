/// The opus format parameters of RFC 7587 §6.1 (`a=fmtp:<pt> key=value;…`). Each is nil
/// when absent. Parsing is lenient: unknown keys and malformed or out-of-range values are
/// ignored, as a value the peer got wrong must not fail the call.
public struct OpusFormatParameters: Hashable, Sendable {
    /// The highest rate the sender of these parameters can play (8000…48000).
    public var maxPlaybackRate: Int?
    /// The highest rate it captures at (a hint about what it will send).
    public var spropMaxCaptureRate: Int?
    /// The highest average bitrate it wants to receive (6000…510000).
    public var maxAverageBitrate: Int?
    /// Whether it prefers to receive stereo; mono is always acceptable.
    public var stereo: Bool?
    /// Whether it is likely to send stereo.
    public var spropStereo: Bool?
    /// Whether it wants to receive constant bitrate.
    public var cbr: Bool?
    /// Whether it can use in-band FEC, so the sender should send it.
    public var useInbandFEC: Bool?
    /// Whether it wants the sender to use DTX.
    public var useDTX: Bool?
    /// The shortest packet duration it wants, in ms (3…120).
    public var minPtime: Int?

    public init(
        maxPlaybackRate: Int? = nil, spropMaxCaptureRate: Int? = nil, maxAverageBitrate: Int? = nil,
        stereo: Bool? = nil, spropStereo: Bool? = nil, cbr: Bool? = nil, useInbandFEC: Bool? = nil,
        useDTX: Bool? = nil, minPtime: Int? = nil
    ) {
        self.maxPlaybackRate = maxPlaybackRate
        self.spropMaxCaptureRate = spropMaxCaptureRate
        self.maxAverageBitrate = maxAverageBitrate
        self.stereo = stereo
        self.spropStereo = spropStereo
        self.cbr = cbr
        self.useInbandFEC = useInbandFEC
        self.useDTX = useDTX
        self.minPtime = minPtime
    }

    /// Parses an fmtp value such as `minptime=10; useinbandfec=1`. Nil gives all-absent.
    public init(fmtp: String?) {
        self.init()
        guard let fmtp else { return }
        for item in fmtp.split(separator: ";") {
            let pair = item.split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { continue }
            let key = pair[0].trimmingSpaces.lowercased()
            let value = pair[1].trimmingSpaces
            switch key {
            case "maxplaybackrate": maxPlaybackRate = Self.integer(value, in: 8000...48000) ?? maxPlaybackRate
            case "sprop-maxcapturerate": spropMaxCaptureRate = Self.integer(value, in: 8000...48000) ?? spropMaxCaptureRate
            case "maxaveragebitrate": maxAverageBitrate = Self.integer(value, in: 6000...510_000) ?? maxAverageBitrate
            case "stereo": stereo = Self.flag(value) ?? stereo
            case "sprop-stereo": spropStereo = Self.flag(value) ?? spropStereo
            case "cbr": cbr = Self.flag(value) ?? cbr
            case "useinbandfec": useInbandFEC = Self.flag(value) ?? useInbandFEC
            case "usedtx": useDTX = Self.flag(value) ?? useDTX
            case "minptime": minPtime = Self.integer(value, in: 3...120) ?? minPtime
            default: continue
            }
        }
    }

    /// The fmtp value for SDP: present parameters only, in a fixed order, `;`-separated.
    public var fmtpLine: String {
        var items: [String] = []
        func number(_ key: String, _ value: Int?) { if let value { items.append("\(key)=\(value)") } }
        func flag(_ key: String, _ value: Bool?) { if let value { items.append("\(key)=\(value ? 1 : 0)") } }
        flag("useinbandfec", useInbandFEC)
        flag("usedtx", useDTX)
        number("maxplaybackrate", maxPlaybackRate)
        number("sprop-maxcapturerate", spropMaxCaptureRate)
        number("maxaveragebitrate", maxAverageBitrate)
        flag("stereo", stereo)
        flag("sprop-stereo", spropStereo)
        flag("cbr", cbr)
        number("minptime", minPtime)
        return items.joined(separator: ";")
    }

    /// What we announce in offers and answers: we play and capture mono at the engine's
    /// Opus rate (16 kHz), can use FEC from the peer, and ask for no DTX (its silence gaps
    /// confuse loss statistics).
    public static let local = OpusFormatParameters(
        maxPlaybackRate: CodecKind.opusSampleRate, spropMaxCaptureRate: CodecKind.opusSampleRate,
        stereo: false, spropStereo: false, useInbandFEC: true, useDTX: false)

    private static func integer(_ text: Substring, in range: ClosedRange<Int>) -> Int? {
        guard text.count <= 7, let value = Int(text), range.contains(value) else { return nil }
        return value
    }

    private static func flag(_ text: Substring) -> Bool? {
        switch text {
        case "0": false
        case "1": true
        default: nil
        }
    }
}

extension Substring {
    fileprivate var trimmingSpaces: Substring {
        var s = self
        while s.first == " " || s.first == "\t" { s.removeFirst() }
        while s.last == " " || s.last == "\t" { s.removeLast() }
        return s
    }
}
