import NAT

/// TURN over TLS (RFC 8656 §3.1, "turns"): TLS between the framer and the non-blocking
/// socket, run here on the media thread.
extension RelayStream {
    func startTLS(_ settings: TURNTLSSettings) {
        do {
            let context = try TURNTLSContexts.context(caFile: settings.caFile)
            tls = try TLSClientStream(context: context, serverName: settings.serverName, server: server)
            sendCiphertext()   // the ClientHello, sent once the connect completes
        } catch let failure as TLSClientStream.Failure {
            lose(tlsFailure(failure))
        } catch {
            lose(tlsFailure(.setup("cannot load the trusted CAs: \(error)")))
        }
    }

    /// The user's words for a TLS failure: which server, and what went wrong.
    func tlsFailure(_ failure: TLSClientStream.Failure) -> String {
        let name = tlsSettings?.serverName ?? server.host
        let host = name.contains(":") ? "[\(name)]" : name
        return "TURN over TLS to \(host):\(server.port): \(failure)"
    }

    /// Encrypts one frame and writes its record. The room is checked first: a record
    /// once made must go, in order (the server would see a gap in the sequence).
    func writeThroughTLS(_ plaintext: UnsafeRawBufferPointer) -> Bool {
        guard let tls, backlogCount + plaintext.count + Self.tlsRecordOverhead <= Self.backlogLimit else { return false }
        do {
            try tls.write(plaintext)
        } catch {
            lose(tlsFailure(error))
            return false
        }
        sendCiphertext()
        return true
    }

    /// Decrypts `ciphertext` from the server and hands the plaintext stream to `consume`.
    func receiveThroughTLS(_ ciphertext: UnsafeRawBufferPointer, consume: (UnsafeRawBufferPointer) -> Void) {
        guard let tls else { return }
        do {
            try tls.receive(ciphertext) { plaintext in
                if !isLost { consume(plaintext) }
            }
        } catch {
            sendCiphertext()   // the alert telling the server why
            lose(tlsFailure(error))
            return
        }
        sendCiphertext()   // handshake messages the server's bytes called for
    }

    /// Writes what the TLS engine has for the server.
    func sendCiphertext() {
        tls?.takeCiphertext { writeInOrder($0) }
    }

    /// close_notify after the last request.
    func closeTLS() {
        guard let tls else { return }
        tls.close { writeInOrder($0) }
        self.tls = nil
    }
}
