import Glibc

/// Names the calling thread as `top -H`, `ps -L` and /proc show it (Linux keeps at most
/// 15 bytes). A thread started with `pthread_create` inherits its creator's name, so
/// without this the media thread shows as the SIP event loop's `NIO-SGLTN-1-#1`.
public enum ThreadName {
    public static func setCurrent(_ name: String) {
        _ = setThreadName(pthread_self(), String(name.utf8.prefix(15)) ?? "pipit")
    }
}

/// glibc's `pthread_setname_np` (a GNU extension the Glibc module does not show).
@_silgen_name("pthread_setname_np")
private func setThreadName(_ thread: pthread_t, _ name: UnsafePointer<CChar>) -> Int32
