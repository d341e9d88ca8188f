import Testing
@testable import SIPMessage

@Suite("Numbers, CSeq, RAck, Call-ID, Date")
struct ScalarValueTests {
    @Test func numbers() throws {
        #expect(try MaxForwards.parse("70").value == 70)
        #expect(try MaxForwards.parse("0068").value == 68)  // RFC 4475 wsinv
        #expect(try MaxForwards.parse(" 255 ").value == 255)
        #expect(try ContentLength.parse("150").value == 150)
        #expect(try ContentLength.parse("0").value == 0)
        #expect(try Expires.parse("3600").seconds == 3600)
        #expect(try Expires.parse("99999999999").seconds == UInt32.max)
        #expect(try MinExpires.parse("60").seconds == 60)
        #expect(try RSeq.parse("988789").value == 988_789)
        #expect(valueRoundTrip(MaxForwards.self, "0068") == MaxForwards(68))
        #expect(valueRoundTrip(ContentLength.self, "4294967295") == ContentLength(UInt32.max))
        #expect(valueRoundTrip(Expires.self, "0") == Expires(0))
    }

    @Test func refusedNumbers() {
        // RFC 4475 §3.1.2.4 / §3.1.2.3 values
        expectRefusal(MaxForwards.self, InvalidValue("300", .malformedValue, at: 0))
        expectRefusal(ContentLength.self, InvalidValue("-999", .malformedValue, at: 0))
        expectRefusal(Expires.self, InvalidValue("1" + String(repeating: "0", count: 100), .malformedValue, at: 0))
        expectRefusal(MaxForwards.self, InvalidValue("", .malformedValue, at: 0))
        expectRefusal(MaxForwards.self, InvalidValue("7 0", .malformedValue, at: 2))
        expectRefusal(ContentLength.self, InvalidValue("4294967296", .malformedValue, at: 0))
        expectRefusal(Expires.self, InvalidValue("3600s", .malformedValue, at: 4))
        expectRefusal(RSeq.self, InvalidValue("0", .malformedValue, at: 0))
        expectRefusal(RSeq.self, InvalidValue("2147483648", .malformedValue, at: 0))
    }

