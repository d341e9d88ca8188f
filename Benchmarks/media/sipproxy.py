"""A tiny SIP registrar and stateless proxy on 127.0.0.1 that puts the impairment relay
in the media path of a call between two user agents.

Why: each side's SDP carries its own RTP port, so the peers would send media straight to
each other. The proxy rewrites the port of every `m=audio` line it forwards: the caller's
SDP is rewritten to the relay's B port and the callee's to its A port, so the caller
sends to A, the callee to B, and the relay (which latches each endpoint from its first
datagram) forwards between them. `c=` lines become 127.0.0.1 and `a=rtcp:` lines are
dropped (RTCP then goes to relay port + 1 and is lost: neither side needs it for audio), and
so are ICE attributes (their host candidates would lead around the relay).

Registration is accepted without authentication (both UAs are ours, on loopback); an
INVITE to sip:USER@proxy is forwarded to USER's registered contact. No Record-Route: only
the INVITE and its responses carry SDP, later requests go UA to UA."""
import hashlib, re, socket, threading

_VIA = re.compile(r"^(via|v)\s*:", re.I)


def _header(lines, name, short=None):
    for line in lines:
        key = line.split(":", 1)[0].strip().lower()
        if key == name or key == short:
            return line.split(":", 1)[1].strip()
    return None


class SIPProxy:
    def __init__(self):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.settimeout(0.1)
        self.port = self.sock.getsockname()[1]
        self.contacts = {}          # user -> ((host, port), contact URI)
        self.branches = {}          # our branch -> where the request came from
        self.caller = None          # SIP address of the side whose SDP goes to relay port B
        self.relay_ports = None     # (A, B)
        self.log = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    @property
    def address(self):
        return f"127.0.0.1:{self.port}"

    def route_media(self, relay_a, relay_b):
        """Media of the next call goes through these relay ports."""
        self.relay_ports = (relay_a, relay_b)
        self.caller = None

    def registered(self, user):
        return user in self.contacts

    def close(self):
        self._stop.set()
        self._thread.join(2)
        self.sock.close()

    def _run(self):
        while not self._stop.is_set():
            try:
                data, source = self.sock.recvfrom(65536)
            except socket.timeout:
                continue
            except OSError:
                return
            try:
                self._handle(data.decode("utf-8", "replace"), source)
            except Exception as error:  # a bad message must not stop the proxy
                self.log.append(f"error {error!r}")

    def _handle(self, text, source):
        head, _, body = text.partition("\r\n\r\n")
        lines = head.split("\r\n")
        start = lines[0]
        if start.startswith("SIP/2.0"):
            return self._response(lines, body, source)
        method, uri = start.split()[0], start.split()[1]
        if method == "REGISTER":
            return self._register(lines, source)
        user = re.match(r"sips?:([^@;>]+)@", uri)
        contact = self.contacts.get(user.group(1)) if user else None
        if contact is None:
            return self._reply(lines, source, "404 Not Found")
        target, contact_uri = contact
        if method == "INVITE" and self.caller is None:
            self.caller = source
        branch = "z9hG4bK" + hashlib.sha1((start + "|".join(l for l in lines if _VIA.match(l))).encode()
                                          + repr(source).encode()).hexdigest()[:16]
        self.branches[branch] = source
        via = f"Via: SIP/2.0/UDP {self.address};branch={branch}"
        request_line = f"{method} {contact_uri} SIP/2.0"
        lines = [request_line, via] + [self._mark_received(l, source) if _VIA.match(l) else l for l in lines[1:]]
        self._send(lines, self._rewrite(body, source), target)

    def _response(self, lines, body, source):
        vias = [i for i, l in enumerate(lines) if _VIA.match(l)]
        if not vias:
            return
        branch = re.search(r"branch=([^;,\s]+)", lines[vias[0]])
        back = self.branches.get(branch.group(1)) if branch else None
        if back is None:
            return
        del lines[vias[0]]
        self._send(lines, self._rewrite(body, source), back)

    def _register(self, lines, source):
        to = _header(lines, "to", "t") or ""
        user = re.search(r"sips?:([^@;>]+)@", to)
        contact = _header(lines, "contact", "m") or ""
        where = re.search(r"(sips?:[^@;>]*@?([0-9.]+):(\d+)[^>]*)", contact)
        if user and where:
            expires = re.search(r"expires=(\d+)", contact) or re.search(r"(\d+)", _header(lines, "expires") or "")
            if expires and expires.group(1) == "0":
                self.contacts.pop(user.group(1), None)
            else:
                self.contacts[user.group(1)] = ((where.group(2), int(where.group(3))), where.group(1))
        extra = [f"Contact: {contact.split(';expires')[0]};expires=600"] if contact else []
        self._reply(lines, source, "200 OK", extra)

    def _reply(self, lines, source, status, extra=()):
        keep = [l for l in lines[1:] if _VIA.match(l) or l.split(":", 1)[0].strip().lower()
                in ("from", "f", "to", "t", "call-id", "i", "cseq")]
        keep = [self._mark_received(l, source) if _VIA.match(l) else l for l in keep]
        to = [i for i, l in enumerate(keep) if l.split(":", 1)[0].strip().lower() in ("to", "t")]
        if to and ";tag=" not in keep[to[0]]:
            keep[to[0]] += ";tag=proxy"
        self._send([f"SIP/2.0 {status}"] + keep + list(extra), "", source)

    @staticmethod
    def _mark_received(via, source):
        if "rport" in via and "rport=" not in via:
            return via.replace("rport", f"rport={source[1]};received={source[0]}", 1)
        return via

    def _rewrite(self, body, source):
        if "m=audio" not in body or self.relay_ports is None:
            return body
        port = self.relay_ports[1] if source == self.caller else self.relay_ports[0]
        out = []
        for line in body.split("\r\n"):
            if line.startswith("m=audio "):
                parts = line.split(" ")
                parts[1] = str(port)
                line = " ".join(parts)
            elif line.startswith("c=IN IP4 "):
                line = "c=IN IP4 127.0.0.1"
            elif line.startswith(("a=rtcp:", "a=candidate:", "a=ice-", "a=end-of-candidates", "a=remote-candidates")):
                # ICE would find the direct path and leave the relay out: the agents see
                # a peer without ICE.
                continue
            out.append(line)
        return "\r\n".join(out)

    def _send(self, lines, body, target):
        lines = [l for l in lines if l.split(":", 1)[0].strip().lower() not in ("content-length", "l")]
        lines.append(f"Content-Length: {len(body.encode())}")
        self.sock.sendto(("\r\n".join(lines) + "\r\n\r\n" + body).encode(), target)
