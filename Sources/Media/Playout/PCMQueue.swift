/// Decoded audio waiting to be played (NetEq's "sync buffer"): a fixed array used from
/// the front, so time stretching can work on it in place. Allocated once.
struct PCMQueue {
    private(set) var storage: [Int16]
    private(set) var count = 0

    init(capacity: Int) {
        storage = [Int16](repeating: 0, count: capacity)
    }

    var capacity: Int { storage.count }
    var space: Int { storage.count - count }

    /// Appends as much of `pcm` as fits; returns how much.
    @discardableResult
    mutating func append(_ pcm: UnsafeBufferPointer<Int16>) -> Int {
        let n = min(pcm.count, space)
        let start = count
        storage.withUnsafeMutableBufferPointer { s in
            for i in 0..<n { s[start + i] = pcm[i] }
        }
        count += n
        return n
    }

    /// Moves the first `n` samples into `out` and drops them.
    mutating func pop(into out: UnsafeMutableBufferPointer<Int16>, count wanted: Int) {
        let n = min(wanted, count, out.count)
        let remaining = count - n
        storage.withUnsafeMutableBufferPointer { s in
            for i in 0..<n { out[i] = s[i] }
            if remaining > 0, let base = s.baseAddress { base.update(from: base + n, count: remaining) }
        }
        count = remaining
    }

    /// Lets `body` edit the whole storage in place and returns the new count it gives.
    mutating func edit(_ body: (UnsafeMutableBufferPointer<Int16>, Int) -> Int?) -> Bool {
        let current = count
        let result = storage.withUnsafeMutableBufferPointer { body($0, current) }
        guard let result else { return false }
        count = min(max(result, 0), storage.count)
        return true
    }
}
