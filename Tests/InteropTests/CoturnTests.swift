import Testing
import TestLab

@Suite struct CoturnTests {
    /// A STUN binding request gets our loopback address back.
    @Test(.timeLimit(.minutes(1)))
    func stunBindingAnswers() async throws {
        try await Lab.run { lab in
            let turn = try await lab.startCoturn()
            let stun = try await lab.execute("stunclient", .stunClient, ["-p", "\(turn.port)", "127.0.0.1"])
            #expect(stun.status == .exited(0), "\(stun.output)")
            #expect(stun.output.contains("UDP reflexive addr: 127.0.0.1:"), "\(stun.output)")
        }
    }

    /// A TURN allocation with the right long-term credentials relays packets; a wrong
    /// password is refused.
    @Test(.timeLimit(.minutes(1)))
    func turnAllocationNeedsTheRightPassword() async throws {
        try await Lab.run { lab in
            let turn = try await lab.startCoturn()
            func allocate(password: String) async throws -> (status: LabProcess.Status, output: String) {
                try await lab.execute("uclient", .turnClient, [
                    "-p", "\(turn.port)", "-u", turn.user, "-w", password, "-r", turn.realm,
                    "-e", "127.0.0.1", "-y", "-n", "1", "-m", "1", "-l", "100", "127.0.0.1",
                ])
            }
            let refused = try await allocate(password: "wrong")
            #expect(refused.status != .exited(0), "\(refused.output)")
            #expect(refused.output.contains("Cannot complete Allocation"), "\(refused.output)")

            let allowed = try await allocate(password: turn.password)
            #expect(allowed.status == .exited(0), "\(allowed.output)")
            #expect(allowed.output.contains("Total lost packets 0 (0.000000%)"), "\(allowed.output)")
            // The summary line "start_mclient: tot_send_msgs=N, tot_recv_msgs=M": M > 0.
            let received = allowed.output.split(separator: "\n").last { $0.contains("start_mclient: tot_send_msgs=") }
                .flatMap { $0.split(separator: "tot_recv_msgs=").last }.flatMap { Int($0) }
            #expect((received ?? 0) > 0, "\(allowed.output)")
        }
    }
}
