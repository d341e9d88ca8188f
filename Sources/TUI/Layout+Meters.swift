import UserAgent

/// The VU meters under the call list while a call is answered:
///
///     mic ▕██████▌······▏ -18 dB   spk ▕███·········▏ -31 dB
///
/// The bar spans −60…0 dBFS of RMS in `meterCells` cells, in eighths of a cell. Its length
/// carries the level on a monochrome terminal; colour only adds loud (warning) and
/// clipping (bad). A muted microphone still shows what it hears, marked `muted`.
extension Layout {
    static let meterCells = 12
    static let meterFloor = -60.0

    /// The meter row, or nil when no call is answered or no levels came yet.
    static func meterRow(_ state: TUIState, width: Int) -> ScreenLine? {
        guard let sound = state.sound, sound.microphone != nil || sound.speaker != nil,
              state.wantsLevels else { return nil }
        var spans = [Span("  ")]
        spans += meter("mic", sound.microphone, muted: sound.microphoneMuted)
        spans.append(Span("   "))
        spans += meter("spk", sound.speaker, muted: false)
        return ScreenLine(spans)
    }

    /// `label ▕bar▏ -NN dB`, always the same width so the row does not jump.
    static func meter(_ label: String, _ level: Double?, muted: Bool) -> [Span] {
        let decibels = level.map(SoundLevels.decibels) ?? -120
        let eighths = meterEighths(decibels: decibels)
        let full = eighths / 8, part = eighths % 8
        var bar = String(repeating: "█", count: full)
        if part > 0 { bar += String(partialBlocks[part]) }
        bar += String(repeating: "·", count: meterCells - full - (part > 0 ? 1 : 0))
        let style: Style = decibels >= -3 ? .bad : (decibels >= -12 ? .warning : .good)
        let figure = decibels <= Int(meterFloor) ? "  –   " : "\(decibels) dB".leftPadded(to: 6)
        return [Span(label + " ", .dim), Span("▕", .dim), Span(bar, muted ? .dim : style), Span("▏", .dim),
                Span(" " + figure + (muted ? " muted" : ""), muted ? .bad : .normal)]
    }

    /// How many eighths of the bar `decibels` fills (0…cells×8).
    static func meterEighths(decibels: Int) -> Int {
        let fraction = (Double(decibels) - meterFloor) / -meterFloor
        return Int((min(1, max(0, fraction)) * Double(meterCells * 8)).rounded(.down))
    }

    private static let partialBlocks: [Character] = [" ", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]
}
