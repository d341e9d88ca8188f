import Testing
@testable import SIPMessage

@Suite("Content types, tokens, events, session timers, Replaces")
struct TypedValueTests {
    static let mediaTypes = [
        "application/sdp",
        "Application/SDP",
        "multipart/mixed;boundary=7a9cbec.3b4fb7ec7b5bb3a8b4b9",
        "multipart/mixed; boundary=\"boundary42\"",
        "text/plain;charset=UTF-8",
        "application/dtmf-relay",
        "application/pidf+xml",
        "message/sipfrag;version=2.0",
        "application/simple-message-summary",
        "*/*",
        "application/*;q=0.5",
        "application/sdp ; level = 1",
    ]

    @Test(arguments: mediaTypes)
    func mediaTypeRoundTrip(_ text: String) { valueRoundTrip(MediaType.self, text) }

    @Test func mediaTypeComparison() throws {
        #expect(try MediaType.parse("Application/SDP") == .sdp)
        #expect(try MediaType.parse("application/sdp").essence == "application/sdp")
        #expect(try MediaType.parse("text/plain;CHARSET=UTF-8") == MediaType.parse("TEXT/plain;charset=UTF-8"))
        #expect(try MediaType.parse("text/plain;charset=\"UTF-8\"").charset == "UTF-8")
        #expect(try MediaType.parse("text/plain;charset=UTF-8") != MediaType.parse("text/plain;charset=utf-16"))
        #expect(try MediaType.parse("*/*").matches(.sdp))
        #expect(try MediaType.parse("application/*;q=0.5").q == 500)
        #expect(try !MediaType.parse("text/*").matches(.sdp))
        let list = try MediaType.parseList("application/sdp, application/pidf+xml;q=0.8, */*;q=0.1")
        #expect(list.map(\.essence) == ["application/sdp", "application/pidf+xml", "*/*"])
        expectRefusal(MediaType.self, InvalidValue("application", .malformedValue, at: 11))
        expectRefusal(MediaType.self, InvalidValue("application/", .malformedValue, at: 12))
        expectRefusal(MediaType.self, InvalidValue("/sdp", .malformedValue, at: 0))
        expectRefusal(MediaType.self, InvalidValue("text/plain;charset=\"utf-8", .truncated, at: 19))
        expectRefusal(MediaType.self, InvalidValue("application/sdp;q=2", .malformedValue, at: 16))
        expectRefusal(MediaType.self, InvalidValue("application/sdp sdp", .malformedValue, at: 16))
    }

    @Test func tokensAndDisposition() throws {
        let allow = try HeaderToken.parseList("INVITE, ACK, CANCEL, OPTIONS, BYE, REFER, NOTIFY, MESSAGE, SUBSCRIBE, INFO, PRACK, UPDATE")
        #expect(allow.count == 12)
        #expect(allow.first == HeaderToken("INVITE"))
        let supported = try HeaderToken.parseList("replaces, timer,100rel , path,gruu,outbound")
        #expect(supported.map(\.value) == ["replaces", "timer", "100rel", "path", "gruu", "outbound"])
        #expect(HeaderToken("Timer").isEquivalent(to: HeaderToken("timer")))
        #expect(try HeaderToken.parseList("presence.winfo, dialog, message-summary").count == 3)
        expectRefusal(HeaderToken.self, InvalidValue("time r", .malformedValue, at: 5))
        expectRefusal(HeaderToken.self, InvalidValue("", .malformedValue, at: 0))
        expectRefusal(HeaderToken.self, InvalidValue("tim@r", .malformedValue, at: 3))

        let d = try #require(valueRoundTrip(ContentDisposition.self, "session;handling=optional"))
        #expect(d.type == "session" && !d.isHandlingRequired)
        #expect(try ContentDisposition.parse("render").isHandlingRequired)
        #expect(try ContentDisposition.parse("icon ; handling = required").handling == "required")
        #expect(valueRoundTrip(ContentDisposition.self, "attachment; filename=\"a b.txt\"") != nil)
        expectRefusal(ContentDisposition.self, InvalidValue(";handling=optional", .malformedValue, at: 0))
    }

