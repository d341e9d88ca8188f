/// The call-progress tones of one country (ITU-T E.180 and its Supplement 2): what the
/// caller hears while the far end rings, when it is busy or the network is congested, and
/// the beep of a second call waiting.
public struct ToneSet: Hashable, Sendable {
    public var country: String
    public var ringback: TonePlan
    public var busy: TonePlan
    public var congestion: TonePlan
    public var callWaiting: TonePlan

    public enum Kind: String, CaseIterable, Sendable {
        case ringback, busy, congestion, callWaiting = "call-waiting"
    }

    public func plan(_ kind: Kind) -> TonePlan {
        switch kind {
        case .ringback: ringback
        case .busy: busy
        case .congestion: congestion
        case .callWaiting: callWaiting
        }
    }

    /// The countries pipit knows, by the code the `tones` setting takes.
    public static let known: [String: ToneSet] = [
        "us": ToneSet(
            country: "us",
            ringback: TonePlan(frequencies: [440, 480], cadence: [2000, 4000]),
            busy: TonePlan(frequencies: [480, 620], cadence: [500, 500]),
            congestion: TonePlan(frequencies: [480, 620], cadence: [250, 250]),
            callWaiting: TonePlan(frequencies: [440], cadence: [300, 9700])),
        "uk": ToneSet(
            country: "uk",
            ringback: TonePlan(frequencies: [400, 450], cadence: [400, 200, 400, 2000]),
            busy: TonePlan(frequencies: [400], cadence: [375, 375]),
            congestion: TonePlan(frequencies: [400], cadence: [400, 350, 225, 525]),
            callWaiting: TonePlan(frequencies: [400], cadence: [100, 3000])),
        "de": ToneSet(
            country: "de",
            ringback: TonePlan(frequencies: [425], cadence: [1000, 4000]),
            busy: TonePlan(frequencies: [425], cadence: [480, 480]),
            congestion: TonePlan(frequencies: [425], cadence: [240, 240]),
            callWaiting: TonePlan(frequencies: [425], cadence: [200, 200, 200, 5000])),
        "fr": ToneSet(
            country: "fr",
            ringback: TonePlan(frequencies: [440], cadence: [1500, 3500]),
            busy: TonePlan(frequencies: [440], cadence: [500, 500]),
            congestion: TonePlan(frequencies: [440], cadence: [250, 250]),
            callWaiting: TonePlan(frequencies: [440], cadence: [300, 10000])),
        "jp": ToneSet(
            country: "jp",
            ringback: TonePlan(frequencies: [400], modulation: 16, cadence: [1000, 2000]),
            busy: TonePlan(frequencies: [400], cadence: [500, 500]),
            congestion: TonePlan(frequencies: [400], cadence: [500, 500]),
            callWaiting: TonePlan(frequencies: [400], cadence: [100, 100, 100, 3000])),
    ]

    /// The set for a `tones` value (case-insensitive); nil for a country pipit lacks.
    public static func named(_ code: String) -> ToneSet? { known[code.lowercased()] }
}
