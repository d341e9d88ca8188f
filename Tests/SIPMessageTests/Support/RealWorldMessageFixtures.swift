/// Messages written the way deployed products send them: their header order, spelling,
/// spacing and quirks. `{CL}` is replaced by the body length (see `wire`).
enum RealWorldMessages {
    static let asteriskInvite = coreWire("""
        INVITE sip:1002@192.168.1.50:5062;transport=udp SIP/2.0
        Via: SIP/2.0/UDP 192.168.1.10:5060;rport;branch=z9hG4bKPj6f1c2a3e-8c1d-4b7e-9a55-0c6a2f1e7d44
        From: "Front Desk" <sip:1001@192.168.1.10>;tag=9d3c8b1e-2f4a-4c11-8e7b-5a6f0d2c3b19
        To: <sip:1002@192.168.1.50>
        Contact: <sip:asterisk@192.168.1.10:5060>
        Call-ID: 7e2b4d9a-6c1f-4e38-b2a7-3f5d8c0e1a64
        CSeq: 24512 INVITE
        Allow: OPTIONS, REGISTER, SUBSCRIBE, NOTIFY, PUBLISH, INVITE, ACK, BYE, CANCEL, UPDATE, PRACK, MESSAGE, REFER
        Supported: 100rel, timer, replaces, norefersub
        Session-Expires: 1800
        Min-SE: 90
        P-Asserted-Identity: "Front Desk" <sip:1001@192.168.1.10>
        Max-Forwards: 70
        User-Agent: Asterisk PBX 18.20.0
        Content-Type: application/sdp
        Content-Length:   {CL}

        v=0
        o=- 1873482713 1873482713 IN IP4 192.168.1.10
        s=Asterisk
        c=IN IP4 192.168.1.10
        t=0 0
        m=audio 17284 RTP/AVP 0 8 101
        a=rtpmap:0 PCMU/8000
        a=rtpmap:8 PCMA/8000
        a=rtpmap:101 telephone-event/8000
        a=fmtp:101 0-16
        a=ptime:20
        a=maxptime:150
        a=sendrecv

        """)

    static let freeswitchOK = coreWire("""
        SIP/2.0 200 OK
        Via: SIP/2.0/UDP 10.0.0.21:5060;rport=5060;branch=z9hG4bK.yS2w0aD1Q;received=10.0.0.21
        From: <sip:alice@pbx.example.org>;tag=Nx3p0vQ8a
        To: <sip:3000@pbx.example.org>;tag=Kp7XgB0m3cZQa
        Call-ID: kJ8xQWv3mZ
        CSeq: 20 INVITE
        Contact: <sip:3000@10.0.0.5:5060;transport=udp>
        User-Agent: FreeSWITCH-mod_sofia/1.10.11-release~64bit
        Accept: application/sdp
        Allow: INVITE, ACK, BYE, CANCEL, OPTIONS, MESSAGE, INFO, UPDATE, REGISTER, REFER, NOTIFY
        Supported: timer, path, replaces
        Allow-Events: talk, hold, conference, refer
        Session-Expires: 120;refresher=uac
        Content-Type: application/sdp
        Content-Disposition: session
        Content-Length: {CL}
        Remote-Party-ID: "3000" <sip:3000@pbx.example.org>;party=calling;privacy=off;screen=no

        v=0
        o=FreeSWITCH 1700000000 1700000001 IN IP4 10.0.0.5
        s=FreeSWITCH
        c=IN IP4 10.0.0.5
        t=0 0
        m=audio 24578 RTP/AVP 9 101
        a=rtpmap:9 G722/8000
        a=rtpmap:101 telephone-event/8000
        a=fmtp:101 0-16
        a=ptime:20
        a=rtcp:24579 IN IP4 10.0.0.5

        """)

