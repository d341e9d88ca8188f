#if canImport(Glibc)
import Glibc
#endif
import NIOPosix

/// How a hook run went: its standard output (for the incoming-call action) and, for the
/// log, how it ended and the start of its standard error.
public struct HookResult: Sendable, Equatable {
    public enum Ending: Sendable, Equatable {
        case exited(Int32)
        case signalled(Int32)
        case timedOut
        case couldNotStart(String)
    }
    public var ending: Ending
    public var output: [UInt8]
    public var errorOutput: [UInt8]

    public var succeeded: Bool { ending == .exited(0) }

    /// One line for the log: how it ended and the first line of standard error.
    public func summary(_ command: HookCommand, timeout: Duration) -> String {
        let how = switch ending {
        case .exited(let status): "exited with status \(status)"
        case .signalled(let signal): "was killed by signal \(signal)"
        case .timedOut: "did not finish within \(timeout) and was stopped"
        case .couldNotStart(let reason): "could not be started: \(reason)"
        }
        let firstError = String(decoding: errorOutput.prefix { $0 != 0x0A }, as: UTF8.self)
            .filter { !$0.isNewline && $0 != "\0" }
        return "`\(command.program)` \(how)" + (firstError.isEmpty ? "" : ": \(firstError.prefix(200))")
    }
}

/// Runs a hook program on threads of its own, never on the caller's: no shell, standard
/// input on /dev/null, the user's environment plus `variables`.
public enum HookRunner {
    /// One thread per hook that may run at once: a waiting hook blocks its thread for up to
    /// the timeout, and must not hold up the shared pool (`password_command`, file I/O).
    static let pool: NIOThreadPool = {
        let pool = NIOThreadPool(numberOfThreads: HookBook.maxRunning)
        pool.start()
        return pool
    }()

    /// Standard output past this is read and dropped (only the first line matters).
    public static let maxOutput = 4096
    /// Standard error kept for the log.
    public static let maxErrorOutput = 1024

    public static func run(_ command: HookCommand, variables: [String: String], timeout: Duration) async -> HookResult {
        let environment = environment(inherited: currentEnvironment(), variables: variables)
        let arguments = [command.program] + command.arguments
        do {
            return try await pool.runIfActive {
                let outcome = ChildProcess.run(arguments, environment: environment, timeout: timeout,
                                               maxOutput: maxOutput, maxErrorOutput: maxErrorOutput)
                let ending: HookResult.Ending = switch outcome.ending {
                case .exited(let status): .exited(status)
                case .signalled(let signal): .signalled(signal)
                case .timedOut: .timedOut
                case .couldNotStart(let reason): .couldNotStart(reason)
                }
                return HookResult(ending: ending, output: outcome.output, errorOutput: outcome.errorOutput)
            }
        } catch {
            return HookResult(ending: .couldNotStart("no thread to wait on (\(error))"), output: [], errorOutput: [])
        }
    }

    /// `NAME=value` strings: the inherited ones without any stale `PIPIT_` variable, then
    /// `variables` (sorted, for a stable order).
    static func environment(inherited: [String], variables: [String: String]) -> [String] {
        inherited.filter { !$0.hasPrefix("PIPIT_") } + variables.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
    }

    static func currentEnvironment() -> [String] {
        var out: [String] = []
        guard var cursor = Optional(environ) else { return out }
        while let entry = cursor.pointee {
            out.append(String(cString: entry))
            cursor = cursor.advanced(by: 1)
        }
        return out
    }
}
