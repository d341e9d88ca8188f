import CAlsa
import Glibc

/// ALSA PCMs as alsa-lib's hints list them (`default`, `sysdefault:CARD=…`,
/// `plughw:CARD=…,DEV=0`, plugins such as `pulse` or `null`).
public enum AlsaDeviceList {
    /// Every PCM hint, once per direction it supports.
    public static func list() throws(AudioError) -> [AudioDeviceInfo] {
        let snd = try AlsaFunctions.load(device: "alsa", operation: "list")
        var hints: UnsafeMutablePointer<UnsafeMutableRawPointer?>?
        let status = snd.device_name_hint(-1, "pcm", &hints)
        guard status >= 0, let hints else {
            throw AudioError(device: "alsa", operation: "list", reason: snd.message(status))
        }
        defer { _ = snd.device_name_free_hint(hints) }
        var devices: [AudioDeviceInfo] = []
        var cursor = hints
        while let hint = cursor.pointee {
            cursor += 1
            guard let name = value(snd, hint, "NAME") else { continue }
            let description = (value(snd, hint, "DESC") ?? name).split(separator: "\n").joined(separator: ", ")
            // No IOID means both directions.
            let io = value(snd, hint, "IOID")
            for direction in [AudioDirection.capture, .playback]
            where io == nil || io == (direction == .capture ? "Input" : "Output") {
                devices.append(AudioDeviceInfo(name: name, description: description, direction: direction,
                                               isDefault: name == "default"))
            }
        }
        return devices
    }

    private static func value(_ snd: AlsaFunctions, _ hint: UnsafeMutableRawPointer, _ key: String) -> String? {
        guard let text = snd.device_name_get_hint(hint, key) else { return nil }
        defer { free(text) }
        return String(cString: text)
    }
}
