import Audio
import Foundation
import Testing

extension AudioSuite {
    /// Libraries loaded on first use: what a user sees when one is missing, and that the
    /// executable no longer links them.
    @Suite struct SharedLibraryTests {
        private typealias Strlen = @convention(c) (UnsafePointer<CChar>?) -> Int

        @Test func resolvesAFunctionWithItsCType() throws {
            let libc = try SharedLibrary("libc.so.6", package: "libc6")
            let strlen: Strlen = try libc.function("strlen")
            #expect(strlen("pipit") == 5)
        }

        @Test func aMissingLibraryNamesThePackageToInstall() {
            #expect(throws: SharedLibraryError(library: "libpipit-absent.so.0", package: "libpipit-absent0", problem: .notFound)) {
                try SharedLibrary("libpipit-absent.so.0", package: "libpipit-absent0")
            }
            let error = SharedLibraryError(library: "libpulse.so.0", package: "libpulse0", problem: .notFound)
            #expect(error.description == "libpulse.so.0 not found: install libpulse0")
        }

        @Test func aMissingFunctionSaysTheLibraryIsTooOld() throws {
            let libc = try SharedLibrary("libc.so.6", package: "libc6")
            #expect(throws: SharedLibraryError(library: "libc.so.6", package: "libc6", problem: .missingSymbol("pipit_absent"))) {
                let _: Strlen = try libc.function("pipit_absent")
            }
        }

        @Test func aFileThatIsNoLibraryIsReportedWithTheLoadersWords() throws {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("pipit-not-elf-\(getpid()).so").path
            try Data("not a library".utf8).write(to: URL(fileURLWithPath: path))
            defer { try? FileManager.default.removeItem(atPath: path) }
            let error = try #require(throws: SharedLibraryError.self) { try SharedLibrary(path, package: "pipit") }
            guard case .unloadable(let detail) = error.problem else {
                Issue.record("expected unloadable, got \(error.problem)")
                return
            }
            #expect(detail.contains("ELF") || detail.contains("too short"), "\(detail)")
            #expect(error.description.hasSuffix("reinstall pipit"))
        }

        /// The point of loading them lazily: the idle phone's process never maps libpulse
        /// (and its X11, sndfile, D-Bus), libasound or libsrtp2 (and NSS).
        @Test func pipitDoesNotLinkTheLazilyLoadedLibraries() throws {
            let runner = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
            let pipit = runner.deletingLastPathComponent().appendingPathComponent("pipit").path
            try #require(FileManager.default.isExecutableFile(atPath: pipit), "build pipit first (swift build --build-tests)")
            let readelf = Process()
            readelf.executableURL = URL(fileURLWithPath: "/usr/bin/readelf")
            readelf.arguments = ["-d", pipit]
            let output = Pipe()
            readelf.standardOutput = output
            try readelf.run()
            let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            readelf.waitUntilExit()
            let needed = text.split(separator: "\n").filter { $0.contains("(NEEDED)") }
            #expect(needed.contains { $0.contains("libc.so") }, "\(text)")
            for library in ["libpulse", "libasound", "libsrtp2"] {
                #expect(!needed.contains { $0.contains(library) }, "\(library) is linked")
            }
        }
    }
}
