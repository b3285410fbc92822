"""Start the real Ketenwacht server for the browser tests.

The server runs as a separate process, exactly as an operator would run it: a fresh data
directory, ``ketenwacht migrate``, an organisation and users made with the command line,
then ``ketenwacht serve`` (the production WSGI server).
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

SRC_DIR = Path(__file__).resolve().parents[2] / "src"
STARTUP_SECONDS = 60
ORG_SLUG = "e2e"
ORG_NAME = "Gemeente E2E"


@dataclass
class Account:
    """A user the tests log in as. ``totp_secret`` is filled in once the user enrolled."""

    email: str
    password: str
    role: str
    totp_secret: str | None = None
    recovery_codes: list[str] = field(default_factory=list)
    last_totp_step: int = -1


class ServerError(RuntimeError):
    """The server or one of the set-up commands failed; the message carries its output."""


def ketenwacht_command() -> list[str]:
    """The installed ``ketenwacht`` script next to this interpreter, or the module."""
    script = Path(sys.executable).with_name("ketenwacht")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "ketenwacht"]


def server_environment(data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "KETENWACHT_TEST_DATABASE"}}
    env.update(
        KETENWACHT_DATA_DIR=str(data_dir),
        DJANGO_SETTINGS_MODULE="ketenwacht.settings",
        KETENWACHT_DEBUG="0",
        PYTHONUNBUFFERED="1",
    )
    # Serve the code in this working tree, installed or not.
    env["PYTHONPATH"] = os.pathsep.join(p for p in [str(SRC_DIR), env.get("PYTHONPATH", "")] if p)
    return env


def run(args: list[str], env: dict[str, str], stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run a set-up command; a failure raises with the command's own output."""
    result = subprocess.run(args, env=env, input=stdin, capture_output=True, text=True, timeout=300)
    if result.returncode != 0:
        raise ServerError(
            f"command failed ({result.returncode}): {' '.join(args)}\n"
            f"--- stdout\n{result.stdout}\n--- stderr\n{result.stderr}"
        )
    return result


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def prepare(data_dir: Path, accounts: list[Account]) -> dict[str, str]:
    """Migrate a fresh database and create the organisation and accounts with the CLI."""
    env = server_environment(data_dir)
    cli = ketenwacht_command()
    run([*cli, "migrate"], env)
    run(
        [*cli, "org", "create", "--slug", ORG_SLUG, "--name", ORG_NAME,
         "--timezone", "Europe/Brussels", "--country", "BE"],
        env,
    )
    for account in accounts:
        run(
            [*cli, "user", "create", "--email", account.email, "--org", ORG_SLUG, "--role", account.role],
            env,
            stdin=account.password + "\n",
        )
    return env


def _health_ok(base_url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{base_url}/health", timeout=2) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


@contextlib.contextmanager
def running_server(data_dir: Path, env: dict[str, str]) -> Iterator[str]:
    """Serve on a free loopback port; yield the base URL; always stop the whole process group."""
    port = free_port()
    args = [*ketenwacht_command(), "serve", "--host", "127.0.0.1", "--port", str(port)]
    log_path = data_dir / "server.log"
    log = log_path.open("w")
    process = subprocess.Popen(
        args, env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while not _health_ok(base_url):
            if process.poll() is not None:
                raise ServerError(
                    f"server exited with {process.returncode} before answering /health\n"
                    f"command: {' '.join(args)}\n--- output\n{log_path.read_text()}"
                )
            if time.monotonic() > deadline:
                raise ServerError(
                    f"server did not answer /health within {STARTUP_SECONDS} s\n"
                    f"command: {' '.join(args)}\n--- output\n{log_path.read_text()}"
                )
            time.sleep(0.2)
        yield base_url
    finally:
        _stop(process)
        log.close()


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
