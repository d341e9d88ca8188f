import ArgumentParser

/// `pipit debug …`: tools for looking at what a provider or phone sent.
struct Debug: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Diagnostics: parse SIP messages and SDP bodies.",
        subcommands: [ParseSIP.self, ParseSDP.self]
    )
}