    static let kamailioForwardedInvite = coreWire("""
        INVITE sip:bob@198.51.100.20:5060 SIP/2.0
        Record-Route: <sip:203.0.113.5;transport=tcp;r2=on;lr;ftag=as1f2e3d4c>
        Record-Route: <sip:10.1.1.5;r2=on;lr;ftag=as1f2e3d4c>,<sip:10.1.1.6;lr;did=3a1.b2c1>
        Via: SIP/2.0/TCP 203.0.113.5;branch=z9hG4bK3c1a.5b2e8f7a0000000000000000000000000.0;i=2
        Via: SIP/2.0/UDP 10.1.1.5;branch=z9hG4bK3c1a.0a9e2d1c3b4a5968778695a4b3c2d1e0.0
        Via: SIP/2.0/UDP 192.0.2.44:5060;received=192.0.2.44;rport=40211;branch=z9hG4bKabc123def;alias
        Max-Forwards: 68
        From: "Alice" <sip:alice@example.com>;tag=as1f2e3d4c
        To: <sip:bob@example.com>
        Call-ID: 1c2d3e4f5a6b7c8d@192.0.2.44
        CSeq: 102 INVITE
        Contact: <sip:alice@192.0.2.44:5060;ob>
        Route: <sip:10.1.1.7;lr>
        Content-Type: application/sdp
        Content-Length: {CL}

        v=0
        o=alice 2890844526 2890844526 IN IP4 192.0.2.44
        s=-
        c=IN IP4 192.0.2.44
        t=0 0
        m=audio 49170 RTP/AVP 0
        a=rtpmap:0 PCMU/8000

        """)

    static let opensipsProxyAuth = coreWire("""
        SIP/2.0 407 Proxy Authentication Required
        Via: SIP/2.0/UDP 192.0.2.77:5060;branch=z9hG4bK776asdhds;rport=5060;received=192.0.2.77
        From: <sip:2001@sip.example.net>;tag=1928301774
        To: <sip:2002@sip.example.net>;tag=d1b7c9e1a3d5c0f1b0e4d5e6f7a8b9c0.7f3e
        Call-ID: a84b4c76e66710@192.0.2.77
        CSeq: 1 INVITE
        Proxy-Authenticate: Digest realm="sip.example.net", nonce="Y2hhbGxlbmdlLW5vbmNl, with comma", qop="auth,auth-int", algorithm=MD5
        Server: OpenSIPS (3.4.2 (x86_64/linux))
        Content-Length: 0


        """)

    static let baresipRegister = coreWire("""
        REGISTER sip:sip.example.com SIP/2.0
        Via: SIP/2.0/TLS 192.168.0.23:43521;branch=z9hG4bK1b5d3f2a8c4e6a01;alias;rport
        Contact: <sip:alice-0x55d1c0a1b2c0@192.168.0.23:43521;transport=tls>;expires=3600;+sip.instance="<urn:uuid:a5b1c2d3-1111-2222-3333-444455556666>";reg-id=1
        Max-Forwards: 70
        To: <sip:alice@sip.example.com>
        From: <sip:alice@sip.example.com>;tag=5c3ad8e1f0a2b4c6
        Call-ID: 9f2a1b3c4d5e6f70
        CSeq: 38121 REGISTER
        User-Agent: baresip v3.10.1 (x86_64/Linux)
        Allow: INVITE,ACK,BYE,CANCEL,OPTIONS,NOTIFY,SUBSCRIBE,INFO,MESSAGE,REFER,UPDATE
        Supported: outbound, path, replaces, norefersub
        Content-Length: 0


        """)

    static let linphoneMessage = coreWire("""
        MESSAGE sip:bob@sip.linphone.org SIP/2.0
        Via: SIP/2.0/TLS 192.168.1.7:56543;alias;branch=z9hG4bK.Xk8l5b6yZ;rport
        From: "Alice" <sip:alice@sip.linphone.org>;tag=wQb9eMt0H
        To: sip:bob@sip.linphone.org
        CSeq: 20 MESSAGE
        Call-ID: Fq6k0N2mXU
        Max-Forwards: 70
        Supported: replaces, outbound, gruu, path
        Date: Sat, 21 Nov 2026 18:22:41 GMT
        Content-Type:text/plain;charset=UTF-8
        Content-Length: {CL}
        User-Agent: Linphone-Desktop/5.2.4 (belle-sip/5.3.0)

        Salut Bob ! Ça va ? 🙂
        """)

    static let twinkleReferNotify = coreWire("""
        NOTIFY sip:bob@192.0.2.31:5060 SIP/2.0
        Via: SIP/2.0/UDP 192.0.2.30:5060;rport;branch=z9hG4bK1187403210
        Max-Forwards: 70
        To: <sip:bob@example.org>;tag=gpuxezmbfw
        From: "Carol" <sip:carol@example.org>;tag=lwntnbebzd
        Call-ID: lvvqixhygbghxvc@192.0.2.30
        CSeq: 4 NOTIFY
        Contact: <sip:carol@192.0.2.30:5060;transport=udp>
        Event: refer
        Subscription-State: terminated;reason=noresource
        User-Agent: Twinkle/1.10.3
        Content-Type: message/sipfrag;version=2.0
        Content-Length: {CL}

        SIP/2.0 200 OK

        """)

