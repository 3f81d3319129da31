"""Private servers that fault tests may stop and restart (Redis, PostgreSQL, gunicorn, Varnish,
nginx), and a relay that cuts a shared one off (TcpProxy).

The shared services on the default ports are used by other test runs at the same time, so a
fault test never stops them: it starts its own server on a free port, with its data in a
temporary directory, and stops, kills or restarts that one, or cuts the shared one off from the
application with a relay. Each server has `start()`,
`stop()`, `kill()` and `url`; all are stopped when the test session ends.
"""

import contextlib
import glob
import http.client
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PG_BIN = sorted(glob.glob("/usr/lib/postgresql/*/bin"))[-1:] or ["/usr/lib/postgresql/15/bin"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until(check, timeout: float, what: str, interval: float = 0.2):
    """Poll `check()` until it returns something truthy; fail with `what` after `timeout` s."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(interval)
    raise TimeoutError(f"{what} (waited {timeout:.0f} s)")


def fetch(server, method: str, path: str, body=None, headers=None, host: str = "localhost"):
    """(status, headers (case-insensitive, `get_all` for Set-Cookie), text) of one request to
    `server` (anything with a `port`) for `host`."""
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    conn.request(method, path, body=body, headers={"Host": host, **(headers or {})})
    response = conn.getresponse()
    text = response.read().decode()
    conn.close()
    return response.status, response.msg, text


def port_open(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def _run_as(user: str | None) -> dict:
    """Popen arguments that drop root to `user` (servers refuse to run as root)."""
    if user is None or os.geteuid() != 0:
        return {}
    import pwd

    entry = pwd.getpwnam(user)
    return {"user": entry.pw_uid, "group": entry.pw_gid, "extra_groups": []}


def _private_dir(prefix: str, owner: str | None) -> Path:
    path = Path(tempfile.mkdtemp(prefix=prefix))
    path.chmod(0o755)
    if owner and os.geteuid() == 0:
        shutil.chown(path, owner, owner)
    return path


class Server:
    """A server process of our own; subclasses say how to start it and when it answers."""

    name = "server"
    start_timeout = 30.0

    def __init__(self):
        self.port = free_port()
        self.process: subprocess.Popen | None = None
        self.log_path: Path | None = None

    def command(self) -> list[str]:
        raise NotImplementedError

    def answers(self) -> bool:
        return port_open(self.port)

    def popen_options(self) -> dict:
        return {}

    def start(self):
        log = open(self.log_path, "ab") if self.log_path else subprocess.DEVNULL  # noqa: SIM115
        self.process = subprocess.Popen(
            self.command(), stdout=log, stderr=subprocess.STDOUT, **self.popen_options()
        )

        def ready():
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited at start-up; log: {self.tail()}")
            return self.answers()

        wait_until(ready, self.start_timeout, f"{self.name} did not answer on {self.port}")
        return self

    def stop(self, sig=signal.SIGTERM, timeout: float = 60):
        """Stop the process (SIGTERM: clean shutdown) and wait until the port is closed."""
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.send_signal(sig)
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=30)
        self.process = None
        wait_until(lambda: not port_open(self.port), 30, f"{self.name} port still open")

    def kill(self):
        """SIGKILL: the server dies with no chance to clean up."""
        self.stop(signal.SIGKILL)

    def restart(self):
        self.stop()
        return self.start()

    def tail(self, lines: int = 30) -> str:
        if not self.log_path or not self.log_path.exists():
            return ""
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])


class RedisServer(Server):
    """redis-server with no persistence, like the shared broker."""

    name = "redis"

    def __init__(self):
        super().__init__()
        self.dir = Path(tempfile.mkdtemp(prefix="govcms-fault-redis-"))
        self.log_path = self.dir / "redis.log"

    def command(self):
        return ["redis-server", "--bind", "127.0.0.1", "--port", str(self.port), "--save", "",
                "--appendonly", "no", "--dir", str(self.dir)]  # fmt: skip

    def url(self, db: int = 0) -> str:
        return f"redis://127.0.0.1:{self.port}/{db}"

    def answers(self):
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def cleanup(self):
        shutil.rmtree(self.dir, ignore_errors=True)


class PostgresServer(Server):
    """A throwaway PostgreSQL cluster (initdb) with the govcms role, on a free port."""

    name = "postgresql"
    user_name = "postgres"

    def __init__(self, role="govcms", password="govcms"):
        super().__init__()
        self.role, self.password = role, password
        self.user = self.user_name if os.geteuid() == 0 else None
        self.dir = _private_dir("govcms-fault-pg-", self.user)
        self.data = self.dir / "data"
        self.log_path = self.dir / "server.log"
        pwfile = self.dir / "pw"
        pwfile.write_text(password)
        if self.user:
            shutil.chown(pwfile, self.user, self.user)
        subprocess.run(
            [f"{PG_BIN[0]}/initdb", "-D", str(self.data), "-U", role, "--pwfile", str(pwfile),
             "-E", "UTF8", "--locale=C.UTF-8", "-A", "scram-sha-256", "--no-sync"],
            check=True, capture_output=True, **_run_as(self.user),
        )  # fmt: skip

    def command(self):
        return [f"{PG_BIN[0]}/postgres", "-D", str(self.data), "-p", str(self.port),
                "-k", str(self.dir), "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off"]  # fmt: skip

    def popen_options(self):
        return _run_as(self.user)

    def stop(self, sig=signal.SIGINT, timeout: float = 60):
        """Fast shutdown (SIGINT): clients are disconnected, as in a restart by an operator."""
        super().stop(sig, timeout)

    def answers(self):
        return (
            subprocess.run(
                ["pg_isready", "-q", "-h", "127.0.0.1", "-p", str(self.port)], check=False
            ).returncode
            == 0
        )

    def url(self, database: str = "postgres") -> str:
        return f"postgres://{self.role}:{self.password}@127.0.0.1:{self.port}/{database}"

    def psql(self, database: str, *args: str, stdin=None) -> str:
        result = subprocess.run(
            ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", self.url(database), *args],
            input=stdin, capture_output=True, text=True, check=True,
        )  # fmt: skip
        return result.stdout

    def cleanup(self):
        shutil.rmtree(self.dir, ignore_errors=True)


VCL_DIR = REPO / "deploy" / "varnish"


def backends_vcl(ports: list[int]) -> str:
    """backends.vcl for application nodes on these loopback ports (as deploy/varnish/backends.vcl)."""
    probe = (VCL_DIR / "backends.vcl").read_text().split("backend app1")[0]
    nodes = "".join(
        f'backend app{n} {{ .host = "127.0.0.1"; .port = "{port}"; .probe = app_health; '
        f".connect_timeout = 1s; .first_byte_timeout = 60s; }}\n"
        for n, port in enumerate(ports, 1)
    )
    adds = "".join(f"    app.add_backend(app{n});\n" for n in range(1, len(ports) + 1))
    return f"{probe}{nodes}\nsub vcl_init {{\n    new app = directors.round_robin();\n{adds}}}\n"


class VarnishServer(Server):
    """varnishd in the foreground with the project's VCL, in front of the given app ports."""

    name = "varnish"

    def __init__(self, app_ports: list[int]):
        super().__init__()
        self.admin_port = free_port()
        self.dir = _private_dir("govcms-fault-varnish-", None)
        (self.dir / "backends.vcl").write_text(backends_vcl(app_ports))
        self.log_path = self.dir / "varnishd.log"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def command(self):
        return ["varnishd", "-F", "-n", str(self.dir / "work"), "-a", f"127.0.0.1:{self.port}",
                "-T", f"127.0.0.1:{self.admin_port}", "-f", str(VCL_DIR / "default.vcl"),
                "-p", f"vcl_path={self.dir}:{VCL_DIR}", "-s", "malloc,32m"]  # fmt: skip

    def backends_sick(self) -> bool:
        """Whether the health probe has marked every application node sick (varnishadm)."""
        listing = subprocess.run(
            ["varnishadm", "-n", str(self.dir / "work"), "backend.list"],
            capture_output=True, text=True, check=False,
        ).stdout  # fmt: skip
        states = [line.split()[3] for line in listing.splitlines()[1:] if len(line.split()) > 3]
        return bool(states) and all(state == "sick" for state in states)

    def cleanup(self):
        shutil.rmtree(self.dir, ignore_errors=True)


class AppServer(Server):
    """gunicorn with the production settings on this test's database (1 worker × 4 threads).

    One worker per node: the tests are about nodes (several behind one cache, stopped and
    started), and each worker loads Django and the project, which on a busy machine took
    several seconds per start."""

    name = "gunicorn"
    start_timeout = 180.0  # Django and jieba load in each worker: slow on a busy machine

    def __init__(self, database_url: str, log_dir: Path, **env):
        super().__init__()
        self.database_url, self.env = database_url, env
        self.log_path = log_dir / f"gunicorn-{self.port}.log"
        self.access_log = log_dir / f"access-{self.port}.log"

    def command(self):
        return [sys.executable, "-m", "gunicorn", "cluster.wsgi", "--bind",
                f"127.0.0.1:{self.port}", "--workers", "1", "--threads", "4",
                "--worker-class", "gthread", "--timeout", "120",
                "--access-logfile", str(self.access_log),
                "--control-socket", str(self.log_path.with_suffix(".ctl"))]  # fmt: skip

    def answers(self):
        """Ready when a worker answers the probe, not merely when the port is open."""
        try:
            request = urllib.request.Request(
                f"http://127.0.0.1:{self.port}/healthz", headers={"Host": "localhost"}
            )
            with urllib.request.urlopen(request, timeout=2) as response:
                return response.status == 200
        except OSError:
            return False

    def popen_options(self):
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.faults.server_settings",
               "DATABASE_URL": self.database_url, "DJANGO_SECRET_KEY": "fault-test",
               "DJANGO_ALLOWED_HOSTS": ".localhost,localhost,127.0.0.1",
               "DJANGO_SECURE_SSL_REDIRECT": "false", "DJANGO_SECURE_COOKIES": "false",
               "CELERY_BROKER_URL": "memory://", "ELASTICSEARCH_URL": "",
               **{key: str(value) for key, value in self.env.items()}}  # fmt: skip
        return {"env": env, "cwd": REPO}

    def requests_served(self, request_line: str = "") -> int:
        """How many requests the access log holds (those whose line contains `request_line`,
        e.g. '"GET /admin/ ': the cache's health probes are logged too). gunicorn logs a request
        after sending its answer, so the newest may be missing for a moment."""
        if not self.access_log.exists():
            return 0
        return sum(request_line in line for line in self.access_log.read_text().splitlines())


