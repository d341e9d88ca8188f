"""Speech material, WAV reading, alignment, PESQ and delay for the media benchmark."""
import os, struct, subprocess
import numpy as np

HARVARD = ["The birch canoe slid on the smooth planks.",
           "Glue the sheet to the dark blue background.",
           "It's easy to tell the depth of a well.",
           "These days a chicken leg is a rare dish."]


def synthesize(workdir, seconds_long):
    """espeak-ng Harvard sentences (~9 s with 0.5 s of silence either side, so the start
    of a call does not cut speech). Returns the references {8000: path, 16000: path} and
    the sources per codec {codec: (short path, long path)}: baresip's aufile takes only
    the codec's own format (8 kHz mono for G.711, 48 kHz stereo for Opus), and both
    implementations get the same files. The long one (speech repeated) is for CPU runs."""
    raw = os.path.join(workdir, "espeak.wav")
    subprocess.run(["espeak-ng", "-v", "en-us", "-w", raw, " ".join(HARVARD)], check=True)
    wb = os.path.join(workdir, "speech16k.wav")
    nb = os.path.join(workdir, "speech8k.wav")
    subprocess.run(["sox", raw, "-r", "16000", "-c", "1", "-b", "16", wb, "pad", "0.5", "0.5", "norm", "-3"], check=True)
    subprocess.run(["sox", wb, "-r", "8000", nb], check=True)
    repeats = int(seconds_long / duration(wb)) + 1
    sources = {}
    for codec, rate, channels in (("PCMU", 8000, 1), ("opus", 48000, 2)):
        short = os.path.join(workdir, f"source-{codec}.wav")
        long = os.path.join(workdir, f"source-{codec}-long.wav")
        subprocess.run(["sox", wb, "-r", str(rate), "-c", str(channels), short], check=True)
        subprocess.run(["sox"] + [short] * repeats + [long], check=True)
        sources[codec] = (short, long)
    return {8000: nb, 16000: wb}, sources


def duration(path):
    rate, samples = read_wav(path)
    return len(samples) / rate


