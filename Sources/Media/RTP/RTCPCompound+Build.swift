extension RTCPCompound {
    /// Builds the compound packet a session sends every interval (RFC 3550 §6.1): an SR
    /// when `senderInfo` is given (we sent RTP since the report before last), else an RR;
    /// then SDES with our CNAME; then BYE with `byeReason` when `leaving`. Returns the
    /// length written at the start of `buffer`.
    public static func build(into buffer: UnsafeMutableRawBufferPointer, ssrc: UInt32,
                             senderInfo: RTCPSenderInfo?, reportBlocks: some Collection<RTCPReportBlock>,
                             cname: String, leaving: Bool = false, byeReason: String? = nil) throws(PacketWriteError) -> Int {
        var writer = RTCPWriter(buffer)
        if let senderInfo {
            try writer.senderReport(ssrc: ssrc, info: senderInfo, blocks: reportBlocks)
        } else {
            try writer.receiverReport(ssrc: ssrc, blocks: reportBlocks)
        }
        try writer.sourceDescription(ssrc: ssrc, cname: cname)
        if leaving {
            try writer.goodbye(ssrcs: CollectionOfOne(ssrc), reason: byeReason)
        }
        return writer.count
    }
}
