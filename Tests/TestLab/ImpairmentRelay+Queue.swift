/// Packets waiting for their send time: a binary min-heap on (due, order of insertion),
/// so equal due times leave in arrival order.
struct DelayQueue {
    struct Entry {
        var due: UInt64
        var order: UInt64
        var towardB: Bool
        var index: UInt64
        var bytes: [UInt8]
    }

    private var heap: [Entry] = []
    private var inserted: UInt64 = 0

    var count: Int { heap.count }
    var nextDue: UInt64? { heap.first?.due }

    mutating func push(due: UInt64, towardB: Bool, index: UInt64, bytes: [UInt8]) {
        inserted &+= 1
        heap.append(Entry(due: due, order: inserted, towardB: towardB, index: index, bytes: bytes))
        var i = heap.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            guard Self.before(heap[i], heap[parent]) else { break }
            heap.swapAt(i, parent)
            i = parent
        }
    }

    mutating func pop() -> Entry? {
        guard !heap.isEmpty else { return nil }
        heap.swapAt(0, heap.count - 1)
        let top = heap.removeLast()
        var i = 0
        while true {
            let l = 2 * i + 1, r = l + 1
            var best = i
            if l < heap.count, Self.before(heap[l], heap[best]) { best = l }
            if r < heap.count, Self.before(heap[r], heap[best]) { best = r }
            if best == i { break }
            heap.swapAt(i, best)
            i = best
        }
        return top
    }

    private static func before(_ a: Entry, _ b: Entry) -> Bool {
        a.due != b.due ? a.due < b.due : a.order < b.order
    }
}
