extension Playout {
    /// Writes exactly `frameSamples` samples of audio for this tick into `out` (which
    /// must hold them; a shorter buffer gets what fits) and returns the count. `now` in ms.
    @discardableResult
    public func render(into out: UnsafeMutableBufferPointer<Int16>, now: Int) -> Int {
        concealedThisTick = false
        let advice = buffer.timeScaleAdvice(now: now, bufferedUnits: units(samples: queue.count))
        // Bounded: each action adds audio; the cap guards against zero-length answers.
        var rounds = 0
        while queue.count < frameSamples, rounds < 64 {
            rounds += 1
            guard let action = buffer.nextAction(now: now, bufferedUnits: units(samples: queue.count)) else { break }
            perform(action)
        }
        if advice != .none {
            // Stretching wants two long pitch periods: take more packets if they are
            // here, never concealment.
            while queue.count < frameSamples + stretcher.preferredInput, rounds < 64 {
                rounds += 1
                guard let action = buffer.nextAction(now: now, bufferedUnits: units(samples: queue.count),
                                                     allowConcealment: false) else { break }
                perform(action)
            }
            stretch(advice)
        }
        if queue.count < frameSamples {
            // Only when the jitter buffer kept answering nothing: pad with silence.
            fillSilence(frameSamples - queue.count)
        }
        if concealedThisTick { counters.framesConcealed += 1 }
        let n = min(frameSamples, out.count)
        queue.pop(into: out, count: n)
        return n
    }

    private func stretch(_ advice: TimeScaleAdvice) {
        let frame = frameSamples
        let stretcher = self.stretcher
        switch advice {
        case .accelerate:
            if queue.edit({ stretcher.accelerate($0, count: $1, keep: frame) }) { counters.framesAccelerated += 1 }
        case .expand:
            if queue.edit({ stretcher.expand($0, count: $1) }) { counters.framesExpanded += 1 }
        case .none:
            break
        }
    }

    func perform(_ action: JitterAction) {
        switch action {
        case .decode(let packet):
            decode(packet)
        case .recover(let units, let next):
            recover(samples: samples(units: units), from: next)
        case .conceal(let units):
            conceal(samples: samples(units: units))
        case .silence(let units, let level):
            fillSilence(samples(units: units), level: level)
        }
    }

    private func decode(_ packet: JitterPacket) {
        if packet.payloadType != payloadType, let other = decoder(for: packet.payloadType) {
            decoder = other
            payloadType = packet.payloadType
        }
        guard packet.payloadType == payloadType else {
            counters.decodeErrors += 1
            conceal(samples: samples(units: packet.units))
            return
        }
        let decoder = self.decoder
        let produced: Int? = scratch.withUnsafeMutableBufferPointer { pcm in
            buffer.withPayload(of: packet) { payload -> Int? in
                do { return try decoder.decode(payload, into: pcm) } catch { return nil }
            }
        }
        guard let produced, produced > 0 else {
            counters.decodeErrors += 1
            conceal(samples: samples(units: packet.units))
            return
        }
        appendGood(count: min(produced, scratch.count))
    }

    private func recover(samples count: Int, from next: JitterPacket) {
        let n = min(count, scratch.count)
        let decoder = self.decoder(for: next.payloadType)
        let produced: Int? = scratch.withUnsafeMutableBufferPointer { pcm in
            buffer.withPayload(of: next) { payload in
                decoder?.recover(from: payload, into: UnsafeMutableBufferPointer(rebasing: pcm[0..<n]))
            }
        }
        guard let produced, produced > 0 else {
            conceal(samples: count)
            return
        }
        counters.framesRecovered += 1
        appendGood(count: min(produced, n))
        if produced < count { conceal(samples: count - produced) }
    }

    /// Appends `scratch[0..<count]`, decoded audio, merged after waveform concealment.
    private func appendGood(count: Int) {
        scratch.withUnsafeMutableBufferPointer { pcm in
            let good = UnsafeMutableBufferPointer(rebasing: pcm[0..<count])
            if fadeInNext {
                // 4 ms: long enough not to click, short enough to keep the onset.
                let length = min(count, decoder.sampleRate / 250)
                for i in 0..<length {
                    good[i] = Int16(clamping: Int(good[i]) * (i + 1) / (length + 1))
                }
                fadeInNext = false
            }
            concealer.merge(into: good)
            queue.append(UnsafeBufferPointer(good))
        }
    }

    /// The codec's own concealment, else the waveform concealer, a frame at a time.
    private func conceal(samples count: Int) {
        concealedThisTick = true
        var remaining = min(count, queue.space)
        let decoder = self.decoder
        while remaining > 0 {
            let chunk = min(remaining, frameSamples, scratch.count)
            let produced = scratch.withUnsafeMutableBufferPointer { pcm -> Int in
                let out = UnsafeMutableBufferPointer(rebasing: pcm[0..<chunk])
                let native = decoder.conceal(into: out)
                if native > 0 { return min(native, chunk) }
                concealer.conceal(into: out)
                return chunk
            }
            _ = scratch.withUnsafeBufferPointer { queue.append(UnsafeBufferPointer(rebasing: $0[0..<produced])) }
            remaining -= produced
        }
    }

    private func fillSilence(_ count: Int, level: UInt8? = nil) {
        var remaining = min(count, queue.space)
        while remaining > 0 {
            let chunk = min(remaining, scratch.count)
            scratch.withUnsafeMutableBufferPointer { pcm in
                let out = UnsafeMutableBufferPointer(rebasing: pcm[0..<chunk])
                if level != nil {
                    updateNoise()
                    noise.render(into: out)
                } else {
                    for i in out.indices { out[i] = 0 }
                }
                // Ends a concealment smoothly and keeps the history current.
                concealer.merge(into: out)
                queue.append(UnsafeBufferPointer(out))
                fadeInNext = true
            }
            remaining -= chunk
        }
    }

    /// Takes the peer's latest comfort-noise parameters (level and spectral shape).
    private func updateNoise() {
        guard buffer.noiseGeneration != noiseGeneration else { return }
        noiseGeneration = buffer.noiseGeneration
        let count = buffer.noisePayloadCount
        buffer.noisePayload.withUnsafeBytes { try? noise.update(payload: UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
    }
}
