import ArgumentParser

/// The `pipit` command: picks a front end and wires the layers together.
@main
struct Pipit: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pipit",
        abstract: "A terminal SIP softphone.",
        discussion: """
        pipit will make and take phone calls from the terminal: through a provider, an \
        office PBX, or straight to another phone. This build has the SIP message and SDP \
        layers; use `pipit debug parse-sip FILE` and `pipit debug parse-sdp FILE` to check \
        what a provider sends. See pipit(1).
        """,
        version: PipitVersion.string,
        subcommands: [Debug.self]
    )

    func run() throws {
        print(Capabilities.summary)
    }
}
