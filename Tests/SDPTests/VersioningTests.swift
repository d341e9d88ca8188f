import Testing
@testable import SDP

@Suite struct VersioningTests {
    static let caps = LocalCapabilities(address: "192.0.2.10", media: [MediaCapabilities(port: 4000, codecs: [.pcmu])])

    @Test func unchangedDescriptionKeepsItsVersion() {
        var session = LocalSessionState(sessionID: 3_900_000_000, initialVersion: 5)
        let first = OfferAnswer.makeOffer(Self.caps, session: &session)
        let again = OfferAnswer.makeOffer(Self.caps, session: &session)
        #expect(first.origin.sessionVersion == 5)
        #expect(again.origin.sessionVersion == 5)
        #expect(again == first)
        #expect(session.version == 5)
    }

    @Test func changedDescriptionBumpsByExactlyOne() {
        var session = LocalSessionState(sessionID: 77, initialVersion: 5)
        _ = OfferAnswer.makeOffer(Self.caps, session: &session)
        var hold = Self.caps
        hold.media[0].direction = .sendonly
        let held = OfferAnswer.makeOffer(hold, session: &session)
        #expect(held.origin.sessionVersion == 6)
        #expect(held.origin.sessionID == 77)
        let heldAgain = OfferAnswer.makeOffer(hold, session: &session)
        #expect(heldAgain.origin.sessionVersion == 6)
        // Resuming is a change again, even though it matches an older description.
        let resumed = OfferAnswer.makeOffer(Self.caps, session: &session)
        #expect(resumed.origin.sessionVersion == 7)
        #expect(session.lastSent == resumed)
    }

    @Test func stampIgnoresTheIncomingOriginNumbers() throws {
        var session = LocalSessionState(sessionID: 1000, initialVersion: 1)
        let d = try SessionDescription.parse(Samples.crlf(Samples.asterisk))
        let a = session.stamp(d)
        var renumbered = d
        renumbered.origin.sessionVersion = 999
        renumbered.origin.sessionID = 5
        let b = session.stamp(renumbered)
        #expect(a.origin.sessionID == 1000 && a.origin.sessionVersion == 1)
        #expect(b == a)
        var changed = d
        changed.media[0].port += 2
        #expect(session.stamp(changed).origin.sessionVersion == 2)
    }

    @Test func answersShareTheState() throws {
        var session = LocalSessionState(sessionID: 9, initialVersion: 100)
        let offer = try SessionDescription.parse(Samples.crlf(Samples.asterisk))
        let first = OfferAnswer.answer(to: offer, with: Self.caps, session: &session)
        let same = OfferAnswer.answer(to: offer, with: Self.caps, session: &session)
        #expect(first.sessionDescription.origin.sessionVersion == 100)
        #expect(same.sessionDescription.origin.sessionVersion == 100)
        var holding = Self.caps
        holding.media[0].direction = .sendonly
        let held = OfferAnswer.answer(to: offer, with: holding, session: &session)
        #expect(held.sessionDescription.origin.sessionVersion == 101)
        #expect(held.sessionDescription.media[0].direction == .sendonly)
    }
}
