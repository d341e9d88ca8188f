import Foundation

/// A peer's executable and the Debian package that installs it.
public struct Tool: Sendable {
    public let name: String
    public let package: String

    public init(_ name: String, package: String) {
        self.name = name
        self.package = package
    }

    /// The absolute path of the executable, searched in `PATH` and the sbin directories
    /// (root tools such as kamailio live there and `PATH` may omit them).
    public func path() throws -> String {
        let pathDirs = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
        let dirs = pathDirs + ["/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"]
        for dir in dirs where !dir.isEmpty {
            let candidate = dir + "/" + name
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw LabError.missingTool(name, package: package)
    }
}

extension Tool {
    static let kamailio = Tool("kamailio", package: "kamailio")
    static let baresip = Tool("baresip", package: "baresip-core")
    static let sipp = Tool("sipp", package: "sip-tester")
    static let pulseaudio = Tool("pulseaudio", package: "pulseaudio")
    public static let pactl = Tool("pactl", package: "pulseaudio-utils")
    public static let paplay = Tool("paplay", package: "pulseaudio-utils")
    public static let parecord = Tool("parecord", package: "pulseaudio-utils")
    static let turnserver = Tool("turnserver", package: "coturn")
    public static let stunClient = Tool("turnutils_stunclient", package: "coturn")
    public static let turnClient = Tool("turnutils_uclient", package: "coturn")
    static let dnsmasq = Tool("dnsmasq", package: "dnsmasq-base")
    public static let dig = Tool("dig", package: "bind9-dnsutils")
    public static let openssl = Tool("openssl", package: "openssl")
}
