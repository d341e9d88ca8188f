@testable import SIPStack

/// A resolver answering from a table and logging the questions asked.
actor FakeDNSResolver: DNSResolving {
    private var table: [DNSQuestion: [DNSRecord]] = [:]
    private var missing: Set<String> = []
    private(set) var asked: [DNSQuestion] = []

    init() {}

    func add(_ name: String, _ data: DNSRecordData...) {
        for d in data {
            let record = DNSRecord(name: name, ttl: 300, data: d)
            table[DNSQuestion(name: name, type: record.type), default: []].append(record)
        }
    }

    func markMissing(_ name: String) { missing.insert(name) }

    func resolve(_ name: String, _ type: DNSRecordType) async throws -> [DNSRecord] {
        let question = DNSQuestion(name: name, type: type)
        asked.append(question)
        if missing.contains(question.name) { throw DNSError.nameNotFound(question) }
        return table[question] ?? []
    }
}

/// Short names for expected targets in location tests.
enum Located {
    static func udp(_ a: String, _ p: UInt16 = 5060, _ name: String? = "example.test") -> SIPTarget { SIPTarget(transport: .udp, address: a, port: p, serverName: name) }
    static func tcp(_ a: String, _ p: UInt16 = 5060, _ name: String? = "example.test") -> SIPTarget { SIPTarget(transport: .tcp, address: a, port: p, serverName: name) }
    static func tls(_ a: String, _ p: UInt16 = 5061, _ name: String? = "example.test") -> SIPTarget { SIPTarget(transport: .tls, address: a, port: p, serverName: name) }
}
