import SDP

/// `pipit debug parse-sdp FILE|-`: canonical form on success (exit 0), the error with
/// its line and byte offset on failure (exit 1).
enum ParseSDP {
    static func run(file: String) -> Int32 {
        guard let bytes = InputFile.readOrReport(file) else { return ExitStatus.usage }
        do {
            let description = try SessionDescription.parse(bytes)
            StandardStreams.write(description.serialized())
            return ExitStatus.ok
        } catch {
            StandardStreams.writeError("pipit: \(file): invalid SDP: \(error)\n")
            return 1
        }
    }
}
