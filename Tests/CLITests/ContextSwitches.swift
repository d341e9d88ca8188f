import Foundation

/// The kernel's count of context switches of every thread of a process so far, from
/// /proc/PID/task/*/status (threads that already ended are not counted).
enum ContextSwitches {
    /// Voluntary (the thread blocked) and involuntary (it was preempted) switches, or only
    /// the voluntary ones: those count hand-overs, whatever else loads the machine.
    static func total(of pid: Int32, voluntaryOnly: Bool = false) throws -> Int {
        let fields = voluntaryOnly ? ["voluntary_ctxt_switches:"] : ["voluntary_ctxt_switches:", "nonvoluntary_ctxt_switches:"]
        var total = 0
        for task in try FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task") {
            guard let status = try? String(contentsOfFile: "/proc/\(pid)/task/\(task)/status", encoding: .utf8) else { continue }
            for line in status.split(separator: "\n") where fields.contains(where: { line.hasPrefix($0) }) {
                total += Int(line.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) ?? 0
            }
        }
        return total
    }
}