    @Test func events() throws {
        let e = try #require(valueRoundTrip(EventValue.self, "presence.winfo;id=1234"))
        #expect(e.package == "presence" && e.templates == ["winfo"] && e.id == "1234")
        #expect(e.eventType == "presence.winfo")
        #expect(try EventValue.parse("refer;id=93809824").id == "93809824")
        #expect(try EventValue.parse("message-summary").templates.isEmpty)
        #expect(valueRoundTrip(EventValue.self, "dialog ; sla ; include-session-description") != nil)
        expectRefusal(EventValue.self, InvalidValue("presence.", .malformedValue, at: 9))
        expectRefusal(EventValue.self, InvalidValue(".winfo", .malformedValue, at: 0))
        expectRefusal(EventValue.self, InvalidValue("presence id", .malformedValue, at: 9))

        let active = try #require(valueRoundTrip(SubscriptionState.self, "active;expires=3600"))
        #expect(active.state == .active && active.expires == 3600)
        let t = try SubscriptionState.parse("terminated;reason=timeout;retry-after=30")
        #expect(t.state == .terminated && t.reason == "timeout" && t.retryAfter == 30)
        #expect(try SubscriptionState.parse("Pending").state == .pending)
        #expect(try SubscriptionState.parse("waiting").state == .other("waiting"))
        expectRefusal(SubscriptionState.self, InvalidValue("active;expires=never", .malformedValue, at: 7))
    }

    @Test func sessionTimers() throws {
        let se = try #require(valueRoundTrip(SessionExpires.self, "1800;refresher=uac"))
        #expect(se.seconds == 1800 && se.refresher == .uac)
        #expect(try SessionExpires.parse("90").refresher == nil)
        #expect(try SessionExpires.parse("4000 ; refresher = UAS").refresher == .uas)
        #expect(SessionExpires(600, refresher: .uas).description == "600;refresher=uas")
        expectRefusal(SessionExpires.self, InvalidValue("1800;refresher=both", .malformedValue, at: 5))
        expectRefusal(SessionExpires.self, InvalidValue("refresher=uac", .malformedValue, at: 0))
        #expect(valueRoundTrip(MinSE.self, "90")?.seconds == 90)
        #expect(valueRoundTrip(MinSE.self, "120;x=y")?.parameters.count == 1)
        expectRefusal(MinSE.self, InvalidValue("-1", .malformedValue, at: 0))
    }

    @Test func replaces() throws {
        let r = try #require(valueRoundTrip(Replaces.self, "425928@bobster.example.org;to-tag=7743;from-tag=6472"))
        #expect(r.callID == "425928@bobster.example.org" && r.toTag == "7743" && r.fromTag == "6472" && !r.earlyOnly)
        let e = try Replaces.parse("98732@sip.example.com ;from-tag=r33th4x0r ;to-tag=ff87ff;early-only")
        #expect(e.earlyOnly && e.toTag == "ff87ff" && e.fromTag == "r33th4x0r")
        #expect(Replaces(callID: "a@b", toTag: "1", fromTag: "2", earlyOnly: true).description
                == "a@b;to-tag=1;from-tag=2;early-only")
        expectRefusal(Replaces.self, InvalidValue("a@b;to-tag=1", .malformedValue, at: 12))
        expectRefusal(Replaces.self, InvalidValue("a@b;to-tag;from-tag=2", .malformedValue, at: 4))
        expectRefusal(Replaces.self, InvalidValue(";to-tag=1;from-tag=2", .malformedValue, at: 0))
    }

    @Test func mutationNeverTraps() {
        mutateValues(MediaType.self, seeds: Self.mediaTypes)
        mutateValues(HeaderToken.self, seeds: ["INVITE", "100rel", "presence.winfo"])
        mutateValues(ContentDisposition.self, seeds: ["session;handling=optional", "attachment; filename=\"a b.txt\""])
        mutateValues(EventValue.self, seeds: ["presence.winfo;id=1234", "refer;id=93809824", "dialog;sla"])
        mutateValues(SubscriptionState.self, seeds: ["active;expires=3600", "terminated;reason=timeout;retry-after=30"])
        mutateValues(SessionExpires.self, seeds: ["1800;refresher=uac", "90"])
        mutateValues(MinSE.self, seeds: ["90", "120;x=y"])
        mutateValues(Replaces.self, seeds: ["425928@bobster.example.org;to-tag=7743;from-tag=6472;early-only"])
    }
}
