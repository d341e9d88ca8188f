import CAlsa
import Glibc

/// One open ALSA PCM at pipit's format: S16_LE, mono, interleaved, non-blocking, with
/// 10 ms periods and a buffer of the configured latency. `plughw:` and `default` convert
/// rates for us; `hw:` must support the rate itself.
final class AlsaPCM: @unchecked Sendable {
    /// alsa-lib, loaded by the first PCM opened.
    let snd: AlsaFunctions
    let handle: OpaquePointer
    let name: String
    let direction: AudioDirection
    /// Frames per period, as granted by the driver.
    let periodFrames: Int
    /// Frames in the whole buffer, as granted by the driver.
    let bufferFrames: Int
    private let configuration: OpaquePointer?

    /// Opens `name` (`default`, `hw:1,0`, `plughw:CARD=USB,DEV=0`, a PCM defined in
    /// `configurationText`, which replaces the system configuration when given).
    init(name: String, direction: AudioDirection, format: AudioFormat, latencyMilliseconds: Int,
         configurationText: String?) throws(AudioError) {
        self.name = name
        self.direction = direction
        let label = "alsa:\(name)"
        let snd = try AlsaFunctions.load(device: label, operation: "open \(direction)")
        self.snd = snd
        func check(_ status: Int32, _ what: String) throws(AudioError) {
            if status < 0 {
                throw AudioError(device: label, operation: "open \(direction)", reason: "\(what): \(snd.message(status))")
            }
        }
        var configuration: OpaquePointer?
        if let configurationText {
            try check(snd.config_top(&configuration), "snd_config_top")
            var input: OpaquePointer?
            let status = configurationText.withCString { text in
                snd.input_buffer_open(&input, text, Int(strlen(text)))
            }
            try check(status, "snd_input_buffer_open")
            let loaded = snd.config_load(configuration, input)
            _ = snd.input_close(input)
            if loaded < 0 { _ = snd.config_delete(configuration) }
            try check(loaded, "configuration")
        }
        let stream = direction == .capture ? SND_PCM_STREAM_CAPTURE : SND_PCM_STREAM_PLAYBACK
        var handle: OpaquePointer?
        let opened = configuration.map { snd.pcm_open_lconf(&handle, name, stream, SND_PCM_NONBLOCK, $0) }
            ?? snd.pcm_open(&handle, name, stream, SND_PCM_NONBLOCK)
        guard opened >= 0, let handle else {
            if let configuration { _ = snd.config_delete(configuration) }
            try check(opened < 0 ? opened : -EINVAL, "snd_pcm_open")
            throw AudioError(device: label, operation: "open \(direction)", reason: "no handle")
        }
        self.handle = handle
        self.configuration = configuration
        do {
            (periodFrames, bufferFrames) = try AlsaPCM.configure(snd, handle, format: format, latencyMilliseconds: latencyMilliseconds,
                                                                   direction: direction, check: check)
        } catch {
            _ = snd.pcm_close(handle)
            if let configuration { _ = snd.config_delete(configuration) }
            throw error
        }
    }

    private static func configure(_ snd: AlsaFunctions, _ pcm: OpaquePointer, format: AudioFormat, latencyMilliseconds: Int, direction: AudioDirection,
                                  check: (Int32, String) throws(AudioError) -> Void) throws(AudioError) -> (Int, Int) {
        var hardware: OpaquePointer?
        try check(snd.pcm_hw_params_malloc(&hardware), "snd_pcm_hw_params_malloc")
        defer { snd.pcm_hw_params_free(hardware) }
        try check(snd.pcm_hw_params_any(pcm, hardware), "snd_pcm_hw_params_any")
        try check(snd.pcm_hw_params_set_access(pcm, hardware, SND_PCM_ACCESS_RW_INTERLEAVED), "interleaved access")
        try check(snd.pcm_hw_params_set_format(pcm, hardware, SND_PCM_FORMAT_S16_LE), "format S16_LE")
        try check(snd.pcm_hw_params_set_channels(pcm, hardware, UInt32(format.channels)), "\(format.channels) channel(s)")
        var rate = UInt32(format.sampleRate)
        try check(snd.pcm_hw_params_set_rate(pcm, hardware, rate, 0), "rate \(rate) Hz (try plughw:)")
        var period = snd_pcm_uframes_t(format.samplesPerFrame)
        try check(snd.pcm_hw_params_set_period_size_near(pcm, hardware, &period, nil), "period size")
        var buffer = snd_pcm_uframes_t(max(2 * format.samplesPerFrame, format.samples(milliseconds: latencyMilliseconds)))
        try check(snd.pcm_hw_params_set_buffer_size_near(pcm, hardware, &buffer), "buffer size")
        try check(snd.pcm_hw_params(pcm, hardware), "snd_pcm_hw_params")
        _ = snd.pcm_hw_params_get_rate(hardware, &rate, nil)
        _ = snd.pcm_hw_params_get_period_size(hardware, &period, nil)
        _ = snd.pcm_hw_params_get_buffer_size(hardware, &buffer)

        var software: OpaquePointer?
        try check(snd.pcm_sw_params_malloc(&software), "snd_pcm_sw_params_malloc")
        defer { snd.pcm_sw_params_free(software) }
        try check(snd.pcm_sw_params_current(pcm, software), "snd_pcm_sw_params_current")
        try check(snd.pcm_sw_params_set_avail_min(pcm, software, period), "avail_min")
        // Playback starts once a period is queued; capture is started explicitly.
        try check(snd.pcm_sw_params_set_start_threshold(pcm, software, direction == .playback ? period : 1), "start_threshold")
        try check(snd.pcm_sw_params(pcm, software), "snd_pcm_sw_params")
        try check(snd.pcm_prepare(pcm), "snd_pcm_prepare")
        return (Int(period), Int(buffer))
    }

    deinit {
        _ = snd.pcm_close(handle)
        if let configuration { _ = snd.config_delete(configuration) }
    }
}
