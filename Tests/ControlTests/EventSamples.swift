import Media
import UserAgent

/// Events used by the formatter tests.
enum EventSamples {
    static let bobRinging = CallSnapshot(id: 1, account: "work", direction: .outgoing, remoteURI: "sip:bob@example.com",
                                         remoteName: "Bob", state: .ringing)
    static let carolBusy = CallSnapshot(id: 2, account: "work", direction: .outgoing, remoteURI: "sip:carol@example.com",
                                        remoteName: nil, state: .terminated, end: CallEnd(.busy, code: 486, detail: "Busy Here"))
    static let daveCalling = CallSnapshot(id: 3, account: "home", direction: .incoming, remoteURI: "sip:dave@example.org",
                                          remoteName: "Dave D.", state: .incoming)
    static let bobTalking = CallSnapshot(id: 1, account: "work", direction: .outgoing, remoteURI: "sip:bob@example.com",
                                         remoteName: "Bob", state: .established, isCurrent: true)
    static let daveHeld = CallSnapshot(id: 3, account: "home", direction: .incoming, remoteURI: "sip:dave@example.org",
                                       remoteName: "", state: .held(.local))
    static let work = AccountSummary(name: "work", uri: "sip:alice@example.com", state: .registered(expires: 600),
                                     isDefault: true)
    static let home = AccountSummary(name: "home", uri: "sip:alice@example.org",
                                     state: .failed(reason: "Forbidden", code: 403, retryIn: nil))
    static let lan = AccountSummary(name: "lan", uri: "sip:alice@192.0.2.7", state: .unregistered, isLocal: true,
                                    autoAnswer: true, forwarding: true)

    static var talkingStatistics: MediaStreamSnapshot {
        var s = MediaStreamSnapshot()
        s.codec = "PCMU"
        s.encrypted = true
        s.remote = "192.0.2.4:4000"
        s.quality.packetsSent = 1502
        s.quality.packetsReceived = 1498
        s.quality.packetsLost = 6
        s.quality.fractionLost = 0.004
        s.quality.jitterMilliseconds = 3.2
        s.quality.peerFractionLost = 0
        s.quality.peerJitterMilliseconds = 2
        s.quality.roundTripMilliseconds = 41.4
        s.quality.jitterBufferDelayMilliseconds = 40
        s.quality.concealedFrames = 5
        s.quality.redundantFrames = 4
        s.mos = 4.27
        s.secondsSinceLastPacket = 0.02
        return s
    }

    /// A call through a port-preserving NAT: ICE completed on a server-reflexive pair.
    static var natReport: NATReport {
        var nat = NATSnapshot()
        nat.publicAddress = "198.51.100.9:4000"
        nat.mapping = .portKept
        nat.iceState = "completed"
        nat.role = "controlling"
        nat.localCandidates = ["host 192.168.1.5:4000 c1", "srflx 198.51.100.9:4000 base 192.168.1.5:4000 c1"]
        nat.remoteCandidates = ["host 10.0.0.7:5000 c1"]
        nat.selectedPair = "srflx 198.51.100.9:4000 base 192.168.1.5:4000 c1 -> host 10.0.0.7:5000 c1"
        nat.turnFailure = "allocation refused: 401 wrong credentials"
        return NATReport(
            accounts: [NATReport.Account(name: "home", ice: true, stunServer: "stun.example.net", turnServer: "203.0.113.1:3478",
                                         turnTransport: .udp, turnUser: "alice", registeredContact: "sip:alice@198.51.100.9:5060"),
                       NATReport.Account(name: "lan", ice: false),
                       NATReport.Account(name: "office", ice: true, turnServer: "turn.example.com:443", turnTransport: .tcp)],
            calls: [NATReport.Call(call: 1, account: "home", nat: nat, behaviour: NATReport.behaviour(of: nat, stunServer: true)),
                    NATReport.Call(call: 2, account: "lan", nat: nil, behaviour: NATReport.behaviour(of: nil, stunServer: false))])
    }

