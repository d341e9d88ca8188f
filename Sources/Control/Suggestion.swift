/// "Did you mean": the known word closest to a mistyped one.
enum Suggestion {
    /// The candidate nearest to `word` by edit distance (insertions, deletions, substitutions
    /// and swaps of neighbours), if it is close enough to be a typo: at most 1 edit for short
    /// words, 2 for longer ones. A word that starts a candidate (`hang`) also suggests it.
    static func closest(to word: String, among candidates: [String]) -> String? {
        let word = word.lowercased()
        // Distances past 2 are never suggested; long words need not be compared at all.
        guard !word.isEmpty, word.count <= 32 else { return nil }
        let allowed = word.count <= 3 ? 1 : 2
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(Array(word), Array(candidate))
            if distance <= allowed, distance < (best?.distance ?? .max) { best = (candidate, distance) }
        }
        if let best { return best.candidate }
        if word.count >= 2 { return candidates.first { $0.hasPrefix(word) } }
        return nil
    }

    /// Optimal string alignment distance (Damerau–Levenshtein without repeated edits of one
    /// substring); inputs are short, so the quadratic table is fine.
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var d = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    d = min(d, table[i - 2][j - 2] + 1)
                }
                table[i][j] = d
            }
        }
        return table[a.count][b.count]
    }
}
