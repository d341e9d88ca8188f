"""A private PulseAudio daemon for the media benchmark's device mode, started the way
Tests/TestLab/PulseAudio.swift starts the lab's: a user daemon (also as root) with its own
HOME, runtime and state directories, the native protocol on a unix socket in the work
directory only, no default.pa, never exiting on idle, stopped by its PID.

Sinks (null, 48 kHz mono): `mic` is what both agents capture (from `mic.monitor`): the
benchmark plays the speech into it with paplay, so each side's codec, echo canceller and
noise suppressor work on speech; `spk_<user>` is each agent's speaker, so the callee's
speaker can be recorded (parecord of its monitor) to check that the call carried audio."""
import os, signal, subprocess, time

SINKS = ("mic", "spk_alice", "spk_bob")


class PulseDaemon:
    def __init__(self, workdir):
        base = os.path.join(workdir, "pulseaudio")
        self.runtime, state, self.home = (os.path.join(base, d) for d in ("runtime", "state", "home"))
        for d in (self.runtime, state, self.home):
            os.makedirs(d, exist_ok=True)
        socket_path = os.path.join(self.runtime, "native")
        self.server = f"unix:{socket_path}"
        script = os.path.join(base, "bench.pa")
        with open(script, "w") as f:
            f.write(f"load-module module-native-protocol-unix auth-anonymous=1 socket={socket_path}\n")
            for sink in SINKS:
                f.write(f"load-module module-null-sink sink_name={sink} rate=48000 channels=1\n")
            f.write("set-default-sink spk_alice\nset-default-source mic.monitor\n")
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": self.home,
               "XDG_RUNTIME_DIR": self.runtime, "XDG_CONFIG_HOME": self.home,
               "PULSE_RUNTIME_PATH": self.runtime, "PULSE_STATE_PATH": state}
        self.log = open(os.path.join(base, "daemon.log"), "w")
        # -n: no default.pa; as root pulseaudio only warns when --system is not given.
        self.proc = subprocess.Popen(["pulseaudio", "-n", "-F", script, "--daemonize=no", "--exit-idle-time=-1",
                                      "--system=no", "--disallow-exit", "--use-pid-file=no",
                                      "--log-target=stderr"],
                                     env=env, stdin=subprocess.DEVNULL, stdout=self.log, stderr=self.log)
        self.players = []
        deadline = time.monotonic() + 10
        while subprocess.run(["pactl", "info"], env=self.client_env(), capture_output=True).returncode != 0:
            if time.monotonic() > deadline or self.proc.poll() is not None:
                self.close()
                raise RuntimeError("the benchmark's PulseAudio daemon did not start")
            time.sleep(0.05)

    def client_env(self, base=None):
        """The environment for a client of this daemon only: no autospawn, no user config."""
        env = dict(base if base is not None else {"PATH": os.environ.get("PATH", "/usr/bin:/bin")})
        env.update(PULSE_SERVER=self.server, PULSE_CLIENTCONFIG="/dev/null")
        env.setdefault("HOME", self.home)
        env.setdefault("XDG_RUNTIME_DIR", self.runtime)
        return env

    def play(self, path, sink="mic"):
        """paplay `path` into `sink`; stopped by `stop_players` (or `close`)."""
        proc = subprocess.Popen(["paplay", f"--device={sink}", path], env=self.client_env(),
                                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.players.append(proc)
        return proc

    def record(self, path, source):
        """parecord `source` (16 kHz mono, 16-bit WAV) into `path` until `stop_players`."""
        proc = subprocess.Popen(["parecord", f"--device={source}", "--rate=16000", "--channels=1",
                                 "--format=s16le", "--file-format=wav", path], env=self.client_env(),
                                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.players.append(proc)
        return proc

    def stop_players(self):
        for proc in self.players:
            stop(proc)
        self.players = []

    def close(self):
        self.stop_players()
        stop(self.proc)
        self.log.close()


def stop(proc, timeout=5):
    """SIGTERM the process by its PID (SIGINT first for parecord, so it finishes its file)."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout / 2)
            return
        except subprocess.TimeoutExpired:
            pass
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout / 2)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