    /// One of each kind: (event, text lines, JSON line).
    static let golden: [(Event, [String], String)] = [
        (.registration(account: "work", state: .registered(expires: 600)),
         ["account work: registered (expires 600 s)"],
         #"{"event":"registration","account":"work","state":"registered","expires":600}"#),
        (.call(bobRinging),
         ["call 1: ringing — Bob <sip:bob@example.com>"],
         #"{"event":"call","call":1,"account":"work","direction":"outgoing","state":"ringing","remote":"sip:bob@example.com","display_name":"Bob","current":false}"#),
        (.call(carolBusy),
         ["call 2: terminated — busy (486 Busy Here)"],
         #"{"event":"call","call":2,"account":"work","direction":"outgoing","state":"terminated","remote":"sip:carol@example.com","current":false,"reason":"busy","code":486,"detail":"Busy Here"}"#),
        (.incomingCall(daveCalling),
         ["call 3: incoming call from Dave D. <sip:dave@example.org> (account home)"],
         #"{"event":"incoming_call","call":3,"account":"home","direction":"incoming","state":"incoming","remote":"sip:dave@example.org","display_name":"Dave D.","current":false}"#),
        (.messageReceived(account: "work", from: "sip:bob@example.com", text: "call me back"),
         ["message from sip:bob@example.com (account work): call me back"],
         #"{"event":"message","account":"work","remote":"sip:bob@example.com","text":"call me back"}"#),
        (.error("call: no account can reach sip:bob@example.net"),
         ["error: call: no account can reach sip:bob@example.net"],
         #"{"event":"error","text":"call: no account can reach sip:bob@example.net"}"#),
        (.info("usage: calls"),
         ["usage: calls"],
         #"{"event":"info","text":"usage: calls"}"#),
        (.log(level: .warning, "TLS certificate expires in 3 days"),
         ["log warning: TLS certificate expires in 3 days"],
         #"{"event":"log","level":"warning","text":"TLS certificate expires in 3 days"}"#),
        (.accounts([work, home, lan]),
         ["account work: registered (expires 600 s) — sip:alice@example.com (default)",
          "account home: failed — Forbidden (403), not retrying — sip:alice@example.org",
          "account lan: local, no registrar — sip:alice@192.0.2.7 (auto-answer, forwarding)"],
         #"{"event":"accounts","accounts":[{"account":"work","uri":"sip:alice@example.com","state":"registered","expires":600,"default":true,"local":false,"auto_answer":false,"forwarding":false},{"account":"home","uri":"sip:alice@example.org","state":"failed","reason":"Forbidden","code":403,"default":false,"local":false,"auto_answer":false,"forwarding":false},{"account":"lan","uri":"sip:alice@192.0.2.7","state":"unregistered","default":false,"local":true,"auto_answer":true,"forwarding":true}]}"#),
        (.accounts([]), ["no accounts"], #"{"event":"accounts","accounts":[]}"#),
        (.calls([bobTalking, daveHeld]),
         ["call 1: established — Bob <sip:bob@example.com> (outgoing, account work, current)",
          "call 3: on hold — sip:dave@example.org (incoming, account home)"],
         #"{"event":"calls","calls":[{"call":1,"account":"work","direction":"outgoing","state":"established","remote":"sip:bob@example.com","display_name":"Bob","current":true},{"call":3,"account":"home","direction":"incoming","state":"held","hold":"local","remote":"sip:dave@example.org","current":false}]}"#),
        (.calls([]), ["no calls"], #"{"event":"calls","calls":[]}"#),
        (.contacts([Contact(name: "Bob \"the\" Smith", uris: ["sip:bob@example.com"], numbers: [.init("+1 555 0100", label: "mobile")])]),
         ["contact Bob \"the\" Smith: sip:bob@example.com, +1 555 0100 (mobile)"],
         #"{"event":"contacts","contacts":[{"name":"Bob \"the\" Smith","uris":["sip:bob@example.com"],"numbers":[{"number":"+1 555 0100","label":"mobile"}]}]}"#),
        (.contacts([]), ["no contacts"], #"{"event":"contacts","contacts":[]}"#),
        (.callStatistics(call: 1, talkingStatistics),
         ["call 1: audio PCMU, encrypted, to 192.0.2.4:4000 — sent 1502, received 1498, lost 6 (0.4 %), jitter 3 ms, peer lost 0.0 %, round trip 41 ms, buffer 40 ms, concealed 5 frames, redundancy filled 4 frames, MOS 4.3"],
         #"{"event":"statistics","call":1,"codec":"PCMU","encrypted":true,"remote":"192.0.2.4:4000","packets_sent":1502,"packets_received":1498,"packets_lost":6,"loss_permille":4,"peer_loss_permille":0,"jitter_ms":3,"peer_jitter_ms":2,"round_trip_ms":41,"buffer_ms":40,"concealed_frames":5,"fec_frames":0,"redundant_frames":4,"redundant_copies":0,"mos_tenths":43,"auth_failures":0}"#),
        (.dtmfReceived(call: 1, digit: "5"), ["call 1: dtmf 5"], #"{"event":"dtmf","call":1,"digit":"5"}"#),
        (.audio("playback device headset lost, fell back to speakers", warning: true),
         ["audio warning: playback device headset lost, fell back to speakers"],
         #"{"event":"audio","detail":"playback device headset lost, fell back to speakers","warning":true}"#),
        (.soundLevels(SoundLevels(microphone: 0.1, speaker: 0, microphoneMuted: true)),
         ["audio levels: microphone -20 dBFS, speaker silent; microphone muted"],
         #"{"event":"audio_levels","microphone":-20,"speaker":-120,"muted":true}"#),
        (.soundLevels(SoundLevels(microphone: nil, speaker: nil, microphoneMuted: false)),
         ["audio levels: no device open"], #"{"event":"audio_levels","muted":false}"#),
        (.voicemail(account: "work", MessageSummary(waiting: true, account: "sip:*97@example.com", newMessages: 2,
                                                    oldMessages: 8, newUrgent: 1)),
         ["account work: voicemail: 2 new (1 urgent), 8 old — sip:*97@example.com"],
         #"{"event":"voicemail","account":"work","waiting":true,"new":2,"old":8,"urgent_new":1,"urgent_old":0,"voicemail":"sip:*97@example.com"}"#),
        (.voicemail(account: "home", MessageSummary(waiting: false, oldMessages: 3)),
         ["account home: no new voicemail (3 old)"],
         #"{"event":"voicemail","account":"home","waiting":false,"new":0,"old":3,"urgent_new":0,"urgent_old":0}"#),
        (.messageDelivery(to: "sip:bob@example.com", code: 200, detail: "OK"),
         ["message to sip:bob@example.com: delivered (200 OK)"],
         #"{"event":"message_status","remote":"sip:bob@example.com","delivered":true,"code":200,"detail":"OK"}"#),
        (.messageDelivery(to: "sip:nobody@example.com", code: 404, detail: "Not Found"),
         ["message to sip:nobody@example.com: not delivered (404 Not Found)"],
         #"{"event":"message_status","remote":"sip:nobody@example.com","delivered":false,"code":404,"detail":"Not Found"}"#),
        (.messageDelivery(to: "sip:bob@example.com", code: 408, detail: ""),
         ["message to sip:bob@example.com: not delivered (408)"],
         #"{"event":"message_status","remote":"sip:bob@example.com","delivered":false,"code":408}"#),
        (.transfer(call: 1, TransferUpdate(.requested, target: "sip:carol@example.com")),
         ["call 1: transfer to sip:carol@example.com requested"],
         #"{"event":"transfer","call":1,"stage":"requested","target":"sip:carol@example.com"}"#),
        (.transfer(call: 1, TransferUpdate(.accepted, target: "sip:carol@example.com", code: 202, detail: "Accepted")),
         ["call 1: transfer to sip:carol@example.com accepted (202 Accepted)"],
         #"{"event":"transfer","call":1,"stage":"accepted","target":"sip:carol@example.com","code":202,"detail":"Accepted"}"#),
        (.transfer(call: 1, TransferUpdate(.progress, target: "sip:carol@example.com", code: 180, detail: "Ringing")),
         ["call 1: transfer to sip:carol@example.com: the other side is calling (180 Ringing)"],
         #"{"event":"transfer","call":1,"stage":"progress","target":"sip:carol@example.com","code":180,"detail":"Ringing"}"#),
        (.transfer(call: 1, TransferUpdate(.succeeded, target: "sip:carol@example.com", code: 200, detail: "OK")),
         ["call 1: transferred to sip:carol@example.com"],
         #"{"event":"transfer","call":1,"stage":"succeeded","target":"sip:carol@example.com","code":200,"detail":"OK"}"#),
        (.transfer(call: 1, TransferUpdate(.failed, target: "sip:carol@example.com", code: 486, detail: "Busy\nHere")),
         ["call 1: transfer to sip:carol@example.com failed (486 Busy\\nHere)"],
         #"{"event":"transfer","call":1,"stage":"failed","target":"sip:carol@example.com","code":486,"detail":"Busy\nHere"}"#),
        (.transfer(call: 2, TransferUpdate(.offered, target: "sip:dave@example.org")),
         ["call 2: the other side asks to transfer you to sip:dave@example.org (transfer accept, or transfer decline)"],
         #"{"event":"transfer","call":2,"stage":"offered","target":"sip:dave@example.org"}"#),
        (.transfer(call: 2, TransferUpdate(.calling, target: "sip:dave@example.org", newCall: 3)),
         ["call 2: transferring to sip:dave@example.org as call 3"],
         #"{"event":"transfer","call":2,"stage":"calling","target":"sip:dave@example.org","new_call":3}"#),
        (.transfer(call: 2, TransferUpdate(.declined, target: "sip:dave@example.org", code: 603)),
         ["call 2: transfer to sip:dave@example.org declined (603)"],
         #"{"event":"transfer","call":2,"stage":"declined","target":"sip:dave@example.org","code":603}"#),
        (.noMedia(call: 1, reason: "the peer's SDP offers a private address (10.0.0.7) and no ICE"),
         ["call 1: no audio from the peer: the peer's SDP offers a private address (10.0.0.7) and no ICE"],
         #"{"event":"no_media","call":1,"reason":"the peer's SDP offers a private address (10.0.0.7) and no ICE"}"#),
        (.natStatus(natReport),
         ["nat: account home: ice on, stun stun.example.net, turn 203.0.113.1:3478 (user alice), registered as sip:alice@198.51.100.9:5060",
          "nat: account lan: ice off, no stun server, no turn server",
          "nat: account office: ice on, no stun server, turn turn.example.com:443 (over tcp)",
          "call 1: ice completed (controlling), selected srflx 198.51.100.9:4000 base 192.168.1.5:4000 c1 -> host 10.0.0.7:5000 c1",
          "  NAT, port kept; public address 198.51.100.9:4000",
          "  local candidates: host 192.168.1.5:4000 c1, srflx 198.51.100.9:4000 base 192.168.1.5:4000 c1",
          "  remote candidates: host 10.0.0.7:5000 c1",
          "  problems: turn: allocation refused: 401 wrong credentials",
          "call 2: no NAT traversal (account lan)"],
         #"{"event":"nat","accounts":[{"account":"home","ice":true,"stun_server":"stun.example.net","turn_server":"203.0.113.1:3478","turn_transport":"udp","turn_user":"alice","registered_contact":"sip:alice@198.51.100.9:5060"},{"account":"lan","ice":false},{"account":"office","ice":true,"turn_server":"turn.example.com:443","turn_transport":"tcp"}],"calls":[{"call":1,"account":"home","traversal":true,"behaviour":"NAT, port kept","ice_state":"completed","role":"controlling","selected_pair":"srflx 198.51.100.9:4000 base 192.168.1.5:4000 c1 -> host 10.0.0.7:5000 c1","public_address":"198.51.100.9:4000","local_candidates":["host 192.168.1.5:4000 c1","srflx 198.51.100.9:4000 base 192.168.1.5:4000 c1"],"remote_candidates":["host 10.0.0.7:5000 c1"],"turn_failure":"allocation refused: 401 wrong credentials","consent_lost":false},{"call":2,"account":"lan","traversal":false,"behaviour":"no NAT traversal"}]}"#),
        (.natStatus(NATReport(accounts: [], calls: [])),
         ["nat: no accounts", "nat: no calls"],
         #"{"event":"nat","accounts":[],"calls":[]}"#),
        (.networkChanged(NetworkChangeReport(added: ["10.0.0.7"], removed: ["192.168.1.5"], restartedCalls: [1],
                                             reregisteredAccounts: ["home", "office"])),
         ["network changed: 192.168.1.5 → 10.0.0.7; restarting ICE on 1 call, re-registering 2 accounts"],
         #"{"event":"network_changed","added":["10.0.0.7"],"removed":["192.168.1.5"],"restarted_calls":[1],"reregistered_accounts":["home","office"]}"#),
        (.networkChanged(NetworkChangeReport(added: ["2001:db8::7"], removed: [])),
         ["network changed: new 2001:db8::7"],
         #"{"event":"network_changed","added":["2001:db8::7"],"removed":[],"restarted_calls":[],"reregistered_accounts":[]}"#),
    ]

    /// The kind of an event, so the tests can check that `golden` covers them all; the
    /// switch stops compiling when a kind is added.
    static func kind(_ event: Event) -> String {
        switch event {
        case .registration: "registration"
        case .call: "call"
        case .incomingCall: "incomingCall"
        case .messageReceived: "messageReceived"
        case .messageDelivery: "messageDelivery"
        case .error: "error"
        case .info: "info"
        case .accounts: "accounts"
        case .calls: "calls"
        case .log: "log"
        case .contacts: "contacts"
        case .callStatistics: "callStatistics"
        case .dtmfReceived: "dtmfReceived"
        case .audio: "audio"
        case .soundLevels: "soundLevels"
        case .transfer: "transfer"
        case .voicemail: "voicemail"
        case .noMedia: "noMedia"
        case .natStatus: "natStatus"
        case .networkChanged: "networkChanged"
        }
    }
    static let kindCount = 20
}