NGINX_CONF = REPO / "deploy" / "nginx" / "govcms.conf"


class NginxServer(Server):
    """nginx with the project's site configuration (deploy/nginx/govcms.conf) on a free port:
    the static mirror at `mirror_root`, everything else proxied to `upstream_port`."""

    name = "nginx"

    def __init__(self, upstream_port: int, mirror_root: Path, headers: str, time_zone: str):
        super().__init__()
        self.time_zone = time_zone
        self.dir = _private_dir("govcms-nginx-", None)
        (self.dir / "mirror-headers.conf").write_text(headers)
        site = NGINX_CONF.read_text()
        for deployed, here in (
            ("listen 80;", f"listen 127.0.0.1:{self.port};"),
            ("server 127.0.0.1:6081;", f"server 127.0.0.1:{upstream_port};"),
            ("/srv/govcms/mirror-headers.conf", str(self.dir / "mirror-headers.conf")),
            ("/srv/govcms/mirror;", f"{mirror_root};"),
            ("/srv/govcms/deploy/nginx", str(NGINX_CONF.parent)),
        ):
            assert deployed in site, deployed
            site = site.replace(deployed, here)
        (self.dir / "govcms.conf").write_text(site)
        temp = "".join(
            f"{kind}_temp_path {self.dir / kind};"
            for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
        )
        (self.dir / "nginx.conf").write_text(
            f"daemon off; worker_processes 1; pcre_jit on; pid {self.dir / 'nginx.pid'};\n"
            f"error_log {self.dir / 'error.log'};\n"
            "events { worker_connections 256; }\n"
            f"http {{ access_log off; {temp} include {self.dir / 'govcms.conf'}; }}\n"
        )
        self.log_path = self.dir / "error.log"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def command(self):
        return ["nginx", "-e", str(self.dir / "error.log"), "-p", str(self.dir),
                "-c", str(self.dir / "nginx.conf")]  # fmt: skip

    def popen_options(self):
        return {"env": {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "TZ": self.time_zone}}

    def stop(self, sig=signal.SIGQUIT, timeout: float = 30):
        """Graceful shutdown (SIGQUIT): nginx's workers finish their requests."""
        super().stop(sig, timeout)

    def cleanup(self):
        shutil.rmtree(self.dir, ignore_errors=True)


