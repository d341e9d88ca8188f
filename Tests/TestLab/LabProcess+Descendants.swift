import Foundation

extension LabProcess {
    /// The PIDs of every process below `pid` (children, their children, …), read from
    /// /proc. Kamailio forks its workers; when the lab has to SIGKILL the main process it
    /// kills these first, so no worker is left orphaned.
    static func descendants(of pid: pid_t) -> [pid_t] {
        var children: [pid_t: [pid_t]] = [:]
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        for entry in entries {
            guard let child = pid_t(entry), let parent = parentPID(of: child) else { continue }
            children[parent, default: []].append(child)
        }
        var result: [pid_t] = []
        var queue = children[pid] ?? []
        while let next = queue.popLast(), result.count < 10_000 {
            result.append(next)
            queue += children[next] ?? []
        }
        return result
    }

    /// The PPID field of /proc/PID/stat (the fourth field; the second, the command name in
    /// parentheses, may itself hold spaces and parentheses).
    private static func parentPID(of pid: pid_t) -> pid_t? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return nil }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        return fields.count > 1 ? pid_t(fields[1]) : nil
    }
}
