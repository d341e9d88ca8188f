import SIPMessage

/// `pipit debug parse-sip FILE|-`: canonical form on success (exit 0), the error with
/// its byte offset on failure (exit 1).
enum ParseSIP {
    static let discussion = """
        Reads one SIP message (as sent over UDP: the whole file is the datagram) and prints \
        it with full header names, unfolded values and a correct Content-Length. Every \
        known header is checked against its grammar. Exits 1 and names the byte offset when \
        the message is malformed or cannot be processed; a fault an element may ignore \
        (such as a bad Date) is printed as a warning.
        """

    static func run(file: String) -> Int32 {
        guard let bytes = InputFile.readOrReport(file) else { return ExitStatus.usage }
        let message: SIPMessage
        do {
            message = try SIPMessage.parse(bytes)
        } catch {
            StandardStreams.writeError("pipit: \(file): invalid SIP message: \(error)\n")
            return 1
        }
        StandardStreams.write(message.normalizedBytes)
        var fatal = false
        for problem in message.problems {
            let label = problem.severity == .fatal ? "error" : "warning"
            fatal = fatal || problem.severity == .fatal
            StandardStreams.writeError("pipit: \(file): \(label): \(problem) — a UAS answers \(problem.statusCode)\n")
        }
        return fatal ? 1 : ExitStatus.ok
    }
}
