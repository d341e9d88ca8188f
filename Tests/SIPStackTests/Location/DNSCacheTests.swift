import Testing
@testable import SIPStack

private let q = DNSQuestion(name: "example.test", type: .a)
private let record = DNSRecord(name: "example.test", ttl: 60, data: .a("192.0.2.1"))

@Test func cacheEntriesExpireWithTheirTTL() {
    let t0 = ContinuousClock.now
    var cache = DNSCache()
    cache.store(.records([record]), for: q, ttl: 60, now: t0)
    #expect(cache.lookup(q, now: t0 + .seconds(59)) == .records([record]))
    #expect(cache.lookup(DNSQuestion(name: "EXAMPLE.test.", type: .a), now: t0) == .records([record]))
    #expect(cache.lookup(DNSQuestion(name: "example.test", type: .aaaa), now: t0) == nil)
    #expect(cache.lookup(q, now: t0 + .seconds(60)) == nil)
    #expect(cache.count == 0)
}

@Test func cacheRemembersMissingNamesForABoundedTime() {
    let t0 = ContinuousClock.now
    var cache = DNSCache(maxNegativeTTL: .seconds(10))
    cache.store(.nameNotFound, for: q, ttl: 3600, now: t0)
    #expect(cache.lookup(q, now: t0 + .seconds(9)) == .nameNotFound)
    #expect(cache.lookup(q, now: t0 + .seconds(10)) == nil)
    cache.store(.records([]), for: q, ttl: 3600, now: t0)  // no data: negative too
    #expect(cache.lookup(q, now: t0 + .seconds(11)) == nil)
    cache.store(.records([record]), for: q, ttl: 0, now: t0)
    #expect(cache.lookup(q, now: t0) == nil)
}

@Test func cacheStaysWithinItsSize() {
    let t0 = ContinuousClock.now
    var cache = DNSCache(maxEntries: 3)
    for i in 0..<10 {
        cache.store(.records([record]), for: DNSQuestion(name: "h\(i).test", type: .a), ttl: UInt32(100 + i), now: t0)
    }
    #expect(cache.count == 3)
    // The longest-lived entries stay.
    #expect(cache.lookup(DNSQuestion(name: "h9.test", type: .a), now: t0) != nil)
    #expect(cache.lookup(DNSQuestion(name: "h0.test", type: .a), now: t0) == nil)
}
