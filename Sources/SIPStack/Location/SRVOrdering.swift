/// The order RFC 2782 gives to a set of SRV records: lowest priority first; within a
/// priority, a weighted random draw without replacement, zero weights first in the running
/// sum so they keep a small chance.
public enum SRVOrdering {
    public static func order<G: RandomNumberGenerator>(_ records: [SRVRecord], using rng: inout G) -> [SRVRecord] {
        let priorities = Set(records.map(\.priority)).sorted()
        var ordered: [SRVRecord] = []
        ordered.reserveCapacity(records.count)
        for priority in priorities {
            let group = records.filter { $0.priority == priority }
            var remaining = group.filter { $0.weight == 0 } + group.filter { $0.weight != 0 }
            while !remaining.isEmpty {
                let total = remaining.reduce(0) { $0 + Int($1.weight) }
                let draw = Int.random(in: 0...total, using: &rng)
                var running = 0
                var chosen = remaining.count - 1
                for (i, record) in remaining.enumerated() {
                    running += Int(record.weight)
                    if running >= draw {
                        chosen = i
                        break
                    }
                }
                ordered.append(remaining.remove(at: chosen))
            }
        }
        return ordered
    }
}
