"""The two user agents of the media benchmark, driven the same way: baresip (ctrl_tcp)
and pipit (--headless --json). Each registers to the benchmark's SIP proxy, sends a WAV
file and records what it decodes. Every process is started here and stopped by its PID."""
import glob, json, os, signal, socket, subprocess, threading, time

CODECS = {"PCMU": ("PCMU", "pcmu"), "opus": ("opus/48000/2", "opus")}


def free_port(kind=socket.SOCK_DGRAM):
    with socket.socket(socket.AF_INET, kind) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def stop_process(proc, timeout=5):
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


class Agent:
    """What the benchmark needs of a user agent."""
    name = "?"

    def __init__(self):
        self.events = []  # (monotonic time, event)
        self.lock = threading.Lock()

    def wait_event(self, match, timeout=15, since=0):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                for t, e in self.events:
                    if t >= since and match(e):
                        return t
            if self.proc.poll() is not None:
                break
            time.sleep(0.002)
        raise RuntimeError(f"{self.name}: no such event within {timeout}s; saw {[e for _, e in self.events][-5:]}")

    @property
    def pid(self):
        return self.proc.pid

    def _note(self, event):
        with self.lock:
            self.events.append((time.monotonic(), event))


class Baresip(Agent):
    name = "baresip"

    def __init__(self, workdir, user, proxy, codec, source, auto_answer, pulse=None):
        super().__init__()
        self.auto_answer = auto_answer
        self.dir = os.path.join(workdir, f"baresip-{user}")
        self.recordings = os.path.join(self.dir, "recordings")
        os.makedirs(self.recordings, exist_ok=True)
        control = free_port(socket.SOCK_STREAM)
        with open(os.path.join(self.dir, "config"), "w") as f:
            # aufile: the speech in; aubridge with no source attached: decoded audio goes to
            # a paced player and nowhere else; sndfile: every call's audio both ways to WAV.
            if pulse is None:
                audio = (f"audio_source aufile,{source}\naudio_player aubridge,{user}\naudio_alert aubridge,{user}\n"
                         "module aufile.so\nmodule aubridge.so\nmodule sndfile.so\n"
                         f"snd_path {self.recordings}\n")
            else:
                # Device mode: the benchmark daemon's mic monitor in, this user's speaker sink
                # out; no recording here (the benchmark records the callee's speaker).
                audio = (f"audio_source pulse,mic.monitor\naudio_player pulse,spk_{user}\n"
                         f"audio_alert pulse,spk_{user}\nmodule pulse.so\n")
            f.write(f"poll_method epoll\nnet_interface 127.0.0.1\ndns_server 127.0.0.1:53\n"
                    f"sip_listen 127.0.0.1:{free_port()}\naudio_level no\nrtp_stats no\n"
                    "module_path /usr/lib/baresip/modules\nmodule g711.so\nmodule opus.so\n"
                    "module account.so\nmodule menu.so\n"
                    f"module ctrl_tcp.so\nctrl_tcp_listen 127.0.0.1:{control}\n{audio}")
        answer = ";answermode=auto" if auto_answer else ""
        with open(os.path.join(self.dir, "accounts"), "w") as f:
            f.write(f"<sip:{user}@{proxy.address};transport=udp>;regint=600{answer}"
                    f";audio_codecs={CODECS[codec][0]}\n")
        open(os.path.join(self.dir, "contacts"), "w").close()
        env = None if pulse is None else pulse.client_env(os.environ)
        self.proc = subprocess.Popen(["baresip", "-f", self.dir], stdin=subprocess.DEVNULL,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        deadline = time.monotonic() + 10
        while True:
            try:
                self.sock = socket.create_connection(("127.0.0.1", control), timeout=1)
                break
            except OSError:
                if time.monotonic() > deadline or self.proc.poll() is not None:
                    stop_process(self.proc)
                    raise RuntimeError("baresip did not open its control port")
                time.sleep(0.05)
        self.sock.settimeout(None)
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        buf = b""
        while True:
            try:
                chunk = self.sock.recv(65536)
            except OSError:
                return
            if not chunk:
                return
            buf += chunk
            while b":" in buf:  # netstrings: LENGTH:JSON,
                head, _, rest = buf.partition(b":")
                if not head.isdigit() or len(rest) < int(head) + 1:
                    break
                body, buf = rest[:int(head)], rest[int(head) + 1:]
                try:
                    event = json.loads(body)
                except ValueError:
                    continue
                self._note(event)
                # Answered over ctrl_tcp: `answermode=auto` alone did not answer here.
                if self.auto_answer and event.get("type") == "CALL_INCOMING":
                    self.command("accept")

    def command(self, name, params=""):
        body = json.dumps({"command": name, "params": params, "token": name}).encode()
        self.sock.sendall(str(len(body)).encode() + b":" + body + b",")

    def dial(self, uri):
        self.command("dial", uri)

    def hangup(self):
        self.command("hangup")

    def wait_established(self, timeout=15):
        return self.wait_event(lambda e: e.get("type") == "CALL_ESTABLISHED", timeout)

    def received_path(self):
        found = glob.glob(os.path.join(self.recordings, "*-dec.wav"))
        return max(found, key=os.path.getmtime) if found else None

    def stop(self):
        try:
            self.sock.close()
        except OSError:
            pass
        stop_process(self.proc)


class Pipit(Agent):
    name = "pipit"

    def __init__(self, binary, workdir, user, proxy, codec, source, auto_answer, rtp_base, pulse=None):
        super().__init__()
        home = os.path.join(workdir, f"pipit-{user}")
        os.makedirs(home, exist_ok=True)
        self.output = os.path.join(home, "received.wav")
        config = os.path.join(home, "config.toml")
        with open(config, "w") as f:
            f.write(f'[general]\nhistory = false\n'
                    f'[network]\nlisten = ["udp:127.0.0.1:0"]\nrtp_port_min = {rtp_base}\nrtp_port_max = {rtp_base + 99}\n'
                    # No ICE: its host candidates would take the media straight to the
                    # other pipit, around the impairment relay.
                    'ice = false\n'
                    + (f'[audio]\nbackend = "file"\ninput = "{source}"\noutput = "{self.output}"\n' if pulse is None else
                       # Device mode: as a user would run it, echo canceller and noise suppressor on.
                       f'[audio]\nbackend = "pulse"\ninput = "mic.monitor"\noutput = "spk_{user}"\n'
                       'echo_cancel = true\nnoise_suppression = true\n') +
                    f'[[account]]\nname = "{user}"\nuri = "sip:{user}@{proxy.address}"\n'
                    f'registrar = "sip:{proxy.address}"\nregister = true\n'
                    f'auto_answer = {"true" if auto_answer else "false"}\ncodecs = ["{CODECS[codec][1]}"]\n')
        os.chmod(config, 0o600)
        env = dict(os.environ, HOME=home, XDG_DATA_HOME=home, XDG_CONFIG_HOME=home)
        if pulse is not None:
            env = pulse.client_env(env)
        self.proc = subprocess.Popen([binary, "--headless", "--json", "--config", config], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.proc.stdout:
            try:
                self._note(json.loads(line))
            except ValueError:
                pass

    def _send(self, text):
        try:
            self.proc.stdin.write(text.encode() + b"\n")
            self.proc.stdin.flush()
        except OSError:
            pass

    def dial(self, uri):
        self._send(f"call {uri}")

    def hangup(self):
        self._send("hangup all")

    def statistics(self, timeout=3):
        """The call's `stats` event (receive side: buffer_ms, concealed_frames, …), or None."""
        since = time.monotonic()
        self._send("stats")
        try:
            self.wait_event(lambda e: "concealed_frames" in json.dumps(e), timeout, since)
        except RuntimeError:
            return None
        with self.lock:
            found = [e for t, e in self.events if t >= since and "concealed_frames" in json.dumps(e)]
        return found[-1] if found else None

    def wait_established(self, timeout=15):
        return self.wait_event(lambda e: e.get("event") == "call" and e.get("state") == "established", timeout)

    def received_path(self):
        return self.output if os.path.exists(self.output) else None

    def stop(self):
        try:
            self.proc.stdin.close()
        except OSError:
            pass
        try:
            self.proc.wait(5)
        except subprocess.TimeoutExpired:
            stop_process(self.proc)