    @Test func cseq() throws {
        #expect(try CSeq.parse("4711 INVITE") == CSeq(4711, "INVITE"))
        #expect(try CSeq.parse("0009 INVITE") == CSeq(9, "INVITE"))  // RFC 4475 wsinv
        #expect(try CSeq.parse("139122385 !interesting-Method0123456789_*+`.%indeed'~").method
                == "!interesting-Method0123456789_*+`.%indeed'~")
        #expect(try CSeq.parse("2147483647 ACK").number == 2_147_483_647)
        #expect(valueRoundTrip(CSeq.self, "  1   REGISTER ") == CSeq(1, "REGISTER"))
        expectRefusal(CSeq.self, InvalidValue("36893488147419103232 REGISTER", .malformedValue, at: 0))
        expectRefusal(CSeq.self, InvalidValue("9292394834772304023312 OPTIONS", .malformedValue, at: 0))
        expectRefusal(CSeq.self, InvalidValue("2147483648 INVITE", .malformedValue, at: 0))
        expectRefusal(CSeq.self, InvalidValue("INVITE", .malformedValue, at: 0))
        expectRefusal(CSeq.self, InvalidValue("1INVITE", .malformedValue, at: 1))
        expectRefusal(CSeq.self, InvalidValue("1 ", .malformedValue, at: 2))
        expectRefusal(CSeq.self, InvalidValue("1 INVITE x", .malformedValue, at: 9))
    }

    @Test func rack() throws {
        #expect(try RAck.parse("776656 1 INVITE") == RAck(rseq: 776_656, cseq: 1, method: "INVITE"))
        #expect(valueRoundTrip(RAck.self, "1 314159 INVITE")?.cseq == 314_159)
        expectRefusal(RAck.self, InvalidValue("0 1 INVITE", .malformedValue, at: 0))
        expectRefusal(RAck.self, InvalidValue("1 INVITE", .malformedValue, at: 2))
        expectRefusal(RAck.self, InvalidValue("1 2", .malformedValue, at: 3))
    }

    @Test func callID() throws {
        #expect(valueRoundTrip(CallID.self, "a84b4c76e66710@pc33.atlanta.com") == CallID("a84b4c76e66710@pc33.atlanta.com"))
        #expect(valueRoundTrip(CallID.self, "intmeth.word%ZK-!.*_+'@word`~)(><:\\/\"][?}{")?.value
                == "intmeth.word%ZK-!.*_+'@word`~)(><:\\/\"][?}{")
        #expect(valueRoundTrip(CallID.self, " 3848276298220188511@atlanta.example.com ")?.value
                == "3848276298220188511@atlanta.example.com")
        #expect(valueRoundTrip(CallID.self, "0ha0isndaksdj2193423r542w35") != nil)
        expectRefusal(CallID.self, InvalidValue("", .malformedValue, at: 0))
        expectRefusal(CallID.self, InvalidValue("a@", .malformedValue, at: 2))
        expectRefusal(CallID.self, InvalidValue("a@b@c", .malformedValue, at: 3))
        expectRefusal(CallID.self, InvalidValue("a b", .malformedValue, at: 2))
    }

    @Test func dates() throws {
        let d = try #require(valueRoundTrip(SIPDate.self, "Sat, 13 Nov 2010 23:29:00 GMT"))
        #expect(d == SIPDate(year: 2010, month: 11, day: 13, hour: 23, minute: 29, second: 0))
        #expect(d.secondsSince1970 == 1_289_690_940)
        #expect(SIPDate(secondsSince1970: 1_289_690_940) == d)
        #expect(d.description == "Sat, 13 Nov 2010 23:29:00 GMT")
        #expect(try SIPDate.parse("Thu, 21 Feb 2002 13:02:03 GMT").secondsSince1970 == 1_014_296_523)
        #expect(try SIPDate.parse("Thu, 01 Jan 1970 00:00:00 GMT").secondsSince1970 == 0)
        #expect(try SIPDate.parse("Tue, 29 Feb 2000 12:00:00 GMT").day == 29)
        #expect(SIPDate(secondsSince1970: -1).description == "Wed, 31 Dec 1969 23:59:59 GMT")
        // RFC 4475 §3.1.2.12: a time zone other than GMT
        expectRefusal(SIPDate.self, InvalidValue("Fri, 01 Jan 2010 16:00:00 EST", .malformedValue, at: 26))
        expectRefusal(SIPDate.self, InvalidValue("Fri 01 Jan 2010 16:00:00 GMT", .malformedValue, at: 3))
        expectRefusal(SIPDate.self, InvalidValue("Fry, 01 Jan 2010 16:00:00 GMT", .malformedValue, at: 0))
        expectRefusal(SIPDate.self, InvalidValue("Fri, 01 Jab 2010 16:00:00 GMT", .malformedValue, at: 8))
        expectRefusal(SIPDate.self, InvalidValue("Mon, 29 Feb 2010 16:00:00 GMT", .malformedValue, at: 5))
        expectRefusal(SIPDate.self, InvalidValue("Fri, 01 Jan 2010 24:00:00 GMT", .malformedValue, at: 5))
        expectRefusal(SIPDate.self, InvalidValue("Fri, 01 Jan 10 16:00:00 GMT", .malformedValue, at: 12))
        expectRefusal(SIPDate.self, InvalidValue("Fri, 01 Jan 2010 16:00 GMT", .malformedValue, at: 22))
    }

    @Test func mutationNeverTraps() {
        mutateValues(CSeq.self, seeds: ["4711 INVITE", "0009 INVITE", "2147483647 ACK"])
        mutateValues(RAck.self, seeds: ["776656 1 INVITE"])
        mutateValues(MaxForwards.self, seeds: ["70", "255"])
        mutateValues(ContentLength.self, seeds: ["150", "4294967295"])
        mutateValues(Expires.self, seeds: ["3600", "99999999999"])
        mutateValues(RSeq.self, seeds: ["988789"])
        mutateValues(MinExpires.self, seeds: ["60", "0"])
        mutateValues(CallID.self, seeds: ["a84b4c76e66710@pc33.atlanta.com", "intmeth.word%ZK-!.*_+'@word`~)(><:\\/\"][?}{"])
        mutateValues(SIPDate.self, seeds: ["Sat, 13 Nov 2010 23:29:00 GMT", "Tue, 29 Feb 2000 12:00:00 GMT"])
    }
}
