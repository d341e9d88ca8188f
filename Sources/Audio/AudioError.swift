/// An audio device failed: which device, doing what, and why (the backend's own words).
public struct AudioError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The device's description (`pulse:alsa_output.usb-…`, `alsa:hw:1,0`, `wav:/tmp/x.wav`).
    public let device: String
    /// What pipit was doing (`connect`, `open`, `start`, `read`, `write`, `list`).
    public let operation: String
    /// The reason, usually the C library's error string.
    public let reason: String

    public init(device: String, operation: String, reason: String) {
        self.device = device
        self.operation = operation
        self.reason = reason
    }

    public var description: String { "audio device \(device): \(operation) failed: \(reason)" }
}
