import NAT

/// TURN over TLS (RFC 8656 §3.1, "turns"): the TCP connection to the server carries TLS,
/// the framed TURN stream inside it. The TLS engine runs here, on the media thread,
/// between the framer and the non-blocking socket.
extension NATSession {
    /// Room kept for a TLS record's header, padding and tag around a frame.
    static let tlsRecordOverhead = 64

    func startRelayTLS(_ tls: TURNTLSSettings, server: TransportAddress) {
        do {
            let context = try TURNTLSContexts.context(caFile: tls.caFile)
            relayTLS = try TLSClientStream(context: context, serverName: tls.serverName, server: server)
            sendCiphertext()   // the ClientHello, sent once the connect completes
        } catch let failure as TLSClientStream.Failure {
            lostRelayConnection(relayTLSFailure(failure))
        } catch {
            lostRelayConnection(relayTLSFailure(.setup("cannot load the trusted CAs: \(error)")))
        }
    }

    /// The user's words for a TLS failure: which server, and what went wrong.
    func relayTLSFailure(_ failure: TLSClientStream.Failure) -> String {
        let name = settings.turnTLS?.serverName ?? settings.turnServer?.host ?? "the server"
        let port = settings.turnServer.map { ":\($0.port)" } ?? ""
        let host = name.contains(":") ? "[\(name)]" : name
        return "TURN over TLS to \(host)\(port): \(failure)"
    }

    /// Encrypts one frame and writes its record. The room is checked first: a record
    /// once made must go, in order (the server would see a gap in the sequence).
    func writeThroughTLS(_ plaintext: UnsafeRawBufferPointer) -> Bool {
        guard let tls = relayTLS,
              relayBacklog.count + plaintext.count + Self.tlsRecordOverhead <= Self.relayBacklogLimit else { return false }
        do {
            try tls.write(plaintext)
        } catch {
            lostRelayConnection(relayTLSFailure(error))
            return false
        }
        sendCiphertext()
        return true
    }

    /// Decrypts `ciphertext` from the server and hands the plaintext stream to `consume`;
    /// false when the connection is gone (a failed handshake, a bad record, closed).
    func receiveThroughTLS(_ ciphertext: UnsafeRawBufferPointer, consume: (UnsafeRawBufferPointer) -> Bool) -> Bool {
        guard let tls = relayTLS else { return false }
        var going = true
        do {
            try tls.receive(ciphertext) { plaintext in
                if going { going = consume(plaintext) }
            }
        } catch {
            sendCiphertext()   // the alert telling the server why
            lostRelayConnection(relayTLSFailure(error))
            return false
        }
        // Handshake messages the server's bytes called for.
        sendCiphertext()
        return going && relayTLS != nil
    }

    /// Writes what the TLS engine has for the server.
    func sendCiphertext() {
        relayTLS?.takeCiphertext { writeInOrder($0) }
    }

    /// Ends TLS politely (close_notify) after the last request, before the socket closes.
    func closeRelayTLS() {
        guard let tls = relayTLS else { return }
        tls.close { writeInOrder($0) }
        relayTLS = nil
    }
}
