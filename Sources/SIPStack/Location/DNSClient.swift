import NIOCore
import NIOPosix

/// A stub resolver on SwiftNIO: UDP, again over TCP when the answer is truncated, each
/// nameserver in turn for `attempts` rounds, with a TTL cache on an injected clock.
public actor DNSClient: DNSResolving {
    public let configuration: ResolvConf
    private let group: any EventLoopGroup
    private let now: @Sendable () -> ContinuousClock.Instant
    private let randomID: @Sendable () -> UInt16
    private var cache: DNSCache
    /// CNAME chains longer than this are refused as loops.
    static let maxCNAMEs = 8

    /// - Parameters:
    ///   - configuration: nameservers, timeout and attempts (tests pass a loopback server and port).
    ///   - now: the clock the cache ages entries by.
    ///   - randomID: the query id generator (RFC 5452: ids should be unpredictable).
    public init(configuration: ResolvConf = .load(), group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
                cache: DNSCache = DNSCache(), now: @escaping @Sendable () -> ContinuousClock.Instant = { .now },
                randomID: @escaping @Sendable () -> UInt16 = { .random(in: .min ... .max) }) {
        self.configuration = configuration
        self.group = group
        self.cache = cache
        self.now = now
        self.randomID = randomID
    }

    /// The records of `type` for `name`, from the cache or the nameservers.
    public func resolve(_ name: String, _ type: DNSRecordType) async throws -> [DNSRecord] {
        try await lookup(DNSQuestion(name: name, type: type))
    }

    /// Typed-error form of `resolve`.
    public func lookup(_ question: DNSQuestion) async throws(DNSError) -> [DNSRecord] {
        switch cache.lookup(question, now: now()) {
        case .records(let records): return records
        case .nameNotFound: throw .nameNotFound(question)
        case nil: break
        }
        let message = try await query(question)
        if message.rcode == DNSMessage.nameError {
            cache.store(.nameNotFound, for: question, ttl: Self.negativeTTL(message), now: now())
            throw .nameNotFound(question)
        }
        let (records, ttl) = Self.answers(to: question, in: message)
        cache.store(.records(records), for: question, ttl: records.isEmpty ? Self.negativeTTL(message) : ttl, now: now())
        return records
    }

    /// Sends `question` to the nameservers without the cache and returns the first usable
    /// answer (NOERROR or NXDOMAIN; the caller reads `rcode`).
    public func query(_ question: DNSQuestion) async throws(DNSError) -> DNSMessage {
        do { _ = try DNSName.encode(question.name) } catch { throw .badName(error) }
        var lastError = DNSError.timeout(question)
        for _ in 0..<configuration.attempts {
            for server in configuration.nameservers {
                // A fresh id for every send, so a late answer to an earlier one is not taken.
                let query = DNSQuery(question, randomID: randomID)
                let bytes: [UInt8]
                do { bytes = try query.encoded() } catch { throw .badName(error) }
                let address: SocketAddress
                do {
                    address = try SocketAddress(ipAddress: server.address, port: Int(server.port))
                } catch {
                    lastError = .transport(question, "bad nameserver \(server)")
                    continue
                }
                let message: DNSMessage
                do throws(DNSExchange.Failure) {
                    message = try await exchange(query, bytes: bytes, with: address)
                } catch {
                    switch error {
                    case .timeout: continue  // keep the more telling error of another server
                    case .malformed(let parseError): lastError = .malformed(question, parseError)
                    case .transport(let why): lastError = .transport(question, why)
                    }
                    continue
                }
                switch message.rcode {
                case DNSMessage.noError, DNSMessage.nameError: return message
                default: lastError = .serverFailure(question, rcode: message.rcode)
                }
            }
        }
        throw lastError
    }

    /// UDP first; TCP when the answer came back truncated.
    private func exchange(_ query: DNSQuery, bytes: [UInt8], with address: SocketAddress) async throws(DNSExchange.Failure) -> DNSMessage {
        let message = try await DNSExchange.udp(query, bytes: bytes, to: address, timeout: configuration.timeout,
                                                on: group.next())
        guard message.isTruncated else { return message }
        return try await DNSExchange.tcp(query, bytes: bytes, to: address, timeout: configuration.timeout,
                                         on: group.next())
    }

    /// The answer records of the asked type along the CNAME chain from the asked name, and
    /// the smallest TTL on that chain.
    static func answers(to question: DNSQuestion, in message: DNSMessage) -> ([DNSRecord], UInt32) {
        var name = question.name
        var ttl = UInt32.max
        for _ in 0...maxCNAMEs {
            let found = message.answers.filter { $0.name == name && $0.type == question.type }
            if !found.isEmpty { return (found, found.reduce(ttl) { min($0, $1.ttl) }) }
            guard let alias = message.answers.first(where: { $0.name == name && $0.type == .cname }),
                  case .cname(let target) = alias.data else { break }
            ttl = min(ttl, alias.ttl)
            name = target
        }
        return ([], 0)
    }

    /// RFC 2308 §5: the SOA's TTL, no more than its minimum field; zero without a SOA.
    static func negativeTTL(_ message: DNSMessage) -> UInt32 {
        for record in message.authority {
            if case .soa(let minimum) = record.data { return min(record.ttl, minimum) }
        }
        return 0
    }
}
