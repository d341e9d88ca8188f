// libFuzzer target: the stream framer. The input is cut into reads at points taken
// from its own bytes; framing must not depend on where reads end.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSIPFramer(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let whole = frame(bytes, cuts: [bytes.count])
    let pieces = frame(bytes, cuts: bytes.indices.filter { bytes[$0] % 7 == 0 } + [bytes.count])
    precondition(whole == pieces, "framing depends on read boundaries")
    return 0
}

/// Feeds `bytes` in reads ending at `cuts`; returns what came out, an error ending the stream.
private func frame(_ bytes: [UInt8], cuts: [Int]) -> [String] {
    var framer = SIPStreamFramer(limits: SIPLimits())
    var out: [String] = []
    var start = 0
    for cut in cuts where cut >= start {
        framer.append(bytes[start..<cut])
        start = cut
        while true {
            do {
                guard let item = try framer.next() else { break }
                out.append("\(item)")
            } catch {
                out.append("error \(error.kind)")
                return out
            }
        }
    }
    return out
}
