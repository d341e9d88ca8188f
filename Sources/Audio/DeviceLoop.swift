import Glibc

/// A device's event loop run inside another thread's `poll`: the media loop adopts the
/// call device's loop, so that one thread, woken once, moves the device's audio and the
/// calls' (instead of the device's thread waking, then waking the media thread).
public protocol DeviceLoop: AnyObject {
    /// Polls `fds` (as `poll(2)`, up to `timeout` ms, -1 for ever) together with the
    /// device's own descriptors, then runs the device work that became due; returns how
    /// many of `fds` are ready, or -1. For the first `deviceAfter` ms only `fds` are
    /// watched: what the device has for us then waits (the caller knows when its next
    /// block of audio is due, and one wake-up serves all that came before it).
    func poll(_ fds: UnsafeMutablePointer<pollfd>, count: Int, timeout: Int32, deviceAfter: Int32) -> Int32
    /// How much audio the device captures before it hands it over, ms (the media loop
    /// waits for that much rather than waking for every piece of it).
    var fragmentMilliseconds: Int { get }
    /// Whether the last `poll` slept while it watched the device (false: what woke it was
    /// there as soon as the device was looked at).
    var waitedForDevice: Bool { get }
    /// After the caller produced audio for the device: hands it over now.
    func flush()
    /// Hands the loop back to the device's own thread (the adopter polls no more).
    func release()
}

extension AudioDevice {
    public func adoptLoop() -> (any DeviceLoop)? { nil }
}