    static let ciscoInvite = coreWire("""
        INVITE sip:5551234@10.10.10.1;user=phone SIP/2.0
        Via: SIP/2.0/UDP 10.10.20.15:5060;branch=z9hG4bK4b5c6d7e
        From: "Reception" <sip:2100@10.10.10.1>;tag=00215a7b8c9d00123f4e5d6c-1a2b3c4d
        To: <sip:5551234@10.10.10.1>
        Call-ID: 00215a7b-8c9d0007-1e2f3a4b-5c6d7e8f@10.10.20.15
        Max-Forwards: 70
        Date: Sat, 21 Nov 2026 10:04:37 GMT
        CSeq: 101 INVITE
        User-Agent: Cisco-CP7965G/9.4.2
        Contact: <sip:2100@10.10.20.15:5060;transport=udp>;+u.sip!devicename.ccm.cisco.com="SEP00215A7B8C9D"
        Expires: 180
        Accept: application/sdp
        Allow: ACK,BYE,CANCEL,INVITE,NOTIFY,OPTIONS,REFER,REGISTER,UPDATE,SUBSCRIBE,INFO
        Remote-Party-ID: "Reception" <sip:2100@10.10.10.1>;party=calling;id-type=subscriber;privacy=off;screen=yes
        Supported: replaces,join,sdp-anat,norefersub,resource-priority,extended-refer,X-cisco-callinfo,X-cisco-serviceuri,X-cisco-escapecodes,X-cisco-service-control,X-cisco-srtp-fallback,X-cisco-monrec,X-cisco-config,X-cisco-sis-7.0.0,X-cisco-xsi-8.5.1
        Allow-Events: kpml,dialog
        Cisco-Guid: 0001234567-0000065536-0000000001-0175243786
        Content-Length: {CL}
        Content-Type: application/sdp
        Content-Disposition: session;handling=optional

        v=0
        o=Cisco-SIPUA 18522 0 IN IP4 10.10.20.15
        s=SIP Call
        t=0 0
        m=audio 29046 RTP/AVP 0 8 18 101
        c=IN IP4 10.10.20.15
        a=rtpmap:0 PCMU/8000
        a=rtpmap:8 PCMA/8000
        a=rtpmap:18 G729/8000
        a=fmtp:18 annexb=no
        a=rtpmap:101 telephone-event/8000
        a=fmtp:101 0-15
        a=sendrecv

        """)

    static let polycomMWINotify = coreWire("""
        NOTIFY sip:3305@10.0.5.61:5060 SIP/2.0
        Via: SIP/2.0/UDP 10.0.5.2:5060;branch=z9hG4bK0c8a8b0f
        Max-Forwards: 70
        From: "3305" <sip:3305@10.0.5.2>;tag=as6e2b1c4d
        To: <sip:3305@10.0.5.61:5060>;tag=DB1A2B3C-4D5E6F70
        Contact: <sip:3305@10.0.5.2:5060>
        Call-ID: 1a2b3c4d-5e6f7081-92a3b4c5@10.0.5.61
        CSeq: 102 NOTIFY
        User-Agent: PolycomVVX-VVX_411-UA/6.4.3.5018
        Event: message-summary
        Subscription-State: active;expires=3590
        Content-Type: application/simple-message-summary
        Content-Length: {CL}

        Messages-Waiting: yes
        Message-Account: sip:*97@10.0.5.2
        Voice-Message: 2/8 (0/2)

        """)

    static let yealinkByeOK = coreWire("""
        SIP/2.0 200 OK
        Via: SIP/2.0/UDP 172.16.4.1:5060;branch=z9hG4bK4a4c3b2a;rport=5060
        From: <sip:801@172.16.4.1>;tag=as7f0e1d2c
        To: "Sales" <sip:802@172.16.4.1>;tag=1987654321
        Call-ID: 3c1b7e00a4f2@172.16.4.22
        CSeq: 103 BYE
        User-Agent: Yealink SIP-T46S 66.86.0.15
        Content-Length: 0


        """)

