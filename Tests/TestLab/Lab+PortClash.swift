import Foundation

extension LabError {
    /// Whether this is a peer that ended because a port it was given got taken first.
    var isPortClash: Bool {
        if case .portInUse = self { return true }
        return false
    }
}

extension Lab {
    /// Runs `start` again (up to `attempts` times, with whatever new ports it picks) when
    /// the peer lost the race for a port: between the lab asking the kernel for a free
    /// port and the peer binding it, another socket (often an outgoing connection's
    /// ephemeral port) may take it.
    func retryingPortClash<T>(attempts: Int = 3, _ start: () async throws -> T) async throws -> T {
        var attempt = 1
        while true {
            do {
                return try await start()
            } catch let error as LabError where error.isPortClash && attempt < attempts {
                attempt += 1
            }
        }
    }
}

extension LabProcess {
    /// `error` as `LabError.portInUse` when this process has ended complaining that an
    /// address was in use; otherwise `error` unchanged.
    func portClash(_ error: Error) -> Error {
        guard status != nil, log().localizedCaseInsensitiveContains("address already in use") else { return error }
        return LabError.portInUse(name)
    }
}
