/// Cuts SIP messages out of a TCP or TLS byte stream (RFC 3261 §18.3).
///
/// Feed whatever the socket delivered with `append`, then call `next` until it returns
/// nil. Any split of the stream gives the same messages: partial reads at every byte,
/// several messages in one read, CRLFs between messages. Every message must carry
/// Content-Length. Buffering is bounded: a message whose header or whole size passes
/// `limits.maxMessageSize` fails instead of waiting forever.
///
/// Keep-alives (RFC 5626 §3.5.1) are reported between messages: a double CRLF is a ping,
/// a single CRLF a pong. A lone CRLF at the end of what has arrived is reported as a pong
/// at once (a client waits for exactly that), so a ping split between its two CRLFs reads
/// as two pongs.
///
/// After an error the stream cannot be resynchronised; every later `next` throws it again.
public struct SIPStreamFramer: Sendable {
    /// What `next` found.
    public enum Item: Sendable, Equatable {
        case message(SIPMessage)
        /// CRLFCRLF: the peer asks for a pong.
        case keepAlivePing
        /// A single CRLF: the answer to a ping.
        case keepAlivePong
    }

    private enum State: Sendable {
        /// Between messages.
        case boundary
        /// In a header section that began at `readIndex`; the end search resumes at `resume`.
        case head(resume: Int)
        /// Header section read; waiting for `length` body bytes starting at `bodyStart`.
        case body(head: MessageHead, bodyStart: Int, length: Int)
    }

    public let limits: SIPLimits
    private var buffer: [UInt8] = []
    private var readIndex = 0
    private var state = State.boundary
    private var failure: SIPParseError?

    public init(limits: SIPLimits = .init()) {
        self.limits = limits
    }

    /// Bytes buffered and not yet returned as items.
    public var bufferedByteCount: Int { buffer.count - readIndex }

    /// Adds bytes received from the stream.
    public mutating func append(_ bytes: some Sequence<UInt8>) {
        buffer.append(contentsOf: bytes)
    }

    /// The next complete item, or nil when more bytes are needed.
    public mutating func next() throws(SIPParseError) -> Item? {
        if let failure { throw failure }
        do throws(SIPParseError) {
            return try step()
        } catch {
            failure = error
            throw error
        }
    }

    private mutating func step() throws(SIPParseError) -> Item? {
        while true {
            switch state {
            case .boundary:
                compactIfWorthwhile()
                let available = buffer.count - readIndex
                guard available > 0 else { return nil }
                let c = buffer[readIndex]
                if c == WireByte.cr || c == WireByte.lf {
                    return try keepAlive(available)
                }
                state = .head(resume: readIndex)
            case .head(var resume):
                guard let headEnd = HeaderScanner.findHeadEnd(buffer, start: readIndex, resumeFrom: &resume) else {
                    if buffer.count - readIndex > limits.maxMessageSize {
                        throw SIPParseError(
                            .tooLarge, at: streamOffset(readIndex),
                            "header section longer than \(limits.maxMessageSize) bytes")
                    }
                    state = .head(resume: resume)
                    return nil
                }
                guard headEnd - readIndex <= limits.maxMessageSize else {
                    throw SIPParseError(.tooLarge, at: streamOffset(readIndex), "header section longer than \(limits.maxMessageSize) bytes")
                }
                // The head gets its own buffer so the fields do not keep the stream buffer alive.
                let headBytes = Array(buffer[readIndex..<headEnd])
                let head: MessageHead
                do throws(SIPParseError) {
                    head = try MessageHead.parse(headBytes, from: 0, limits: limits)
                } catch {
                    throw error.shifted(by: streamOffset(readIndex))
                }
                guard let length = head.contentLength else {
                    throw SIPParseError(
                        .missingContentLength, at: streamOffset(readIndex),
                        "message on a stream transport has no Content-Length")
                }
                guard headEnd - readIndex + length <= limits.maxMessageSize else {
                    throw SIPParseError(
                        .tooLarge, at: streamOffset(readIndex) + head.contentLengthOffset,
                        "message of \(headEnd - readIndex + length) bytes exceeds \(limits.maxMessageSize)")
                }
                state = .body(head: head, bodyStart: headEnd, length: length)
            case .body(let head, let bodyStart, let length):
                guard buffer.count - bodyStart >= length else { return nil }
                let body = Array(buffer[bodyStart..<(bodyStart + length)])
                readIndex = bodyStart + length
                state = .boundary
                return .message(head.message(body: body))
            }
        }
    }

    /// Reads CRLFs at a message boundary as keep-alives.
    private mutating func keepAlive(_ available: Int) throws(SIPParseError) -> Item? {
        let r = readIndex
        if buffer[r] == WireByte.lf {
            readIndex += 1
            return .keepAlivePong
        }
        guard available >= 2 else { return nil }
        guard buffer[r + 1] == WireByte.lf else {
            throw SIPParseError(.malformedStartLine, at: streamOffset(r), "CR not followed by LF between messages")
        }
        if available == 2 {
            readIndex += 2
            return .keepAlivePong
        }
        if buffer[r + 2] == WireByte.cr {
            guard available >= 4 else { return nil }
            if buffer[r + 3] == WireByte.lf {
                readIndex += 4
                return .keepAlivePing
            }
        }
        readIndex += 2
        return .keepAlivePong
    }

    /// Total bytes dropped from the front of the buffer so far, for stream offsets in errors.
    private var consumedBefore = 0

    private func streamOffset(_ index: Int) -> Int { consumedBefore + index }

    /// Drops consumed bytes once they are the larger part of the buffer, keeping appends
    /// amortised O(1) and memory bounded by what is unread.
    private mutating func compactIfWorthwhile() {
        guard readIndex > 0 else { return }
        if readIndex == buffer.count {
            consumedBefore += readIndex
            buffer.removeAll(keepingCapacity: buffer.capacity <= 1 << 17)
            readIndex = 0
        } else if readIndex >= 4096, readIndex * 2 >= buffer.count {
            consumedBefore += readIndex
            buffer.removeFirst(readIndex)
            readIndex = 0
        }
    }
}
