// The pure RTP/RTCP layer of the media engine: values in, values out, time passed in.
// Nothing here opens a socket, reads a clock or starts a thread.
//
// How the media thread uses it (one stream, rtcp-mux, one socket):
//
//   per datagram received (arrival = ContinuousClock.now):
//     PacketClassifier.classify(bytes)            → .stun / .dtls → NAT or DTLS layer
//     .rtp:  let p = try RTPPacket.parse(bytes)   (no allocation; payload is a range)
//            switch stats.received(p, arrival:)   (ReceiverStatistics, one per call)
//            .accepted, .reordered, .restarted    → jitter buffer gets bytes[p.payload]
//            .newSource                          → jitter buffer restarts, then gets it
//     .rtcp: var r = RTCPReader(bytes); while let packet = try r.next() { … }
//            SR from the peer    → stats.senderReportReceived(ntp:at:)
//            blocks about us     → quality.update(fromPeerReport:clockRate:arrival:) (RTT)
//            scheduler.reportReceived(size:)
//
//   every ptime: let h = sender.nextPacket(payloadBytes:now:)    (RTPSender)
//                try h.write(into: buffer); encoder writes the payload after it
//
//   when scheduler.isDue(now:) and scheduler.timerExpired(now:random:):
//     RTCPCompound.build(into:ssrc:senderInfo: weSent ? sender.senderInfo(ntp:now:) : nil,
//                        reportBlocks: stats.makeReportBlock(now:) as one block, cname:)
//     scheduler.reportSent(size:now:random:)
//
//   for the UI: CallQuality.update(from: stats), plus jitter-buffer figures, then
//   quality.estimatedMOS(codec:) (EModel).
