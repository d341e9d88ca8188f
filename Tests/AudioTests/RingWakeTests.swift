import Audio
import Foundation
import Glibc
import Synchronization
import Testing

extension AudioSuite {
    /// The capture ring's wake descriptor: readable once an armed wait is over, and only
    /// then; no wake-up is lost when the producer writes while the consumer arms.
    @Suite struct RingWakeTests {
        /// Whether `descriptor` is readable within `milliseconds`.
        private func readable(_ descriptor: Int32, within milliseconds: Int32 = 0) -> Bool {
            var slot = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            return poll(&slot, 1, milliseconds) == 1 && slot.revents & Int16(POLLIN) != 0
        }

        @Test func anArmedRingWakesOnceEnoughSamplesAreThere() throws {
            let ring = SampleRing(capacity: 1000)
            let descriptor = try #require(ring.wakeDescriptor)
            #expect(ring.wakeDescriptor == descriptor, "one descriptor per ring")
            #expect(ring.armWake(samples: 160))
            ring.write([Int16](repeating: 1, count: 100))
            #expect(!readable(descriptor), "100 of 160 samples: not yet")
            ring.write([Int16](repeating: 1, count: 100))
            #expect(readable(descriptor))
            ring.disarmWake(rang: true)
            #expect(!readable(descriptor), "disarming with rang clears it")
        }

        @Test func unarmedWritesNeverWake() throws {
            let ring = SampleRing(capacity: 1000)
            let descriptor = try #require(ring.wakeDescriptor)
            ring.write([Int16](repeating: 1, count: 500))
            #expect(!readable(descriptor))
            // Armed and disarmed before the samples came (the loop woke for a datagram).
            var frame = [Int16](repeating: 0, count: 500)
            _ = frame.withUnsafeMutableBufferPointer { ring.read(into: $0) }
            #expect(ring.armWake(samples: 160))
            ring.disarmWake(rang: false)
            ring.write([Int16](repeating: 1, count: 320))
            #expect(!readable(descriptor))
        }

        @Test func armingWhenSamplesAreAlreadyThereSaysDoNotSleep() throws {
            let ring = SampleRing(capacity: 1000)
            let descriptor = try #require(ring.wakeDescriptor)
            ring.write([Int16](repeating: 1, count: 160))
            #expect(!ring.armWake(samples: 160))
            ring.write([Int16](repeating: 1, count: 160))
            #expect(!readable(descriptor), "not armed, so not rung")
        }

        /// A producer thread writes 10 ms frames at random short intervals while the
        /// consumer arms, sleeps on the descriptor (1 s limit) and reads: every frame
        /// arrives and no sleep runs to its limit (a lost wake-up would).
        @Test func noWakeUpIsLostBetweenTwoThreads() async throws {
            let ring = SampleRing(capacity: 16000)
            let descriptor = try #require(ring.wakeDescriptor)
            let frames = 400
            let producer = Thread {
                var state: UInt32 = 2024
                let frame = [Int16](repeating: 7, count: 160)
                for _ in 0..<frames {
                    state = state &* 1_664_525 &+ 1_013_904_223
                    usleep(state >> 30 == 0 ? 0 : (state >> 24) % 1500)
                    ring.write(frame)
                }
            }
            let outcome = Mutex((received: 0, timeouts: 0, wakeUps: 0))
            let done = DispatchSemaphore(value: 0)
            let consumer = Thread {
                var buffer = [Int16](repeating: 0, count: 160)
                var received = 0, timeouts = 0, wakeUps = 0
                while received < frames, timeouts == 0 {
                    if ring.armWake(samples: 160) {
                        var slot = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
                        if poll(&slot, 1, 1000) == 0 { timeouts += 1 }
                        wakeUps += 1
                        ring.disarmWake(rang: slot.revents != 0)
                    }
                    while ring.availableToRead >= 160 {
                        _ = buffer.withUnsafeMutableBufferPointer { ring.read(into: $0) }
                        received += 1
                    }
                }
                outcome.withLock { $0 = (received, timeouts, wakeUps) }
                done.signal()
            }
            producer.start()
            consumer.start()
            while done.wait(timeout: .now()) == .timedOut { try await Task.sleep(for: .milliseconds(10)) }
            let result = outcome.withLock { $0 }
            #expect(result.received == frames)
            #expect(result.timeouts == 0, "a wake-up was lost")
            #expect(result.wakeUps <= frames, "at most one wake-up per frame: \(result.wakeUps)")
        }
    }
}
