/// Session descriptions in the shapes real stacks send them. Written with LF in the
/// source; `crlf` gives the wire form.
enum Samples {
    static func crlf(_ s: String) -> String {
        s.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\r\n")
    }

    static let asterisk = """
        v=0
        o=- 1706107458 1706107458 IN IP4 203.0.113.10
        s=Asterisk
        c=IN IP4 203.0.113.10
        t=0 0
        m=audio 10038 RTP/AVP 0 8 3 101
        a=rtpmap:0 PCMU/8000
        a=rtpmap:8 PCMA/8000
        a=rtpmap:3 GSM/8000
        a=rtpmap:101 telephone-event/8000
        a=fmtp:101 0-16
        a=ptime:20
        a=maxptime:150
        a=sendrecv

        """

    static let freeswitch = """
        v=0
        o=FreeSWITCH 1706082062 1706082063 IN IP4 198.51.100.20
        s=FreeSWITCH
        c=IN IP4 198.51.100.20
        t=0 0
        m=audio 21938 RTP/AVP 9 0 8 101 13
        a=rtpmap:9 G722/8000
        a=rtpmap:0 PCMU/8000
        a=rtpmap:8 PCMA/8000
        a=rtpmap:101 telephone-event/8000
        a=fmtp:101 0-16
        a=rtpmap:13 CN/8000
        a=ptime:20
        a=sendrecv
        a=rtcp:21939 IN IP4 198.51.100.20

        """

    static let baresip = """
        v=0
        o=- 1158457891 3026302937 IN IP4 192.168.1.20
        s=-
        c=IN IP4 192.168.1.20
        t=0 0
        a=tool:baresip 3.10.1
        m=audio 10066 RTP/AVP 96 9 0 8 101
        b=AS:100
        a=rtpmap:96 opus/48000/2
        a=fmtp:96 stereo=1;sprop-stereo=1
        a=rtpmap:9 G722/8000
        a=rtpmap:0 PCMU/8000
        a=rtpmap:8 PCMA/8000
        a=rtpmap:101 telephone-event/8000
        a=fmtp:101 0-15
        a=sendrecv
        a=label:1
        a=rtcp-rsize
        a=ssrc:1966453133 cname:sip:alice@example.org
        a=ptime:20

        """

    static let linphoneICE = """
        v=0
        o=alice 3011 1024 IN IP4 192.168.1.33
        s=Talk
        c=IN IP4 192.168.1.33
        t=0 0
        a=ice-pwd:31ec21eb38b2ec6d36e8dc7b
        a=ice-ufrag:e6fa8c17
        a=rtcp-xr:rcvr-rtt=all:10000 stat-summary=loss,dup,jitt,TTL voip-metrics
        a=record:off
        m=audio 7078 RTP/AVP 96 97 98 0 8 18 101 99 100
        a=rtpmap:96 opus/48000/2
        a=fmtp:96 useinbandfec=1
        a=rtpmap:97 SILK/16000
        a=rtpmap:98 speex/16000
        a=fmtp:98 vbr=on
        a=rtpmap:18 G729/8000
        a=fmtp:18 annexb=yes
        a=rtpmap:101 telephone-event/48000
        a=rtpmap:99 telephone-event/16000
        a=rtpmap:100 telephone-event/8000
        a=rtcp:7079
        a=candidate:1 1 UDP 2130706303 192.168.1.33 7078 typ host
        a=candidate:1 2 UDP 2130706302 192.168.1.33 7079 typ host
        a=candidate:2 1 UDP 1694498687 203.0.113.77 7078 typ srflx raddr 192.168.1.33 rport 7078
        a=candidate:2 2 UDP 1694498686 203.0.113.77 7079 typ srflx raddr 192.168.1.33 rport 7079
        a=rtcp-fb:* trr-int 1000
        a=rtcp-fb:* ccm tmmbr

        """

    static let twinkle = """
        v=0
        o=twinkle 1209394858 1375962484 IN IP4 10.0.0.5
        s=-
        c=IN IP4 10.0.0.5
        t=0 0
        m=audio 8000 RTP/AVP 98 97 8 0 3 101
        a=rtpmap:98 speex/16000
        a=rtpmap:97 speex/8000
        a=rtpmap:8 PCMA/8000
        a=rtpmap:0 PCMU/8000
        a=rtpmap:3 GSM/8000
        a=rtpmap:101 telephone-event/8000
        a=fmtp:101 0-15
        a=ptime:20

        """

    static let cisco = """
        v=0
        o=Cisco-SIPUA 17905 0 IN IP4 10.1.1.50
        s=SIP Call
        b=AS:4064
        t=0 0
        m=audio 28972 RTP/AVP 0 8 18 9 101
        c=IN IP4 10.1.1.50
        b=TIAS:64000
        a=rtpmap:0 PCMU/8000
        a=rtpmap:8 PCMA/8000
        a=rtpmap:18 G729/8000
        a=fmtp:18 annexb=no
        a=rtpmap:9 G722/8000
        a=rtpmap:101 telephone-event/8000
        a=fmtp:101 0-15
        a=sendrecv

        """

    static let polycom = """
        v=0
        o=- 1706109000 1706109000 IN IP4 10.1.1.60
        s=Polycom IP Phone
        c=IN IP4 10.1.1.60
        t=0 0
        a=sendrecv
        m=audio 2222 RTP/AVP 9 102 0 8 18 127
        a=rtpmap:9 G722/8000
        a=rtpmap:102 G7221/16000
        a=fmtp:102 bitrate=32000
        a=rtpmap:0 PCMU/8000
        a=rtpmap:8 PCMA/8000
        a=rtpmap:18 G729/8000
        a=fmtp:18 annexb=no
        a=rtpmap:127 telephone-event/8000

        """

