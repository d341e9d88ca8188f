import Audio
import Foundation
import Synchronization
import Testing

extension AudioSuite {
    @Suite struct SampleRingTests {
        private func read(_ ring: SampleRing, _ count: Int) -> [Int16] {
            var buffer = [Int16](repeating: -1, count: count)
            let got = buffer.withUnsafeMutableBufferPointer { ring.read(into: $0) }
            return Array(buffer.prefix(got))
        }

        @Test func writesThenReadsInOrder() {
            let ring = SampleRing(capacity: 8)
            #expect(ring.write([1, 2, 3, 4, 5]) == 5)
            #expect(ring.availableToRead == 5)
            #expect(ring.availableToWrite == 3)
            #expect(read(ring, 3) == [1, 2, 3])
            #expect(read(ring, 2) == [4, 5])
            #expect(ring.availableToRead == 0)
            #expect(ring.overruns == 0 && ring.underruns == 0)
        }

        @Test func fullRingDropsTheNewestAndCountsAnOverrun() {
            let ring = SampleRing(capacity: 8)
            #expect(ring.write((1...10).map { Int16($0) }) == 8)
            #expect(ring.overruns == 1)
            #expect(ring.droppedSamples == 2)
            #expect(ring.write([11]) == 0)
            #expect(ring.overruns == 2)
            #expect(read(ring, 8) == (1...8).map { Int16($0) })
        }

        @Test func shortReadCountsAnUnderrunAndPaddingFillsSilence() {
            let ring = SampleRing(capacity: 8)
            ring.write([7, 8])
            var buffer = [Int16](repeating: -1, count: 5)
            let got = buffer.withUnsafeMutableBufferPointer { ring.readPaddingWithSilence(into: $0) }
            #expect(got == 2)
            #expect(buffer == [7, 8, 0, 0, 0])
            #expect(ring.underruns == 1)
        }

        @Test func wrapsAroundTheEndOfStorage() {
            let ring = SampleRing(capacity: 7)
            var next: Int16 = 0
            var expected: Int16 = 0
            for round in 0..<200 {
                let chunk = (0..<(round % 6 + 1)).map { _ in next &+= 1; return next }
                #expect(ring.write(chunk) == chunk.count)
                for sample in read(ring, chunk.count) {
                    expected &+= 1
                    #expect(sample == expected)
                }
            }
            #expect(ring.overruns == 0 && ring.underruns == 0)
        }

        @Test func discardAllEmptiesTheRing() {
            let ring = SampleRing(capacity: 4)
            ring.write([1, 2, 3])
            ring.discardAll()
            #expect(ring.availableToRead == 0)
            ring.write([4])
            #expect(read(ring, 1) == [4])
        }

        @Test func discardDropsTheOldestAndNoMoreThanThereIs() {
            let ring = SampleRing(capacity: 4)
            ring.write([1, 2, 3, 4])
            #expect(ring.discard(3) == 3)
            #expect(ring.availableToRead == 1)
            // Across the wrap: 4 is left, 5 and 6 wrap around.
            ring.write([5, 6])
            #expect(ring.discard(2) == 2)
            #expect(read(ring, 4) == [6])
            #expect(ring.discard(5) == 0)
            #expect(ring.discard(-1) == 0)
            #expect(ring.underruns == 1, "a discard is not a read: only the short read counted")
        }

        @Test func aTrimAskedForIsCarriedOutByTheNextRead() {
            let ring = SampleRing(capacity: 8)
            ring.write([1, 2, 3, 4, 5, 6])
            // Nothing happens until the consumer reads (the producer may not move `consumed`).
            ring.requestTrim(keeping: 2)
            #expect(ring.availableToRead == 6)
            #expect(read(ring, 1) == [5], "the newest two kept, the oldest of them read")
            #expect(read(ring, 4) == [6])
            // Once only; keeping more than there is drops nothing.
            ring.write([7, 8, 9])
            #expect(read(ring, 1) == [7])
            ring.requestTrim(keeping: 5)
            #expect(ring.applyTrim() == 0)
            #expect(read(ring, 2) == [8, 9])
            ring.write([1, 2, 3])
            ring.requestTrim(keeping: 0)
            #expect(ring.applyTrim() == 3)
            #expect(ring.availableToRead == 0)
        }

        /// A producer and a consumer thread move two million samples through a small ring in
        /// chunks of pseudo-random sizes; every sample must arrive once and in order.
        @Test func twoThreadsKeepTheSequence() async throws {
            let ring = SampleRing(capacity: 1000)
            let total = 2_000_000
            let deadline = Date().addingTimeInterval(20)
            let producer = Thread {
                var state: UInt32 = 12345
                var sent = 0
                var chunk = [Int16](repeating: 0, count: 300)
                while sent < total, Date() < deadline {
                    state = state &* 1_664_525 &+ 1_013_904_223
                    let size = min(Int(state >> 24) % 300 + 1, total - sent, ring.availableToWrite)
                    if size == 0 { continue }
                    for index in 0..<size { chunk[index] = Int16(truncatingIfNeeded: sent + index) }
                    sent += chunk.withUnsafeBufferPointer { ring.write(UnsafeBufferPointer(rebasing: $0[0..<size])) }
                }
            }
            let received = Mutex(0)
            let broken = Mutex(-1)
            let done = DispatchSemaphore(value: 0)
            let consumer = Thread {
                var state: UInt32 = 54321
                var count = 0
                var buffer = [Int16](repeating: 0, count: 257)
                while count < total, Date() < deadline {
                    state = state &* 1_664_525 &+ 1_013_904_223
                    let size = Int(state >> 24) % 257 + 1
                    let got = buffer.withUnsafeMutableBufferPointer { ring.read(into: UnsafeMutableBufferPointer(rebasing: $0[0..<size])) }
                    for index in 0..<got where buffer[index] != Int16(truncatingIfNeeded: count + index) {
                        broken.withLock { if $0 < 0 { $0 = count + index } }
                    }
                    count += got
                }
                received.withLock { $0 = count }
                done.signal()
            }
            producer.start()
            consumer.start()
            while done.wait(timeout: .now()) == .timedOut { try await Task.sleep(for: .milliseconds(20)) }
            #expect(received.withLock { $0 } == total)
            #expect(broken.withLock { $0 } == -1, "first sample out of sequence")
            #expect(ring.overruns == 0)
        }
    }
}