class TcpProxy:
    """A TCP relay in this process on a free port to `host:port`, to cut a server off.

    `stop()` closes the listening socket and every relayed connection, so the server is
    unreachable exactly as a stopped one is to its clients: new connections are refused and
    kept-alive ones break. `start()` listens again on the same port. Used where the server
    itself is shared (the test session's Elasticsearch node) or slow to restart.
    """

    name = "tcp proxy"

    def __init__(self, host: str, port: int):
        self.target = (host, port)
        self.port = free_port()
        self.listener: socket.socket | None = None
        self.connections: set[socket.socket] = set()
        self.lock = threading.Lock()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self):
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        self.listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()
        return self

    def stop(self):
        listener, self.listener = self.listener, None
        if listener is not None:
            with contextlib.suppress(OSError):
                listener.shutdown(socket.SHUT_RDWR)  # wakes the thread blocked in accept()
            listener.close()
        with self.lock:
            connections, self.connections = self.connections, set()
        for conn in connections:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)
            conn.close()
        wait_until(lambda: not port_open(self.port), 10, "proxy port still open")

    def _accept(self, listener):
        while True:
            try:
                client, _address = listener.accept()
            except OSError:
                return  # stopped
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            upstream.settimeout(None)
            with self.lock:
                self.connections.update((client, upstream))
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    def _pump(self, source, sink):
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:  # one side ended: end both (the other pump then ends too)
            for conn in (source, sink):
                with contextlib.suppress(OSError):
                    conn.shutdown(socket.SHUT_RDWR)
                conn.close()
            with self.lock:
                self.connections.difference_update((source, sink))
