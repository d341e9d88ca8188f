#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads the configuration file and its permission bits from one open descriptor, so the
/// mode checked is the mode of the bytes read.
enum ConfigFile {
    static func load(_ path: String) throws(ConfigError) -> (bytes: [UInt8], mode: UInt32) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .unreadable(path: path, reason: reason(errno)) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .unreadable(path: path, reason: reason(errno)) }
        guard info.st_mode & S_IFMT == S_IFREG else { throw .unreadable(path: path, reason: "not a regular file") }
        guard info.st_size <= ConfigLoader.maxFileSize else {
            throw .unreadable(path: path, reason: "larger than \(ConfigLoader.maxFileSize >> 20) MiB")
        }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16384)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw .unreadable(path: path, reason: reason(errno))
            }
            if n == 0 { break }
            bytes.append(contentsOf: chunk[..<n])
            guard bytes.count <= ConfigLoader.maxFileSize else {
                throw .unreadable(path: path, reason: "larger than \(ConfigLoader.maxFileSize >> 20) MiB")
            }
        }
        return (bytes, UInt32(info.st_mode) & 0o7777)
    }

    static func reason(_ code: Int32) -> String {
        switch code {
        case ENOENT: "no such file"
        case EACCES: "permission denied"
        case EISDIR: "is a directory"
        default: String(cString: strerror(code))
        }
    }
}
