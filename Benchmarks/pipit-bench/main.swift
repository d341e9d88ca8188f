// pipit-bench: figures for `make bench` (Benchmarks/run prints them beside libre, oSIP
// and baresip).
//   pipit-bench parse SECONDS FILE...  →  "pipit <file> <messages per second>" per file
//   pipit-bench serve LISTEN           →  a SIP stack answering every request 200 OK until
//                                         killed; prints "ready <port>" once listening
//   pipit-bench kamailio USER:PW...    →  the lab's Kamailio registrar; "ready HOST:PORT",
//                                         stops when standard input closes
//   pipit-bench relay [--loss PERCENT] …  →  the lab's impairment relay (see Relay.swift)
//   pipit-bench audio                  →  the device path on the lab's PulseAudio: round
//                                         trip, underruns and idle CPU (AudioPath.swift)
//
// Each iteration does the work libre's sip_msg_decode does: frame the message, index
// every header, and decode the Request-URI, the top Via, From, To, CSeq, Call-ID,
// Max-Forwards, Content-Type and Expires.
import NIOPosix
import SIPMessage
import SIPStack
#if canImport(Glibc)
import Glibc
#endif

func load(_ path: String) -> [UInt8] {
    guard let file = fopen(path, "rb") else { fatalError("cannot open \(path)") }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 65536)
    while true {
        let n = fread(&chunk, 1, chunk.count, file)
        if n == 0 { break }
        bytes += chunk[0..<n]
    }
    return bytes
}

/// Parses and decodes; returns something derived from the result so nothing is optimized away.
@inline(never)
func decode(_ bytes: [UInt8]) throws -> Int {
    let message = try SIPMessage.parse(bytes)
    var sum = 0
    if case .request(let request) = message {
        sum &+= try request.uri.description.utf8.count
    }
    let top = try message.headers.field("Via").map { try Via.parseList($0.value).first }
    sum &+= top??.branch?.utf8.count ?? 0
    sum &+= try message.from?.tag?.utf8.count ?? 0
    sum &+= try message.to?.parameters.count ?? 0
    sum &+= Int(try message.cseq?.number ?? 0)
    sum &+= try message.callID?.description.utf8.count ?? 0
    sum &+= Int(try message.maxForwards?.value ?? 0)
    sum &+= try message.contentType?.subtype.utf8.count ?? 0
    sum &+= Int(try message.expires?.seconds ?? 0)
    return sum &+ message.body.count
}

func benchParse(seconds: Double, files: [String]) throws {
    let clock = ContinuousClock()
    for path in files {
        let bytes = load(path)
        var count = 0
        var sink = 0
        let start = clock.now
        let end = start + .milliseconds(Int(seconds * 1000))
        var now = start
        while now < end {
            for _ in 0..<1000 { sink &+= try decode(bytes) }
            count += 1000
            now = clock.now
        }
        let elapsed = (now - start) / .seconds(1)
        let name = path.split(separator: "/").last.map(String.init) ?? path
        print("pipit \(name) \(Int(Double(count) / elapsed))")
        if sink == 42 { print("") } // keeps `sink` alive
    }
}

let args = CommandLine.arguments
if args.count == 3, args[1] == "serve" {
    try await serve(listen: args[2])
} else if args.count >= 3, args[1] == "kamailio" {
    try await runKamailio(Array(args[2...]))
} else if args.count == 2, args[1] == "audio" {
    try await runAudioBench()
} else if args.count >= 2, args[1] == "relay" {
    exit(relay(Array(args[2...])))
} else if args.count >= 4, args[1] == "parse", let seconds = Double(args[2]) {
    try benchParse(seconds: seconds, files: Array(args[3...]))
} else {
    print("usage: pipit-bench parse SECONDS FILE... | pipit-bench serve LISTEN | pipit-bench audio | pipit-bench kamailio USER:PW... | pipit-bench relay [--loss PERCENT] [--burst-length N] [--jitter MS] [--jitter-kind uniform|pareto] [--seed N]")
    exit(2)
}