def read_wav(path):
    """(rate, mono float samples) of a 16-bit PCM WAV, tolerant of a header whose sizes
    were never updated (a process stopped mid-write): the data chunk runs to end of file."""
    with open(path, "rb") as f:
        data = f.read()
    if len(data) < 12 or data[:4] != b"RIFF" or data[8:12] != b"WAVE":
        raise ValueError(f"{path}: not a WAV file")
    pos, rate, channels, bits, fmt_tag = 12, 0, 1, 16, 1
    while pos + 8 <= len(data):
        cid, size = data[pos:pos + 4], struct.unpack("<I", data[pos + 4:pos + 8])[0]
        if cid == b"fmt ":
            fmt_tag, channels, rate = struct.unpack("<HHI", data[pos + 8:pos + 16])
            bits = struct.unpack("<H", data[pos + 22:pos + 24])[0]
        elif cid == b"data":
            body = data[pos + 8:]
            if bits == 16:
                pcm = np.frombuffer(body[:len(body) // 2 * 2], dtype="<i2").astype(np.float64) / 32768
            elif bits == 32 and fmt_tag == 3:
                pcm = np.frombuffer(body[:len(body) // 4 * 4], dtype="<f4").astype(np.float64)
            else:
                raise ValueError(f"{path}: {bits}-bit format {fmt_tag} not handled")
            pcm = pcm[:len(pcm) // channels * channels].reshape(-1, channels).mean(axis=1)
            return rate, pcm
        pos += 8 + size + (size & 1)
    raise ValueError(f"{path}: no data chunk")


def data_offset_and_frame_bytes(path):
    """Where the samples start and bytes per sample frame, to turn file sizes seen while
    the file grew into sample counts."""
    with open(path, "rb") as f:
        data = f.read(4096)
    pos, frame = 12, 2
    while pos + 8 <= len(data):
        cid, size = data[pos:pos + 4], struct.unpack("<I", data[pos + 4:pos + 8])[0]
        if cid == b"fmt ":
            channels = struct.unpack("<H", data[pos + 10:pos + 12])[0]
            bits = struct.unpack("<H", data[pos + 22:pos + 24])[0]
            frame = channels * bits // 8
        elif cid == b"data":
            return pos + 8, frame
        pos += 8 + size + (size & 1)
    return 44, frame


def resample(samples, rate, target):
    """Band-limited resampling through sox (already a test dependency)."""
    if rate == target:
        return samples
    pcm = (np.clip(samples, -1, 1 - 1 / 32768) * 32768).astype("<i2").tobytes()
    out = subprocess.run(["sox", "-t", "raw", "-r", str(rate), "-e", "signed", "-b", "16", "-c", "1", "-",
                          "-t", "raw", "-r", str(target), "-e", "signed", "-b", "16", "-c", "1", "-"],
                         input=pcm, capture_output=True, check=True).stdout
    return np.frombuffer(out, dtype="<i2").astype(np.float64) / 32768


def is_silent(samples):
    return len(samples) == 0 or np.sqrt(np.mean(samples ** 2)) < 1e-3


def lag_of(reference, received):
    """The lag (samples) at which `reference` best matches `received`: received[n + lag] ≈
    reference[n]. FFT cross-correlation over the whole signals."""
    n = len(reference) + len(received)
    size = 1 << (n - 1).bit_length()
    corr = np.fft.irfft(np.fft.rfft(received, size) * np.conj(np.fft.rfft(reference, size)), size)
    # Index k holds lag k for k < len(received), negative lags wrap to the end.
    lags = np.concatenate([np.arange(0, len(received)), np.arange(-len(reference) + 1, 0)])
    values = np.concatenate([corr[:len(received)], corr[size - len(reference) + 1:]])
    return int(lags[int(np.argmax(values))])


def aligned(reference, received):
    """`received` shifted by its lag and trimmed (zero-padded if short) to the reference."""
    lag = lag_of(reference, received)
    if lag >= 0:
        out = received[lag:lag + len(reference)]
    else:
        out = np.concatenate([np.zeros(-lag), received[:len(reference) + lag]])
    return lag, np.concatenate([out, np.zeros(len(reference) - len(out))])


def pesq_score(reference, rate, received_path, growth=None):
    """PESQ (narrow-band at 8 kHz, wide-band at 16 kHz) of a received recording against the
    reference, after resampling, alignment and trimming. With `growth`, the recording is
    first played out in real time (`played_out`). None when the recording is silent."""
    from pesq import pesq
    got_rate, got = played_out(received_path, growth) if growth else read_wav(received_path)
    got = resample(got, got_rate, rate)
    if is_silent(got):
        return None
    _, got = aligned(reference, got)
    return float(pesq(rate, reference, got, "nb" if rate == 8000 else "wb"))


def window_lag(reference, received, start, length):
    """Lag of one window of the reference (samples start..start+length) in `received`."""
    return lag_of(reference[start:start + length], received) - start


def played_out(path, growth, frame_ms=20, prebuffer_ms=20):
    """What a real-time player would have played from a recording written one decoded
    frame per received packet (baresip's sndfile): each frame becomes available when the
    file grew by it (`growth`: (time, file size) pairs seen while the call ran); a slot
    every `frame_ms` from the first frame + `prebuffer_ms` plays the next available frame,
    or silence when none has arrived (an underrun, which is also what a lost packet
    becomes without concealment). Returns (rate, samples)."""
    rate, samples = read_wav(path)
    offset, frame_bytes = data_offset_and_frame_bytes(path)
    per_frame = rate * frame_ms // 1000
    arrivals = []
    for t, size in growth:
        frames = max(0, (size - offset) // frame_bytes) // per_frame
        arrivals.extend([t] * (frames - len(arrivals)))
    frames = min(len(arrivals), len(samples) // per_frame)
    if frames == 0:
        return rate, samples
    out = []
    slot = arrivals[0] + prebuffer_ms / 1000
    i = 0
    while i < frames:
        if arrivals[i] <= slot:
            out.append(samples[i * per_frame:(i + 1) * per_frame])
            i += 1
        else:
            out.append(np.zeros(per_frame))
        slot += frame_ms / 1000
    return rate, np.concatenate(out)
