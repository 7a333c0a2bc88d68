"""What every benchmark shares: the database, the servers, wrk and its parsed report.

All traffic goes to 127.0.0.1. The benchmark databases are PostGIS databases named by
ACCESSMAP_BENCH_DATABASE (default accessmap_bench_h); each script drops and recreates its own,
so never point the variable at a database you want to keep.
"""

from __future__ import annotations

import gzip
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

DATABASE = os.environ.get(
    "ACCESSMAP_BENCH_DATABASE", "postgresql+psycopg://postgres@127.0.0.1:5432/accessmap_bench_h"
)
TIPG_VENV = ROOT / ".bench" / "tipg-venv"
VENV_BIN = Path(sys.executable).parent
# One uvicorn process each, the same flags for ours and every peer (uvloop/httptools if present).
UVICORN_FLAGS = ["--host", "127.0.0.1", "--no-access-log", "--log-level", "warning"]
GZIP = {"Accept-Encoding": "gzip"}


def database_named(suffix: str) -> str:
    """A sibling of DATABASE, e.g. accessmap_bench_h_100k."""
    from sqlalchemy.engine import make_url

    url = make_url(DATABASE)
    return url.set(database=f"{url.database}_{suffix}").render_as_string(hide_password=False)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fresh_database(url: str) -> None:
    """Drop and recreate `url`'s database, then create the schema and load the seed."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from api.db.setup import prepare_database
    from api.settings import Settings

    target = make_url(url)
    if not str(target.database).startswith("accessmap_bench"):
        sys.exit(f"refusing to drop {target.database!r}: benchmark databases start accessmap_bench")
    admin = create_engine(target.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{target.database}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{target.database}"'))
    admin.dispose()
    prepare_database(Settings(database_url=url)).dispose()


def require_wrk() -> None:
    if shutil.which("wrk") is None:
        sys.exit("wrk is missing: apt-get install -y wrk")


def ensure_tipg() -> Path:
    """tipg (PyPI) in its own venv under .bench/: a measuring stick, never imported here."""
    uvicorn = TIPG_VENV / "bin" / "uvicorn"
    if not uvicorn.exists():
        print("installing tipg into .bench/tipg-venv (first run only)", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", str(TIPG_VENV)], check=True)
        pip = str(TIPG_VENV / "bin" / "pip")
        subprocess.run([pip, "install", "-q", "tipg", "uvicorn"], check=True)
    return uvicorn


def tipg_version() -> str:
    found = list(TIPG_VENV.glob("lib/python*/site-packages/tipg-*.dist-info"))
    return found[0].name.removeprefix("tipg-").removesuffix(".dist-info") if found else "?"


class Server:
    """One uvicorn process on 127.0.0.1, up once `probe` answers 200."""

    def __init__(self, name: str, command: list[str], env: dict[str, str], probe: str) -> None:
        self.name, self.probe = name, probe
        self.data_dir: Path | None = None
        self.base = probe.split("/", 3)[:3]
        self.process = subprocess.Popen(
            command,
            env={**os.environ, **env},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            cwd=ROOT,
        )
        self.started = time.perf_counter()
        self.ready_s = self._wait()

    @property
    def url(self) -> str:
        return "/".join(self.base)

    def _wait(self) -> float:
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            try:
                with urllib.request.urlopen(self.probe, timeout=60) as response:
                    if response.status == 200:
                        return time.perf_counter() - self.started
            except OSError:
                time.sleep(0.2)
        self.process.kill()
        error = self.process.stderr.read().decode()[-2000:] if self.process.stderr else ""
        raise RuntimeError(f"{self.name} did not come up: {error}")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
        if self.data_dir is not None:
            shutil.rmtree(self.data_dir, ignore_errors=True)


def ours(
    name: str, database: str, *, cache: bool, extra_env: dict[str, str] | None = None
) -> Server:
    """accessmap-kz as `accessmap serve` runs it: one uvicorn process of the app factory.

    Each server gets its own data directory (the built boundaries linked in), so one server's
    tile disk cache never serves another's requests."""
    port = free_port()
    data_dir = Path(tempfile.mkdtemp(prefix="accessmap-bench-"))
    (data_dir / "boundaries").symlink_to(ROOT / "data" / "boundaries")
    env = {
        "ACCESSMAP_DATABASE_URL": database,
        "ACCESSMAP_CACHE": "on" if cache else "off",
        "ACCESSMAP_DATA_DIR": str(data_dir),
        **(extra_env or {}),
    }
    command = [str(VENV_BIN / "uvicorn"), "api.app:create_app", "--factory", "--port", str(port)]
    server = Server(name, command + UVICORN_FLAGS, env, f"http://127.0.0.1:{port}/healthz")
    server.data_dir = data_dir
    return server


