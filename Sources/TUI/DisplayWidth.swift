#if canImport(Glibc)
import Glibc
#endif

/// Terminal columns of text, and text cut or padded to a number of columns. CJK and most
/// emoji take two columns, combining marks none (glibc's `wcwidth`, asked in a UTF-8 locale
/// of its own so the answer does not depend on the process's locale).
public enum DisplayWidth {
    /// A C.UTF-8 locale used only for `wcwidth`, per call through `uselocale` (per thread).
    nonisolated(unsafe) private static let utf8Locale: locale_t? = newlocale(LC_CTYPE_MASK, "C.UTF-8", nil)

    /// glibc's `wcwidth`, found at run time: Swift's Glibc module leaves it out (it is
    /// declared only for X/Open builds of <wchar.h>).
    private static let wcwidth: (@convention(c) (wchar_t) -> Int32)? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "wcwidth") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (wchar_t) -> Int32).self)
    }()

    /// Columns of one scalar: 0, 1 or 2.
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        if scalar.value < 0x7F { return scalar.value >= 0x20 ? 1 : 0 }
        guard let wcwidth else { return 1 }
        var previous: locale_t?
        if let utf8Locale { previous = uselocale(utf8Locale) }
        let width = wcwidth(wchar_t(bitPattern: scalar.value))
        if let previous { uselocale(previous) }
        // Unassigned or private-use scalars: terminals draw one cell.
        return width < 0 ? 1 : Int(min(width, 2))
    }

    /// Columns of one grapheme: its first scalar's, or two for an emoji presentation
    /// (U+FE0F) that terminals draw wide.
    public static func of(_ character: Character) -> Int {
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return 0 }
        if scalars.count > 1, scalars.contains("\u{FE0F}") { return 2 }
        return of(first)
    }

    public static func of(_ text: String) -> Int {
        text.reduce(0) { $0 + of($1) }
    }

    /// Text from the network made safe for one terminal row: controls (C0, C1, DEL),
    /// line separators and bidi overrides become U+FFFD, tabs a space.
    public static func clean(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsReplacing) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar == "\t" { out.append(" ") } else if needsReplacing(scalar) { out.append("\u{FFFD}") } else { out.append(scalar) }
        }
        return String(out)
    }

    private static func needsReplacing(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: true
        case 0x2028, 0x2029: true
        case 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    /// `text` cut to at most `width` columns; a cut ends in "…". A wide character that
    /// would straddle the edge is left out whole.
    public static func truncate(_ text: String, to width: Int) -> String {
        guard width > 0 else { return "" }
        guard of(text) > width else { return text }
        var out = ""
        var used = 0
        for character in text {
            let w = of(character)
            if used + w > width - 1 { break }
            out.append(character)
            used += w
        }
        return out + "…"
    }

    /// `text` cut or padded with spaces to exactly `width` columns.
    public static func fit(_ text: String, to width: Int) -> String {
        let cut = truncate(text, to: width)
        let used = of(cut)
        return used < width ? cut + String(repeating: " ", count: width - used) : cut
    }
}
