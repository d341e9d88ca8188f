@testable import Media
import Testing

/// Learning whether the sound device hands frames over in pairs, on a virtual clock.
@Suite(.timeLimit(.minutes(1)))
struct CaptureBurstTests {
    let start = ContinuousClock.now

    func at(_ ms: Int) -> ContinuousClock.Instant { start + .milliseconds(ms) }

    @Test func twoRingsAMillisecondApartMeanPairs() {
        var burst = CaptureBurst()
        burst.rang(at: at(0))
        #expect(burst.frames == 1)
        burst.rang(at: at(1))
        #expect(burst.frames == 2)
        // Then one ring per pair, 20 ms apart: still pairs.
        burst.rang(at: at(21))
        burst.rang(at: at(41))
        #expect(burst.frames == 2)
        #expect(burst.deadline(after: at(41)) == at(65))
    }

    @Test func framesTenMillisecondsApartAreSingles() {
        var burst = CaptureBurst()
        for ms in stride(from: 0, through: 200, by: 10) { burst.rang(at: at(ms)) }
        #expect(burst.frames == 1)
        #expect(burst.deadline(after: at(200)) == at(214))
    }

    @Test func aPairThatDoesNotCompleteGoesBackToSingles() {
        var burst = CaptureBurst()
        burst.rang(at: at(0))
        burst.rang(at: at(2))
        #expect(burst.frames == 2)
        burst.expired(ready: 2)
        #expect(burst.frames == 2, "the whole pair was there: nothing to learn")
        burst.expired(ready: 1)
        #expect(burst.frames == 1)
        // Learning starts afresh: one ring alone does not make pairs again.
        burst.rang(at: at(30))
        #expect(burst.frames == 1)
        burst.rang(at: at(40))
        #expect(burst.frames == 1)
    }
}
