#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension StoreError {
    static func errnoText(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "error" }
        return String(cString: text)
    }
}
