import Foundation
import TestLab

/// How a pipit in the NAT lab is configured: SIP transport and listen address, the TURN
/// server and how it is reached, ICE, the CA file, auto-answer. Each phone sends a tone
/// from a WAV file and records what it hears (`NATLabCallTests.Phone`).
struct NATLabPhoneSettings {
    /// SIP over "udp" or "tcp" (the account's transport and the listener's).
    var sipTransport = "udp"
    /// Listen on 0.0.0.0 rather than the host's address (a listener bound to an address
    /// dies with it when the address goes).
    var listenOnWildcard = false
    /// The TURN server ("" for coturn's lab address), nil for none.
    var turnServer: String? = ""
    var turnTransport = "udp"
    var ice = true
    var caFile: String?
    var autoAnswer = false

    func config(_ user: String, on host: NATNetwork.Host, of nat: NATTopology, tone: URL, heard: URL) -> String {
        let turn = turnServer.map { $0.isEmpty ? nat.stunServer : $0 }
        return """
            [general]
            log_level = "info"
            [network]
            listen = ["\(sipTransport):\(listenOnWildcard ? "0.0.0.0" : host.address):5060"]
            stun_server = "\(nat.stunServer)"
            ice = \(ice)
            \(turn == nil ? "# " : "")turn_server = "\(turn ?? nat.stunServer)"
            turn_user = "\(nat.coturn.user)"
            turn_password = "\(nat.coturn.password)"
            turn_transport = "\(turnTransport)"
            \(caFile.map { "tls_ca_file = \"\($0)\"" } ?? "")
            [audio]
            backend = "file"
            input = "\(tone.path)"
            output = "\(heard.path)"
            [[account]]
            name = "\(user)"
            uri = "sip:\(user)@\(nat.network.sipAddress)"
            password = "\(nat.users[user] ?? "")"
            registrar = "sip:\(nat.registrar)"
            transport = "\(sipTransport)"
            codecs = ["pcmu"]
            auto_answer = \(autoAnswer)
            """
    }
}

extension NATLabCallTests {
    /// pipit for `user` on `host`, sending a `frequency` tone, recording into `dir`.
    static func phone(_ user: String, on host: NATNetwork.Host, of nat: NATTopology, frequency: Double,
                      _ settings: NATLabPhoneSettings, dir: URL) throws -> Phone {
        let tone = dir.appendingPathComponent("\(user).wav")
        let heard = dir.appendingPathComponent("\(user)-heard.wav")
        try AudioCallTests.tone(frequency, rate: 8000, seconds: 30).write(to: tone.path)
        let home = try TestHome(config: settings.config(user, on: host, of: nat, tone: tone, heard: heard))
        let process = try HeadlessProcess(["--headless"], home: home.url, namespace: host.namespace)
        return Phone(name: user, process: process, heard: heard)
    }
}
