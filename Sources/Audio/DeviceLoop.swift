import Glibc

/// A device's event loop run inside another thread's `poll`: the media loop adopts the
/// call device's loop, so that one thread, woken once, moves the device's audio and the
/// calls' (instead of the device's thread waking, then waking the media thread).
public protocol DeviceLoop: AnyObject {
    /// Polls `fds` (as `poll(2)`, up to `timeout` ms, -1 for ever) together with the
    /// device's own descriptors, then runs the device work that became due; returns how
    /// many of `fds` are ready, or -1.
    func poll(_ fds: UnsafeMutablePointer<pollfd>, count: Int, timeout: Int32) -> Int32
    /// Hands the loop back to the device's own thread (the adopter polls no more).
    func release()
}

extension AudioDevice {
    public func adoptLoop() -> (any DeviceLoop)? { nil }
}
