import Foundation
import Testing
@testable import TUI
import UserAgent

/// The VU meters and the device mute mark, from `Event.soundLevels`.
@Suite(.timeLimit(.minutes(1)))
struct MeterTests {
    /// `decibels` dBFS as the linear RMS the event carries.
    static func linear(_ decibels: Double) -> Double { pow(10, decibels / 20) }

    /// One answered call and the given levels.
    static func talking(microphone: Double? = linear(-18), speaker: Double? = linear(-31), muted: Bool = false) -> TUIState {
        Fixture.state([
            .call(Fixture.call(1, .established, direction: .outgoing, current: true)),
            .soundLevels(SoundLevels(microphone: microphone, speaker: speaker, microphoneMuted: muted)),
        ])
    }

    static func meterLine(_ screen: Screen) -> ScreenLine? {
        screen.lines.first { $0.text.hasPrefix("  mic ") }
    }

    @Test func barsShowBothLevelsUnderTheCalls() throws {
        let screen = Layout.render(Self.talking(), width: 80, height: 24, now: 1_065_000)
        let text = screen.lines.map(\.text)
        // Status, the call, then the meters, then the tabs.
        #expect(text[1].contains("established"))
        #expect(text[2] == "  mic ▕████████▍···▏ -18 dB   spk ▕█████▊······▏ -31 dB")
        #expect(text[3].hasPrefix(" Calls "))
        let line = try #require(Self.meterLine(screen))
        #expect(line.spans.contains(Span("████████▍···", .good)))
        #expect(!text[0].contains("MUTED"))
    }

    @Test func loudAndClippingAreColouredButReadableWithout() throws {
        let screen = Layout.render(Self.talking(microphone: Self.linear(-8), speaker: 1.0), width: 80, height: 24, now: 1_065_000)
        let line = try #require(Self.meterLine(screen))
        // The length carries the level on a monochrome terminal; the style only adds to it.
        #expect(line.spans.contains(Span("██████████▍·", .warning)), "\(line.spans)")
        #expect(line.spans.contains(Span("████████████", .bad)), "\(line.spans)")
        #expect(line.text.hasSuffix("spk ▕████████████▏   0 dB"))
    }

    @Test func silenceIsAnEmptyBarWithADash() throws {
        let screen = Layout.render(Self.talking(microphone: 0, speaker: 0), width: 80, height: 24, now: 1_065_000)
        let line = try #require(Self.meterLine(screen))
        #expect(line.text == "  mic ▕············▏   –      spk ▕············▏   –   ")
    }

    @Test func mutedMicrophoneIsMarkedOnTheStatusLineAndTheMeter() throws {
        var state = Self.talking(muted: true)
        var screen = Layout.render(state, width: 80, height: 24, now: 1_065_000)
        #expect(screen.lines[0].text.contains("MIC MUTED"))
        #expect(screen.lines[0].spans.contains(Span("  MIC MUTED ", .bad)))
        let line = try #require(Self.meterLine(screen))
        #expect(line.text.contains("-18 dB muted"), "the meter still shows the user talking: \(line.text)")
        #expect(line.spans.contains(Span("████████▍···", .dim)))
        // Unmuted by the next answer: the mark goes.
        state.apply(.soundLevels(SoundLevels(microphone: nil, speaker: nil, microphoneMuted: false)), now: 1_066_000)
        screen = Layout.render(state, width: 80, height: 24, now: 1_066_000)
        #expect(!screen.lines[0].text.contains("MUTED"))
    }

    @Test func theMuteMarkShowsWithoutACall() {
        let state = Fixture.state([.soundLevels(SoundLevels(microphone: nil, speaker: nil, microphoneMuted: true))])
        let screen = Layout.render(state, width: 80, height: 24, now: 1_065_000)
        #expect(screen.lines[0].text.contains("MIC MUTED"))
        #expect(Self.meterLine(screen) == nil)
        #expect(!state.wantsLevels)
    }

    @Test func noMetersBeforeAnAnswerOrWithoutLevels() {
        let ringing = Fixture.state([
            .call(Fixture.call(1, .ringing, direction: .outgoing, current: true)),
            .soundLevels(SoundLevels(microphone: 0.1, speaker: 0.1, microphoneMuted: false)),
        ])
        #expect(!ringing.wantsLevels)
        #expect(Self.meterLine(Layout.render(ringing, width: 80, height: 24, now: 1_065_000)) == nil)
        let answered = Fixture.state([.call(Fixture.call(1, .established, direction: .outgoing, current: true))])
        #expect(answered.wantsLevels)
        #expect(Self.meterLine(Layout.render(answered, width: 80, height: 24, now: 1_065_000)) == nil)
    }

    @Test func levelsStayOutOfTheLog() {
        var state = Self.talking()
        let before = state.log.count
        for i in 0..<50 {
            state.apply(.soundLevels(SoundLevels(microphone: Double(i) / 100, speaker: 0, microphoneMuted: false)), now: 1_070_000)
        }
        #expect(state.log.count == before)
        #expect(state.notice == nil)
    }

    @Test(arguments: [(80, 24), (40, 12), (20, 6), (1, 1)])
    func metersFitTheSize(size: (Int, Int)) {
        var state = LayoutTests.busy()
        state.apply(.soundLevels(SoundLevels(microphone: 1, speaker: 1, microphoneMuted: true)), now: 1_065_000)
        let screen = Layout.render(state, width: size.0, height: size.1, now: 1_065_000)
        #expect(screen.lines.count == size.1)
        for line in screen.lines { #expect(line.width <= size.0, "\(line.text)") }
    }

    @Test func barLengthFollowsTheDecibels() {
        #expect(Layout.meterEighths(decibels: -120) == 0)
        #expect(Layout.meterEighths(decibels: -60) == 0)
        #expect(Layout.meterEighths(decibels: -30) == 48)
        #expect(Layout.meterEighths(decibels: 0) == 96)
        #expect(Layout.meterEighths(decibels: 6) == 96)
    }
}
