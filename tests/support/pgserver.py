"""Start a throwaway PostgreSQL server for the test run, from the local installation's binaries.

``initdb`` refuses to run as root, so as root the cluster is created and run by an
unprivileged account (``nobody``). The server listens only on a Unix socket in a temp
directory, so it never clashes with another server on the machine.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path


class PostgresNotFound(RuntimeError):
    pass


def find_bindir() -> Path:
    candidates = []
    pg_config = shutil.which("pg_config")
    if pg_config:
        out = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True, check=False).stdout.strip()
        if out:
            candidates.append(Path(out))
    candidates += sorted((Path(p) for p in glob.glob("/usr/lib/postgresql/*/bin")), reverse=True)
    initdb = shutil.which("initdb")
    if initdb:
        candidates.append(Path(os.path.realpath(initdb)).parent)
    for directory in candidates:
        if (directory / "initdb").exists() and (directory / "pg_ctl").exists():
            return directory
    raise PostgresNotFound(
        "PostgreSQL server binaries (initdb, pg_ctl) not found; `make test` installs them (Debian: postgresql)."
    )


@dataclass
class PostgresServer:
    bindir: Path
    root: Path
    user: str = "ketenwacht"
    port: int = 5432

    @property
    def socket_dir(self) -> str:
        return str(self.root / "socket")

    def _run(self, args: list[str]) -> None:
        command = [str(self.bindir / args[0]), *args[1:]]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "nobody", "--", *command]
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise RuntimeError(f"{args[0]} failed: {result.stdout}\n{result.stderr}")

    def start(self) -> PostgresServer:
        data = self.root / "data"
        (self.root / "socket").mkdir(parents=True)
        if os.geteuid() == 0:
            shutil.chown(self.root, "nobody", "nogroup")
            shutil.chown(self.root / "socket", "nobody", "nogroup")
        self._run(["initdb", "-D", str(data), "-U", self.user, "--auth=trust", "-E", "UTF8",
                   "--locale=C", "--no-sync"])
        options = f"-k {self.socket_dir} -c listen_addresses='' -p {self.port} -c fsync=off " \
                  "-c synchronous_commit=off -c full_page_writes=off -c max_connections=50"
        self._run(["pg_ctl", "-D", str(data), "-o", options, "-l", str(self.root / "server.log"),
                   "-w", "-t", "60", "start"])
        return self

    def stop(self) -> None:
        try:
            self._run(["pg_ctl", "-D", str(self.root / "data"), "-m", "immediate", "-w", "stop"])
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def django_settings(self, name: str = "ketenwacht") -> dict[str, object]:
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": name,
            "USER": self.user,
            "PASSWORD": "",
            "HOST": self.socket_dir,
            "PORT": str(self.port),
            "CONN_MAX_AGE": 0,
            "OPTIONS": {},
            "TEST": {"NAME": f"test_{name}"},
        }

    def url(self, name: str = "postgres") -> str:
        return f"postgresql://{self.user}@/{name}?host={self.socket_dir}&port={self.port}"


def start_server() -> PostgresServer:
    root = Path(tempfile.mkdtemp(prefix="ketenwacht-pg-"))
    os.chmod(root, 0o755)
    server = PostgresServer(bindir=find_bindir(), root=root)
    try:
        return server.start()
    except Exception:
        shutil.rmtree(root, ignore_errors=True)
        raise


def wait_ready(server: PostgresServer, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if Path(server.socket_dir, f".s.PGSQL.{server.port}").exists():
            return
        time.sleep(0.1)
    raise RuntimeError("PostgreSQL did not start")
