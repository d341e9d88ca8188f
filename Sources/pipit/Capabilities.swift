/// What this build can do, printed by `pipit` with no arguments until the TUI lands.
enum Capabilities {
    static let summary = """
    pipit \(PipitVersion.string) — a terminal SIP softphone (early build)

    Works now:
      pipit debug parse-sip FILE|-   parse a SIP message, print it in canonical form
      pipit debug parse-sdp FILE|-   parse an SDP body, print it in canonical form
      pipit --help                   all options

    Not yet: registration, calls, audio, the TUI (see README.md for the status table).
    """
}
