#!/usr/bin/env python3
"""Writes ring.wav, pipit's ringtone: 16 kHz mono, one 3-second cycle that pipit loops.

Two short chimes (a major third, E6 over C6) with a soft attack and an exponential
decay, like a small bell, then silence. Run it again after changing the notes.
"""
import math, struct, wave

RATE = 16000

def chime(start, notes, length=0.55, level=0.22):
    out = []
    for i in range(int(length * RATE)):
        t = i / RATE
        envelope = min(1.0, t / 0.008) * math.exp(-t * 6.0)
        value = sum(math.sin(2 * math.pi * f * t) + 0.3 * math.sin(4 * math.pi * f * t) for f in notes)
        out.append((start + i, level * envelope * value / len(notes)))
    return out

samples = [0.0] * (3 * RATE)
for index, value in chime(0, [1046.5, 1318.5]) + chime(int(0.45 * RATE), [1318.5, 1568.0]):
    samples[index] += value
with wave.open("ring.wav", "wb") as w:
    w.setnchannels(1)
    w.setsampwidth(2)
    w.setframerate(RATE)
    w.writeframes(b"".join(struct.pack("<h", max(-32767, min(32767, int(s * 32767)))) for s in samples))
