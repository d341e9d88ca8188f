import NIOPosix

/// Why `password_command` gave no password. Descriptions name the command and the
/// account's fix, never anything the command printed.
public enum PasswordCommandError: Error, Sendable, Equatable, CustomStringConvertible {
    case couldNotStart(command: String, reason: String)
    /// Exited with a status other than 0.
    case failed(command: String, status: Int32)
    case killedBySignal(command: String, signal: Int32)
    /// Still running after the timeout; it was killed (with its process group).
    case timedOut(command: String, after: Duration)
    /// Exited 0 but its first line was empty.
    case emptyOutput(command: String)

    public var description: String {
        switch self {
        case .couldNotStart(let c, let reason): "password_command `\(c)` could not be started: \(reason)"
        case .failed(let c, let status): "password_command `\(c)` failed with exit status \(status)"
        case .killedBySignal(let c, let signal): "password_command `\(c)` was killed by signal \(signal)"
        case .timedOut(let c, let timeout): "password_command `\(c)` did not finish within \(timeout) and was stopped"
        case .emptyOutput(let c): "password_command `\(c)` printed no password (its first line is empty)"
        }
    }
}

/// Runs `password_command` (`pass show sip/alice`): `/bin/sh -c COMMAND` with standard
/// input and error on /dev/null, in its own process group; the first line of its standard
/// output is the password. The wait happens on NIO's blocking-I/O thread pool.
public enum PasswordCommand {
    public static let defaultTimeout: Duration = .seconds(10)
    /// Output past this is read and dropped (only the first line matters).
    static let maxOutput = 64 * 1024

    public static func run(_ command: String, timeout: Duration = defaultTimeout) async throws(PasswordCommandError) -> Secret {
        let result: Result<Secret, PasswordCommandError>
        do {
            result = try await NIOThreadPool.singleton.runIfActive {
                ChildProcess.runShell(command, timeout: timeout, maxOutput: maxOutput).flatMap { output in
                    firstLine(of: output, command: command)
                }
            }
        } catch {
            throw .couldNotStart(command: command, reason: "no thread to wait on (\(error))")
        }
        return try result.get()
    }

    /// The first line (without CR), or `emptyOutput`.
    static func firstLine(of output: [UInt8], command: String) -> Result<Secret, PasswordCommandError> {
        var line = output.prefix { $0 != 0x0A }
        if line.last == 0x0D { line = line.dropLast() }
        guard !line.isEmpty else { return .failure(.emptyOutput(command: command)) }
        return .success(Secret(String(decoding: line, as: UTF8.self)))
    }
}

extension PasswordSource {
    /// The password: the literal, or what `password_command` prints.
    public func resolve(timeout: Duration = PasswordCommand.defaultTimeout) async throws(PasswordCommandError) -> Secret {
        switch self {
        case .literal(let secret): secret
        case .command(let command): try await PasswordCommand.run(command, timeout: timeout)
        }
    }
}
