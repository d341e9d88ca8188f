import ArgumentParser
import SDP

/// `pipit debug parse-sdp FILE|-`: canonical form on success (exit 0), the error with
/// its line and byte offset on failure (exit 1).
struct ParseSDP: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse-sdp",
        abstract: "Parse one SDP session description and print it in canonical form.",
        discussion: "Exits 1 and names the line and byte offset when the description is malformed."
    )

    @Argument(help: ArgumentHelp("File holding the description, or - for standard input.", valueName: "file"))
    var file: String

    func run() throws {
        let bytes = try InputFile.read(file)
        do {
            let description = try SessionDescription.parse(bytes)
            StandardStreams.write(description.serialized())
        } catch {
            StandardStreams.writeError("pipit: \(file): invalid SDP: \(error)\n")
            throw ExitCode(1)
        }
    }
}
