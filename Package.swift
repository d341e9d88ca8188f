// swift-tools-version:6.0
// pipit — a terminal SIP softphone. Layers are targets; dependencies point down only
// (see ../shared/DESIGN.md). C libraries sit behind `C*` shim targets.
import PackageDescription

// C libraries are headers only: pipit loads each with dlopen on first use (PulseAudio,
// ALSA, libsrtp2, SQLite, Opus, SpeexDSP, ncursesw). An idle headless phone never calls
// them, and linked they cost ~3.6 MiB resident with their own dependencies, and time at
// every start. No pkg-config, so nothing adds -l; the headers are in /usr/include.
func headers(_ name: String, _ apt: String) -> Target {
    .systemLibrary(name: name, path: "Sources/\(name)", providers: [.apt([apt])])
}

let package = Package(
    name: "pipit",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "pipit", targets: ["pipit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
    ],
    targets: [
        // C libraries (Debian -dev packages), each a modulemap and a shim header.
        headers("CNcursesw", "libncurses-dev"),
        headers("CAlsa", "libasound2-dev"),
        headers("CPulse", "libpulse-dev"),
        headers("COpus", "libopus-dev"),
        headers("CSpeexDSP", "libspeexdsp-dev"),
        headers("CSRTP", "libsrtp2-dev"),
        headers("CSQLite", "libsqlite3-dev"),

        // The Swift runtime's global-executor hook, for putting tasks on NIO's event loop.
        .systemLibrary(name: "CSwiftRuntimeHooks", path: "Sources/CSwiftRuntimeHooks"),

        // Pure layers.
        .target(name: "SIPMessage"),
        .target(name: "SDP"),
        // A TOML 1.0 reader that keeps the line of every key and value, for config errors.
        .target(name: "TOML"),
        // NAT traversal: STUN and TURN message codecs and clients, the ICE agent. Pure:
        // the media engine owns the sockets and feeds datagrams and time in.
        .target(name: "NAT", dependencies: ["Hashing", "SDP"]),
        // MD5, SHA-1, SHA-256, HMAC, CRC-32: digest authentication and STUN integrity.
        .target(name: "Hashing"),

        // Transports, server location, transactions, digest authentication. The
        // transaction machines, digest computation and DNS codec inside it are pure.
        .target(
            name: "SIPStack",
            dependencies: [
                "SIPMessage", "Hashing",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOTLS", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),

        // The brain: configuration, accounts and registration, calls, dialogs, history.
        .target(
            name: "UserAgent",
            dependencies: [
                "SIPMessage", "SDP", "SIPStack", "TOML", "CSQLite", "Media", "Audio", "NAT", "Hashing",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        // RTP/RTCP, SRTP, codecs, jitter buffer, concealment, DSP, tones, media sessions.
        // Codecs, the jitter buffer and the packet codecs inside it are pure; it does not
        // use NIO's event loops: media runs on its own threads with plain sockets. NIOSSL
        // (already in pipit for SIP over TLS) is driven by hand there for TURN over TLS.
        .target(
            name: "Media",
            dependencies: [
                "SDP", "NAT", "Audio", "COpus", "CSpeexDSP", "CSRTP",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        // Audio devices (PulseAudio, ALSA, WAV file, null) meeting the media threads through
        // lock-free ring buffers. No NIO, no Foundation: device threads are real-time.
        .target(name: "Audio", dependencies: ["CPulse", "CAlsa"]),

        // The command language and event formatting (text, JSON Lines).
        .target(name: "Control", dependencies: ["UserAgent", "SIPMessage", "Media"]),

        // The full-screen front end: a pure view model, layout and key map over
        // `Command`/`Event`, and a thin ncursesw driver.
        .target(name: "TUI", dependencies: ["UserAgent", "Control", "Media", "Audio", "CNcursesw"]),

        // The executable: the command line (CommandLine/) and wiring.
        .executableTarget(
            name: "pipit",
            dependencies: [
                "SIPMessage", "SDP", "UserAgent", "Control", "Media", "Audio", "TUI", "CSwiftRuntimeHooks",
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),

        // Benchmarks live apart from tests (`make bench`).
        .executableTarget(
            name: "pipit-bench",
            dependencies: ["SIPMessage", "SIPStack", "TestLab", "Audio", .product(name: "NIOPosix", package: "swift-nio")],
            path: "Benchmarks/pipit-bench"
        ),

        // Test support: starts the real peers (Kamailio, baresip, SIPp, PulseAudio, coturn, dnsmasq).
        .target(name: "TestLab", dependencies: ["Hashing"], path: "Tests/TestLab"),

        .testTarget(
            name: "CLibsTests",
            dependencies: ["CNcursesw", "CAlsa", "CPulse", "COpus", "CSpeexDSP", "CSRTP"],
            // These tests call the dlopen'ed libraries directly, so they link them.
            linkerSettings: [.linkedLibrary("asound"), .linkedLibrary("pulse"), .linkedLibrary("srtp2"),
                             .linkedLibrary("opus"), .linkedLibrary("speexdsp"), .linkedLibrary("ncursesw")]
        ),
        .testTarget(name: "SIPMessageTests", dependencies: ["SIPMessage"], resources: [.copy("Vectors")]),
        .testTarget(name: "SDPTests", dependencies: ["SDP"]),
        .testTarget(name: "NATTests", dependencies: ["NAT", "Hashing", "SDP", "TestLab"]),
        .testTarget(
            name: "SIPStackTests",
            dependencies: [
                "SIPStack", "SIPMessage", "Hashing", "TestLab",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .testTarget(name: "TOMLTests", dependencies: ["TOML"]),
        .testTarget(
            name: "UserAgentTests",
            dependencies: [
                "UserAgent", "SIPStack", "SIPMessage", "SDP", "TOML", "TestLab",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .testTarget(name: "MediaTests", dependencies: ["Media", "NAT", "Audio", "SDP", "TestLab"]),
        // Exports the allocation counter's malloc/calloc/realloc (AllocationCounter.swift) so
        // that they interpose glibc's for the whole test binary: the real-time proof.
        .testTarget(
            name: "AudioTests", dependencies: ["Audio", "TestLab"],
            linkerSettings: [.unsafeFlags(["-Xlinker", "--export-dynamic-symbol=malloc", "-Xlinker", "--export-dynamic-symbol=calloc",
                                           "-Xlinker", "--export-dynamic-symbol=realloc"])]
        ),
        .testTarget(name: "ControlTests", dependencies: ["Control", "UserAgent", "SIPMessage", "Media"]),
        .testTarget(name: "TUITests", dependencies: ["TUI", "UserAgent", "Control", "Media"]),
        .testTarget(name: "InteropTests", dependencies: ["TestLab"]),
        // Runs the built `pipit` executable; depending on it makes `swift build` build it first.
        .testTarget(name: "CLITests", dependencies: ["pipit", "UserAgent", "Control", "Media", "Audio", "TestLab"]),
    ],
    swiftLanguageModes: [.v6]
)
