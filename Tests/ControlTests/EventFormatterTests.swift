import Foundation
import Testing
import UserAgent
@testable import Control

/// Text and JSON lines: one golden line of each per event kind, every state and reason, and
/// hostile text from the network.
@Suite(.timeLimit(.minutes(1))) struct EventFormatterTests {
    @Test(arguments: EventSamples.golden.indices) func goldenLines(index: Int) {
        let (event, text, json) = EventSamples.golden[index]
        #expect(EventFormatter.text(event) == text)
        #expect(EventFormatter.json(event) == json)
    }

    @Test func goldenCoversEveryKind() {
        #expect(Set(EventSamples.golden.map { EventSamples.kind($0.0) }).count == EventSamples.kindCount)
    }

    /// Foundation's parser is the independent judge of the JSON.
    @Test(arguments: EventSamples.golden.indices) func goldenJSONIsValid(index: Int) throws {
        let line = EventFormatter.json(EventSamples.golden[index].0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["event"] is String)
        #expect(!line.contains("\n"))
    }

    static let registrations: [(RegistrationState, String, String)] = [
        (.unregistered, "account a: unregistered", #"{"event":"registration","account":"a","state":"unregistered"}"#),
        (.registering, "account a: registering", #"{"event":"registration","account":"a","state":"registering"}"#),
        (.registered(expires: 3600), "account a: registered (expires 3600 s)",
         #"{"event":"registration","account":"a","state":"registered","expires":3600}"#),
        (.refreshing(expires: 600), "account a: refreshing (expires 600 s)",
         #"{"event":"registration","account":"a","state":"refreshing","expires":600}"#),
        (.unregistering, "account a: unregistering", #"{"event":"registration","account":"a","state":"unregistering"}"#),
        (.failed(reason: "no answer from the registrar", code: nil, retryIn: .seconds(30)),
         "account a: failed — no answer from the registrar, retry in 30 s",
         #"{"event":"registration","account":"a","state":"failed","reason":"no answer from the registrar","retry_in":30}"#),
        (.failed(reason: "Service Unavailable", code: 503, retryIn: .milliseconds(2500)),
         "account a: failed — Service Unavailable (503), retry in 3 s",
         #"{"event":"registration","account":"a","state":"failed","reason":"Service Unavailable","code":503,"retry_in":3}"#),
        (.failed(reason: "403 Forbidden", code: 403, retryIn: nil), "account a: failed — 403 Forbidden, not retrying",
         #"{"event":"registration","account":"a","state":"failed","reason":"403 Forbidden","code":403}"#),
    ]

    @Test(arguments: registrations.indices) func registrationStates(index: Int) {
        let (state, text, json) = Self.registrations[index]
        #expect(EventFormatter.text(.registration(account: "a", state: state)) == [text])
        #expect(EventFormatter.json(.registration(account: "a", state: state)) == json)
    }

    static let callStates: [(CallState, String, String)] = [
        (.trying, "trying", "trying"),
        (.proceeding, "proceeding", "proceeding"),
        (.ringing, "ringing", "ringing"),
        (.earlyMedia, "early media", "early_media"),
        (.incoming, "incoming", "incoming"),
        (.established, "established", "established"),
        (.held(.local), "on hold", "held"),
        (.held(.remote), "held by remote", "held"),
        (.held(.both), "on hold (both sides)", "held"),
        (.terminating, "terminating", "terminating"),
        (.terminated, "terminated", "terminated"),
    ]

    @Test(arguments: callStates.indices) func eachCallState(index: Int) throws {
        let (state, words, token) = Self.callStates[index]
        var call = EventSamples.bobRinging
        call.state = state
        #expect(EventFormatter.text(.call(call)) == ["call 1: \(words) — Bob <sip:bob@example.com>"])
        let json = EventFormatter.json(.call(call))
        #expect(json.contains(#","state":"\#(token)","#))
        if case .held(let who) = state {
            #expect(json.contains(#""state":"held","hold":"\#(who.rawValue)","remote""#))
        } else {
            #expect(!json.contains("hold"))
        }
    }

    static let reasons: [(CallEnd.Reason, String)] = [
        (.localHangup, "local_hangup"), (.remoteHangup, "remote_hangup"), (.cancelled, "cancelled"),
        (.missed, "missed"), (.busy, "busy"), (.declined, "declined"), (.notFound, "not_found"),
        (.unavailable, "unavailable"), (.timeout, "timeout"), (.rejected, "rejected"),
        (.answeredElsewhere, "answered_elsewhere"), (.redirected, "redirected"), (.failed, "failed"),
        (.interrupted, "interrupted"),
    ]

    @Test(arguments: reasons.indices) func endReasons(index: Int) {
        let (reason, token) = Self.reasons[index]
        var call = EventSamples.carolBusy
        call.end = CallEnd(reason)
        #expect(EventFormatter.text(.call(call)) == ["call 2: terminated — \(reason.rawValue)"])
        #expect(EventFormatter.json(.call(call)).hasSuffix(#""current":false,"reason":"\#(token)"}"#))
    }

    @Test func endReasonTokensAreDistinct() {
        #expect(Set(Self.reasons.map(\.1)).count == Self.reasons.count)
        #expect(Set(Self.reasons.map(\.0.rawValue)).count == Self.reasons.count)
    }

    @Test func endDetailsInText() {
        var call = EventSamples.carolBusy
        call.end = CallEnd(.timeout, code: 408)
        #expect(EventFormatter.text(.call(call)) == ["call 2: terminated — no answer (408)"])
        call.end = CallEnd(.failed, detail: "no route to host")
        #expect(EventFormatter.text(.call(call)) == ["call 2: terminated — failed (no route to host)"])
        call.end = nil
        #expect(EventFormatter.text(.call(call)) == ["call 2: terminated — sip:carol@example.com"])
    }

    // MARK: Hostile text

    static let nasty = "The \"Boss\" \\ 😀\nline two\u{1B}[2J\u{01}\t\u{7F}\u{9B}é\u{2028}\u{202E}"

    @Test func jsonEscapesPerRFC8259() throws {
        var call = EventSamples.bobRinging
        call.remoteName = Self.nasty
        let json = EventFormatter.json(.call(call))
        #expect(json.contains(#""display_name":"The \"Boss\" \\ 😀\nline two\u001b[2J\u0001\t\u007f\u009bé\u2028\#u{202E}""#))
        #expect(!json.contains("\n"))
        // Foundation reads back exactly the name we wrote.
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["display_name"] as? String == Self.nasty)
        #expect(object["call"] as? Int == 1)
        #expect(object["current"] as? Bool == false)
    }

    @Test func jsonEscapesKeysAndEveryControlCharacter() throws {
        let all = String(String.UnicodeScalarView((0...0x20).compactMap(Unicode.Scalar.init)))
        let json = EventFormatter.json(.info(all))
        #expect(json == #"{"event":"info","text":"\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000b\f\r\u000e\u000f\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f "}"#)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["text"] as? String == all)
    }

    @Test func textStaysOneHarmlessLine() {
        var call = EventSamples.bobRinging
        call.remoteName = Self.nasty
        #expect(EventFormatter.text(.call(call))
                == [#"call 1: ringing — The "Boss" \ 😀\nline two\u{1b}[2J\u{1}"# + "\t" + #"\u{7f}\u{9b}é\u{2028}\u{202e} <sip:bob@example.com>"#])
        #expect(EventFormatter.text(.messageReceived(account: "a", from: "sip:x@y", text: "one\r\ntwo"))
                == [#"message from sip:x@y (account a): one\r\ntwo"#])
        #expect(EventFormatter.text(.error("bad\u{1B}]0;pwned\u{07}")) == [#"error: bad\u{1b}]0;pwned\u{7}"#])
    }

    // MARK: Time

    @Test func timeIsRFC3339UTC() {
        #expect(EventFormatter.json(.info("x"), unixMilliseconds: 0)
                == #"{"event":"info","time":"1970-01-01T00:00:00.000Z","text":"x"}"#)
        #expect(Timestamp.rfc3339(unixMilliseconds: 1_795_329_000_123) == "2026-11-22T06:30:00.123Z")
        #expect(Timestamp.rfc3339(unixMilliseconds: 951_782_400_000) == "2000-02-29T00:00:00.000Z")
        #expect(Timestamp.rfc3339(unixMilliseconds: 4_107_542_399_999) == "2100-02-28T23:59:59.999Z")
        #expect(Timestamp.rfc3339(unixMilliseconds: -1) == "1970-01-01T00:00:00.000Z")
        #expect(Timestamp.rfc3339(unixMilliseconds: .max) == "9999-12-31T23:59:59.999Z")
    }

    @Test func timestampsAgreeWithFoundation() {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        var ms: Int64 = 0
        // Every ~97 days at varying times across 1970–2400 (leap years, century rules); whole
        // seconds, so that Foundation's floating-point dates cannot round.
        while ms < 13_569_465_600_000 {
            let expected = formatter.string(from: Date(timeIntervalSince1970: Double(ms / 1000)))
            #expect(Timestamp.rfc3339(unixMilliseconds: ms) == expected.replacingOccurrences(of: "Z", with: ".000Z"))
            ms += 8_380_801_000
        }
    }
}