def tipg(database: str, env: dict[str, str] | None = None) -> Server:
    port = free_port()
    command = [str(ensure_tipg()), "tipg.main:app", "--port", str(port)]
    environment = {
        "DATABASE_URL": database.replace("+psycopg", ""),
        "TIPG_DB_SCHEMAS": '["public"]',
        **(env or {}),
    }
    return Server(
        "tipg", command + UVICORN_FLAGS, environment, f"http://127.0.0.1:{port}/collections"
    )


@dataclass(frozen=True)
class Fetched:
    status: int
    body: bytes  # as sent on the wire (compressed if the server compressed)
    encoding: str
    seconds: float

    def decoded(self) -> bytes:
        return gzip.decompress(self.body) if self.encoding == "gzip" else self.body


def fetch(url: str, headers: dict[str, str] | None = None, timeout: float = 600) -> Fetched:
    request = urllib.request.Request(url, headers=headers or {})
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read()
            status, encoding = response.status, response.headers.get("Content-Encoding", "")
    except urllib.error.HTTPError as error:
        body, status, encoding = error.read(), error.code, ""
    return Fetched(status, body, encoding, time.perf_counter() - started)


def latency(url: str, headers: dict[str, str] | None = None, runs: int = 5) -> float:
    """Median seconds of `runs` sequential requests (one at a time: no queueing in it)."""
    return statistics.median(fetch(url, headers).seconds for _ in range(runs))


@dataclass(frozen=True)
class WrkResult:
    requests: int
    rate: float
    p50_s: float
    p99_s: float
    non_2xx: int
    connect: int
    read: int
    write: int
    timeout: int

    @property
    def socket_errors(self) -> int:
        return self.connect + self.read + self.write + self.timeout

    @property
    def errors(self) -> int:
        return self.non_2xx + self.socket_errors

    def error_text(self) -> str:
        return (
            f"non-2xx {self.non_2xx}; socket errors: connect {self.connect}, read {self.read}, "
            f"write {self.write}, timeout {self.timeout}"
        )


_UNITS = {"us": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0}


def _seconds(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()  # type: ignore[union-attr]
    return float(number) * _UNITS[unit]


def parse_wrk(output: str) -> WrkResult:
    """wrk's report, socket errors counted by their kind (a missing line means none)."""
    sockets = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    connect, read, write, timeout = (int(n) for n in sockets.groups()) if sockets else (0,) * 4
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    p50 = re.search(r"^\s+50%\s+(\S+)", output, re.M)
    p99 = re.search(r"^\s+99%\s+(\S+)", output, re.M)
    return WrkResult(
        requests=int(re.search(r"(\d+) requests in", output).group(1)),  # type: ignore[union-attr]
        rate=float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),  # type: ignore[union-attr]
        p50_s=_seconds(p50.group(1)) if p50 else float("nan"),
        p99_s=_seconds(p99.group(1)) if p99 else float("nan"),
        non_2xx=int(non_2xx.group(1)) if non_2xx else 0,
        connect=connect,
        read=read,
        write=write,
        timeout=timeout,
    )


def wrk_command(
    url: str,
    duration: float,
    connections: int,
    headers: dict[str, str] | None = None,
    threads: int = 2,
    timeout_s: int = 30,
) -> list[str]:
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration:g}s", "--latency"]
    command += ["--timeout", f"{timeout_s}s"]
    for name, value in (headers or {}).items():
        command += ["-H", f"{name}: {value}"]
    return [*command, url]


def wrk(
    url: str, duration: float, connections: int, headers: dict[str, str] | None = None
) -> WrkResult:
    command = wrk_command(url, duration, connections, headers)
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    return parse_wrk(output)


def ratio_of(ours: float, peer: float) -> float:
    """ours / peer; NaN when the peer finished no request (the run was too short to say)."""
    return ours / peer if peer > 0 else float("nan")


def verdict(value: float, target: float, *, at_least: bool = True) -> str:
    if value != value:  # NaN
        return "no figure: run longer"
    met = value >= target if at_least else value <= target
    sign = ">=" if at_least else "<="
    return f"target {sign} {target:g}: {'met' if met else 'MISSED'}"


def mb(size: int) -> str:
    return f"{size / 1e6:.3f} MB" if size >= 100_000 else f"{size / 1e3:.1f} KB"