    /// Sent by the phone with bare LF line ends and a trailing space after two lines.
    static let yealinkLF = "v=0\no=- 20002 20002 IN IP4 192.168.0.103\ns=SDP data \nc=IN IP4 192.168.0.103\nt=0 0\n"
        + "m=audio 11780 RTP/AVP 0 8 18 9 101\na=rtpmap:0 PCMU/8000\na=rtpmap:8 PCMA/8000\na=rtpmap:18 G729/8000\n"
        + "a=fmtp:18 annexb=no\na=rtpmap:9 G722/8000\na=fmtp:101 0-15\na=rtpmap:101 telephone-event/8000 \n"
        + "a=ptime:20\na=sendrecv\n"

    static let webRTC = """
        v=0
        o=- 4611731400430051336 2 IN IP4 127.0.0.1
        s=-
        t=0 0
        a=group:BUNDLE 0 1 2
        a=extmap-allow-mixed
        a=msid-semantic: WMS stream1
        m=audio 9 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126
        c=IN IP4 0.0.0.0
        a=rtcp:9 IN IP4 0.0.0.0
        a=candidate:1467250027 1 udp 2122260223 192.168.0.196 46243 typ host generation 0 network-id 1
        a=candidate:2 1 tcp 1518280447 192.168.0.196 9 typ host tcptype active generation 0
        a=ice-ufrag:Oy4K
        a=ice-pwd:EaUWD3RBAvyLDvc0E/XHN6Qw
        a=ice-options:trickle
        a=fingerprint:sha-256 75:74:5A:A6:A4:E5:52:F4:A7:67:4C:01:C7:EE:91:3F:21:3D:A2:E3:53:7B:6F:30:86:F2:30:AA:65:FB:04:24
        a=setup:actpass
        a=mid:0
        a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level
        a=sendrecv
        a=msid:stream1 track1
        a=rtcp-mux
        a=rtpmap:111 opus/48000/2
        a=rtcp-fb:111 transport-cc
        a=fmtp:111 minptime=10;useinbandfec=1
        a=rtpmap:63 red/48000/2
        a=fmtp:63 111/111
        a=rtpmap:9 G722/8000
        a=rtpmap:0 PCMU/8000
        a=rtpmap:8 PCMA/8000
        a=rtpmap:13 CN/8000
        a=rtpmap:110 telephone-event/48000
        a=rtpmap:126 telephone-event/8000
        a=ssrc:3570614608 cname:4TOk42mSjXCkVIa6
        m=video 9 UDP/TLS/RTP/SAVPF 96 97
        c=IN IP4 0.0.0.0
        a=rtcp:9 IN IP4 0.0.0.0
        a=ice-ufrag:Oy4K
        a=ice-pwd:EaUWD3RBAvyLDvc0E/XHN6Qw
        a=setup:actpass
        a=mid:1
        a=recvonly
        a=rtcp-mux
        a=rtcp-rsize
        a=rtpmap:96 VP8/90000
        a=rtcp-fb:96 nack
        a=rtpmap:97 rtx/90000
        a=fmtp:97 apt=96
        a=end-of-candidates
        m=application 9 UDP/DTLS/SCTP webrtc-datachannel
        c=IN IP4 0.0.0.0
        a=mid:2
        a=sctp-port:5000

        """

    /// An SDES offer with two crypto lines (keys from RFC 4568 §6.x examples).
    static let srtpOffer = """
        v=0
        o=- 3866300416 3866300416 IN IP4 192.0.2.50
        s=pjmedia
        c=IN IP4 192.0.2.50
        t=0 0
        m=audio 4000 RTP/SAVP 96 0 8 101
        a=rtpmap:96 opus/48000/2
        a=rtpmap:0 PCMU/8000
        a=rtpmap:8 PCMA/8000
        a=rtpmap:101 telephone-event/8000
        a=fmtp:101 0-16
        a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20|1:32
        a=crypto:2 AES_CM_128_HMAC_SHA1_32 inline:NzB4d1BINUAvLEw6UzF3WSJ+PSdFcGdUJShpX1Zj|2^20|1:32 KDR=1 UNENCRYPTED_SRTCP
        a=sendrecv

        """

    /// RFC 8866 §5's example.
    static let rfc8866 = """
        v=0
        o=jdoe 3724394400 3724394405 IN IP4 198.51.100.1
        s=Call to John Smith
        i=SDP Offer #1
        u=http://www.jdoe.example.com/home.html
        e=Jane Doe <jane@jdoe.example.com>
        p=+1 617 555-6011
        c=IN IP4 198.51.100.1
        t=0 0
        m=audio 49170 RTP/AVP 0
        m=audio 49180 RTP/AVP 0
        m=video 51372 RTP/AVP 99
        c=IN IP6 2001:db8::2
        a=rtpmap:99 h263-1998/90000

        """

    static let all: [(String, String)] = [
        ("asterisk", asterisk), ("freeswitch", freeswitch), ("baresip", baresip), ("linphone", linphoneICE),
        ("twinkle", twinkle), ("cisco", cisco), ("polycom", polycom), ("yealink", yealinkLF),
        ("webrtc", webRTC), ("srtp", srtpOffer), ("rfc8866", rfc8866),
    ]
}
