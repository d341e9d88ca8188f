import Hashing
import Testing
@testable import NAT

@Suite(.timeLimit(.minutes(1)))
struct ICEConsentRestartTests {
    /// Runs the agent's timers to `end`, answering consent checks while `answering` holds.
    static func runConsent(_ agent: inout ICEAgent, from start: ContinuousClock.Instant, to end: ContinuousClock.Instant,
                           answering: (ContinuousClock.Instant) -> Bool) -> (checks: [ContinuousClock.Instant], outputs: [ICEOutput], lostAt: ContinuousClock.Instant?) {
        var now = start
        var times: [ContinuousClock.Instant] = []
        var outputs: [ICEOutput] = []
        var lostAt: ContinuousClock.Instant?
        for _ in 0..<1000 {
            guard let next = agent.nextDeadline, next <= end else { break }
            now = next
            agent.tick(now: now)
            for output in agent.takeOutputs() {
                outputs.append(output)
                if output == .consentLost(component: 1) { lostAt = now }
                guard case .sendCheck(let check) = output, check.isConsent else { continue }
                times.append(now)
                if answering(now) { agent.receiveResponse(success(to: check, mapped: ta("10.0.0.2:5000")), now: now + .milliseconds(20)) }
            }
        }
        return (times, outputs, lostAt)
    }

    @Test func consentChecksEveryFourToSixSecondsWhileAnswered() throws {
        var (agent, selectedAt) = try ICENominationTests.completedControlling()
        _ = agent.takeOutputs()
        let run = Self.runConsent(&agent, from: selectedAt, to: selectedAt + .seconds(120)) { _ in true }
        #expect(run.checks.count >= 20)
        let gaps = zip([selectedAt] + run.checks, run.checks).map { $1 - $0 }
        #expect(gaps.allSatisfy { $0 >= .seconds(4) && $0 <= .seconds(6) })
        #expect(Set(gaps).count > 3)  // randomised
        #expect(!run.outputs.contains(.consentLost(component: 1)))
        #expect(agent.state == .completed && agent.hasConsent(component: 1))
    }

    @Test func consentIsLostAfterThirtySecondsWithoutAnswers() throws {
        var (agent, selectedAt) = try ICENominationTests.completedControlling()
        _ = agent.takeOutputs()
        let silentFrom = selectedAt + .seconds(10)
        let run = Self.runConsent(&agent, from: selectedAt, to: selectedAt + .seconds(60)) { $0 < silentFrom }
        #expect(run.outputs.contains(.consentLost(component: 1)))
        #expect(run.outputs.contains(.failed(.consentLost(component: 1))))
        #expect(!agent.hasConsent(component: 1))
        let lastAnswer = try #require(run.checks.last { $0 < silentFrom })
        // Lost 30 s after the last answer (which came 20 ms after its check), with the
        // unanswered checks going out every 4–6 s meanwhile.
        #expect(run.lostAt == lastAnswer + .milliseconds(20) + .seconds(30))
        #expect(run.checks.filter { $0 > lastAnswer }.count >= 4)
        guard case .failed(let failure) = agent.state else {
            Issue.record("expected failure")
            return
        }
        #expect(failure.description.contains("consent"))
    }

    @Test func restartKeepsMediaOnTheOldPairUntilANewOneIsSelected() throws {
        var net = SimulatedNetwork()
        net.addSite(.test(role: .controlling, seed: 41), sockets: ["192.168.1.10:5000"], lan: "home")
        net.addSite(.test(role: .controlled, seed: 42), sockets: ["192.168.1.20:6000"], lan: "home")
        net.exchangeDescriptions()
        net.run(for: .seconds(10))
        let old = try #require(net.selected(0))
        let oldCredentials = net.sites[0].agent.localCredentials
        var generator = SplitMix64(seed: 99)
        net.sites[0].agent.restart(using: &generator)
        net.sites[1].agent.restart(using: &generator)
        #expect(net.sites[0].agent.localCredentials != oldCredentials)
        #expect(net.sites[0].agent.state == .new)
        // Media continues on the old pair, and consent on it keeps working meanwhile.
        #expect(net.selected(0) == old && net.sites[0].agent.hasConsent(component: 1))
        #expect(net.sites[0].agent.key(forUsername: oldCredentials.ufrag + ":x") == oldCredentials.pwd)
        net.sites[0].events.removeAll()
        net.run(for: .seconds(12), untilSettled: false)
        #expect(net.sites[0].agent.hasConsent(component: 1) && net.sites[1].agent.hasConsent(component: 1))
        #expect(net.sites[0].events.isEmpty)
        net.exchangeDescriptions()
        net.run(for: .seconds(10))
        #expect(net.sites[0].agent.state == .completed && net.sites[1].agent.state == .completed)
        #expect(net.sites[0].events.contains { if case .selected = $0 { true } else { false } })
        #expect(net.agree)
        #expect(net.sites[0].agent.key(forUsername: oldCredentials.ufrag + ":x") == nil)
    }

    @Test func restartAfterANetworkChangeMovesToTheNewAddress() throws {
        var net = SimulatedNetwork()
        net.addSite(.test(role: .controlling, seed: 51), sockets: ["192.168.1.10:5000"], lan: "home", turn: false)
        net.addSite(.test(role: .controlled, seed: 52), sockets: ["192.168.1.20:6000"], lan: "home", turn: false)
        net.exchangeDescriptions()
        net.run(for: .seconds(10))
        #expect(net.selected(0)?.local.address == ta("192.168.1.10:5000"))
        // The laptop moves to another address: drop the old candidates, gather anew, restart.
        var generator = SplitMix64(seed: 7)
        net.sites[0].agent.restart(using: &generator)
        net.sites[0].agent.removeLocalCandidates { $0.base.host == "192.168.1.10" }
        #expect(net.sites[0].agent.localCandidates.isEmpty)
        net.sites[0].sockets = [ta("192.168.1.11:5000")]
        net.sites[0].agent.gatherHostCandidates(interfaces: [ta("192.168.1.11:0")], ports: [5000])
        #expect(net.sites[1].agent.isRestart(net.sites[0].agent.description))
        net.sites[1].agent.restart(using: &generator)
        net.exchangeDescriptions()
        net.run(for: .seconds(10))
        #expect(net.sites[0].agent.state == .completed && net.sites[1].agent.state == .completed)
        #expect(net.selected(0)?.local.address == ta("192.168.1.11:5000"))
        #expect(net.selected(1)?.remote.address == ta("192.168.1.11:5000"))
        #expect(net.agree)
    }
}