    /// Grandstream and a cheap carrier edge both love compact forms and lowercase names.
    static let grandstreamCompact = coreWire("""
        INVITE sip:+14155550123@trunk.example.net SIP/2.0
        v: SIP/2.0/UDP 203.0.113.80:5080;branch=z9hG4bK1799212781;rport
        f: "GXP2170" <sip:6001@trunk.example.net>;tag=1424157287
        t: <sip:+14155550123@trunk.example.net>
        i: 1250361187-5080-1@BJC.BGI.D.BFB
        CSeq: 21 INVITE
        m: <sip:6001@203.0.113.80:5080>
        max-forwards: 70
        user-agent: Grandstream GXP2170 1.0.11.3
        k: replaces, path, timer
        x: 1800;refresher=uac
        allow-events: talk,hold,conference
        privacy: none
        p-preferred-identity: "GXP2170" <sip:6001@trunk.example.net>
        c: application/sdp
        l: {CL}

        v=0
        o=6001 8000 8000 IN IP4 203.0.113.80
        s=SIP Call
        c=IN IP4 203.0.113.80
        t=0 0
        m=audio 5004 RTP/AVP 0 101
        a=rtpmap:0 PCMU/8000
        a=rtpmap:101 telephone-event/8000
        a=sendrecv

        """)

    /// A carrier SBC (SIP-I style): multipart body with SDP and an ISUP part, a long
    /// Record-Route chain and a header folded over two lines.
    static let carrierSBCSessionProgress = coreWire("""
        SIP/2.0 183 Session Progress
        Via: SIP/2.0/UDP 198.51.100.9:5060;branch=z9hG4bK-sbc-3f2e1d;received=198.51.100.9
        Via: SIP/2.0/UDP 10.20.30.40:5060;branch=z9hG4bK-core-77aa
        Record-Route: <sip:198.51.100.1;lr;transport=udp>, <sip:10.0.0.1;lr>,
         <sip:10.0.0.2;lr>, <sip:10.0.0.3;lr;ftag=ab12>
        From: <sip:+4930123456@carrier.example;user=phone>;tag=b2b-1
        To: <sip:+4940987654@carrier.example;user=phone>;tag=ims-77
        Call-ID: 8f14e45fceea167a5a36dedd4bea2543@10.20.30.40
        CSeq: 1 INVITE
        Contact: <sip:+4940987654@198.51.100.1:5060;transport=udp>
        P-Early-Media: sendrecv
        P-Charging-Vector: icid-value="PCSF:1-cfed-0-1-000000000000-000000000001";
          icid-generated-at=198.51.100.1
        Require: 100rel
        RSeq: 4711
        MIME-Version: 1.0
        Content-Type: multipart/mixed;boundary="sbc-boundary 1"
        Content-Length: {CL}

        preamble the receiver ignores
        --sbc-boundary 1
        Content-Type: application/sdp

        v=0
        o=- 3771 1 IN IP4 198.51.100.1
        s=-
        c=IN IP4 198.51.100.1
        t=0 0
        m=audio 30000 RTP/AVP 8 101
        a=rtpmap:8 PCMA/8000
        a=rtpmap:101 telephone-event/8000

        --sbc-boundary 1
        Content-Type: application/isup;version=itu-t92+
        Content-Disposition: signal;handling=optional

        \u{06}\u{00}\u{01}\u{02}ISUP-ACM
        --sbc-boundary 1--
        epilogue
        """)

    static let kamailioOptionsPing = coreWire("""
        OPTIONS sip:192.0.2.200:5060 SIP/2.0
        Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK5a8c.2f7c4e1c000000000000000000000000.0
        To: <sip:192.0.2.200:5060>
        From: <sip:dispatcher@localhost>;tag=5e3b7c1f0a2d4e6b8c9d0e1f2a3b4c5d-1a2b
        CSeq: 10 OPTIONS
        Call-ID: 4b1a2c3d5e6f7081-23450@192.0.2.1
        Max-Forwards:70
        Content-Length:  0
        User-Agent: kamailio (5.7.4 (x86_64/linux))


        """)

    static let all: [(String, [UInt8])] = [
        ("Asterisk INVITE", asteriskInvite),
        ("FreeSWITCH 200 OK", freeswitchOK),
        ("Kamailio forwarded INVITE", kamailioForwardedInvite),
        ("OpenSIPS 407", opensipsProxyAuth),
        ("baresip REGISTER", baresipRegister),
        ("Linphone MESSAGE", linphoneMessage),
        ("Twinkle NOTIFY", twinkleReferNotify),
        ("Cisco INVITE", ciscoInvite),
        ("Polycom MWI NOTIFY", polycomMWINotify),
        ("Yealink 200 to BYE", yealinkByeOK),
        ("Grandstream compact INVITE", grandstreamCompact),
        ("carrier SBC 183 multipart", carrierSBCSessionProgress),
        ("Kamailio OPTIONS ping", kamailioOptionsPing),
    ]
}
