/// Helpers behind the messages' equality and version checks.
enum VersionText {
    static func is20(_ version: String) -> Bool {
        let u = Array(version.utf8)
        return u.count == 7 && WireByte.lower(u[0]) == 0x73 && WireByte.lower(u[1]) == 0x69 && WireByte.lower(u[2]) == 0x70
            && u[3...].elementsEqual("/2.0".utf8)
    }
}

extension SIPHeaders {
    /// Field-by-field equality, skipping Content-Length fields on both sides.
    func equalIgnoringFraming(_ other: SIPHeaders) -> Bool {
        let a = fields.lazy.filter { $0.nameID != HeaderNameTable.contentLength }
        let b = other.fields.lazy.filter { $0.nameID != HeaderNameTable.contentLength }
        return a.elementsEqual(b)
    }
}
