// Each C library pipit builds on links and does one real thing.
import Testing
import Foundation
import CNcursesw
import CAlsa
import CPulse
import COpus
import CSpeexDSP
import CSRTP

@Suite struct CLibsTests {
    @Test func ncurseswStartsAScreenOnAnyTerminal() throws {
        let version = String(cString: curses_version())
        #expect(version.hasPrefix("ncurses 6"))
        // A screen on /dev/null: proves terminfo and the wide-char library load without a tty.
        let out = try #require(fopen("/dev/null", "w"))
        let inp = try #require(fopen("/dev/null", "r"))
        defer { fclose(out); fclose(inp) }
        let screen = try #require(newterm("xterm-256color", out, inp))
        let window = try #require(newwin(5, 20, 0, 0))
        var wide = cchar_t()
        #expect(setcchar(&wide, [0x263A, 0], 0, 0, nil) == OK) // ☺
        #expect(wadd_wch(window, &wide) == OK)
        delwin(window)
        endwin()
        delscreen(screen)
    }

    @Test func alsaPlaysToTheNullDevice() throws {
        var pcm: OpaquePointer?
        #expect(snd_pcm_open(&pcm, "null", SND_PCM_STREAM_PLAYBACK, 0) == 0)
        let handle = try #require(pcm)
        defer { snd_pcm_close(handle) }
        #expect(snd_pcm_set_params(handle, SND_PCM_FORMAT_S16_LE, SND_PCM_ACCESS_RW_INTERLEAVED,
                                   1, 8000, 1, 100_000) == 0)
        let frames = [Int16](repeating: 0, count: 160)
        let written = frames.withUnsafeBytes { snd_pcm_writei(handle, $0.baseAddress, 160) }
        #expect(written == 160)
    }

    @Test func pulseCreatesAContext() throws {
        let version = String(cString: pa_get_library_version())
        #expect(version.split(separator: ".").first.flatMap { Int($0) } ?? 0 >= 14)
        let loop = try #require(pa_mainloop_new())
        defer { pa_mainloop_free(loop) }
        let context = try #require(pa_context_new(pa_mainloop_get_api(loop), "pipit-test"))
        #expect(pa_context_get_state(context) == PA_CONTEXT_UNCONNECTED)
        pa_context_unref(context)
    }

    @Test func opusRoundTripsAFrameOfTone() throws {
        var error: Int32 = 0
        let encoder = try #require(opus_encoder_create(48000, 1, OPUS_APPLICATION_VOIP, &error))
        defer { opus_encoder_destroy(encoder) }
        let decoder = try #require(opus_decoder_create(48000, 1, &error))
        defer { opus_decoder_destroy(decoder) }
        var decoded = [Int16](repeating: 0, count: 960)
        var packet = [UInt8](repeating: 0, count: 1500)
        // Several frames so the codec's look-ahead is filled with tone.
        for frame in 0..<10 {
            let pcm = (0..<960).map { i in
                Int16(8000 * sin(2 * Double.pi * 440 * Double(frame * 960 + i) / 48000))
            }
            let bytes = opus_encode(encoder, pcm, 960, &packet, Int32(packet.count))
            #expect(bytes > 0)
            #expect(opus_decode(decoder, packet, bytes, &decoded, 960, 0) == 960)
        }
        let rms = sqrt(decoded.reduce(0.0) { $0 + Double($1) * Double($1) } / 960)
        #expect(rms > 3000 && rms < 8000) // 8000/√2 ≈ 5657 for the tone
    }

    @Test func speexEchoStateCancelsAFrame() throws {
        let echo = try #require(speex_echo_state_init(160, 1600))
        defer { speex_echo_state_destroy(echo) }
        var rate: Int32 = 8000
        #expect(speex_echo_ctl(echo, SPEEX_ECHO_SET_SAMPLING_RATE, &rate) == 0)
        let far = [Int16](repeating: 100, count: 160)
        let near = [Int16](repeating: 100, count: 160)
        var out = [Int16](repeating: 0, count: 160)
        speex_echo_cancellation(echo, near, far, &out)
        var error: Int32 = 0
        let resampler = try #require(speex_resampler_init(1, 48000, 16000, 5, &error))
        speex_resampler_destroy(resampler)
    }

    @Test func srtpProtectsAndUnprotectsAPacket() throws {
        // The Media tests in this process may have initialised libsrtp already, and a second
        // srtp_init reports an error; srtp_create below fails if neither did.
        _ = srtp_init()
        var policy = srtp_policy_t()
        // The default policy is AES_CM_128_HMAC_SHA1_80 (the macro of that name is not importable).
        srtp_crypto_policy_set_rtp_default(&policy.rtp)
        srtp_crypto_policy_set_rtcp_default(&policy.rtcp)
        var key = [UInt8](repeating: 0, count: 30)
        for i in key.indices { key[i] = UInt8(i &* 7 &+ 1) }
        policy.ssrc = srtp_ssrc_t(type: ssrc_any_outbound, value: 0)
        policy.window_size = 128
        var sender: srtp_t?
        var receiver: srtp_t?
        try key.withUnsafeMutableBufferPointer { keyBytes in
            policy.key = keyBytes.baseAddress
            #expect(srtp_create(&sender, &policy) == srtp_err_status_ok)
            policy.ssrc = srtp_ssrc_t(type: ssrc_any_inbound, value: 0)
            #expect(srtp_create(&receiver, &policy) == srtp_err_status_ok)
            _ = try #require(sender)
        }
        defer { srtp_dealloc(sender); srtp_dealloc(receiver) }
        // A 12-byte RTP header (V=2, PT 0, seq 1, ts 160, SSRC 0x1234) and 160 bytes of payload.
        var packet: [UInt8] = [0x80, 0x00, 0x00, 0x01, 0, 0, 0, 160, 0, 0, 0x12, 0x34]
        packet += (0..<160).map { UInt8($0 & 0xff) }
        let plain = packet
        packet += [UInt8](repeating: 0, count: 16) // room for the auth tag
        var length = Int32(plain.count)
        #expect(srtp_protect(sender, &packet, &length) == srtp_err_status_ok)
        #expect(Int(length) == plain.count + 10)
        #expect(Array(packet[12..<Int(length) - 10]) != Array(plain[12...]))
        #expect(srtp_unprotect(receiver, &packet, &length) == srtp_err_status_ok)
        #expect(Array(packet[0..<Int(length)]) == plain)
    }
}
