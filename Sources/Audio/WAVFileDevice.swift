/// The WAV backend: capture loops a 16-bit PCM mono file, playback writes one, both at
/// real-time pace. For headless runs, scripts and tests.
public final class WAVFileDevice: AudioDevice, @unchecked Sendable {
    public let description: String
    public let format: AudioFormat
    public let captureRing: SampleRing?
    public let playbackRing: SampleRing?
    public let controls = AudioControls()
    public let events = AudioEvents()
    private let source: [Int16]
    private let playbackPath: String?
    // Owned by the loop's thread while it runs, by start/stop otherwise.
    private var writer: WAVWriter?
    private var position = 0
    private var loop: PacedLoop?

    /// Captures from `captureFile` (looped; its rate must be `format.sampleRate`) when given,
    /// plays into `playbackFile` when given.
    public init(captureFile: String? = nil, playbackFile: String? = nil,
                format: AudioFormat = AudioFormat()) throws(AudioError) {
        let name = "wav:" + [captureFile, playbackFile].compactMap { $0 }.joined(separator: ",")
        description = name
        try format.validate(device: name)
        guard captureFile != nil || playbackFile != nil else {
            throw AudioError(device: name, operation: "open", reason: "neither a file to capture nor one to play into")
        }
        self.format = format
        if let captureFile {
            let file: WAVFile
            do {
                file = try WAVFile(contentsOf: captureFile)
            } catch {
                throw AudioError(device: name, operation: "open", reason: "\(captureFile): \(error)")
            }
            guard file.format.sampleRate == format.sampleRate else {
                throw AudioError(device: name, operation: "open",
                                 reason: "\(captureFile) is \(file.format.sampleRate) Hz, the device runs at \(format.sampleRate) Hz")
            }
            guard !file.samples.isEmpty else { throw AudioError(device: name, operation: "open", reason: "\(captureFile) is empty") }
            source = file.mono
            captureRing = SampleRing(capacity: format.samples(milliseconds: RingSizing.milliseconds))
        } else {
            source = []
            captureRing = nil
        }
        playbackPath = playbackFile
        playbackRing = playbackFile.map { _ in SampleRing(capacity: format.samples(milliseconds: RingSizing.milliseconds)) }
    }

    public func start() throws(AudioError) {
        guard loop == nil else { return }
        if let playbackPath {
            do {
                writer = try WAVWriter(path: playbackPath, format: WAVFormat(sampleRate: format.sampleRate, channels: 1))
            } catch {
                throw AudioError(device: description, operation: "open", reason: "\(playbackPath): \(error)")
            }
        }
        let loop = PacedLoop(name: "pipit-au-wav", device: description, format: format, captureRing: captureRing,
                             playbackRing: playbackRing, controls: controls,
                             produce: { [unowned self] frame in fill(frame) },
                             consume: { [unowned self] frame in writer?.write(frame) })
        self.loop = loop
        try loop.start()
    }

    public func stop() {
        guard let loop else { return }
        loop.stop()
        self.loop = nil
        writer?.close()
        writer = nil
    }

    deinit {
        stop()
    }

    private func fill(_ frame: UnsafeMutableBufferPointer<Int16>) {
        source.withUnsafeBufferPointer { samples in
            for index in frame.indices {
                frame[index] = samples[position]
                position = position + 1 == samples.count ? 0 : position + 1
            }
        }
    }
}
