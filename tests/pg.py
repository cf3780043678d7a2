"""A throwaway PostgreSQL server for tests (reusable by any test module, and by CI).

``pg_server`` (a session fixture; import it into a test module) gives a running
:class:`PostgresServer`; ``server.create_database()`` returns the URL of a fresh, empty database.

Where the server comes from, in order:

1. ``TEST_DATABASE_URL`` (e.g. a CI service container:
   ``postgresql+psycopg://postgres:postgres@localhost:5432/postgres``): used as is; the tests
   create and drop their own databases on it, so the role needs ``CREATEDB``.
2. Otherwise a new cluster: ``initdb`` into a temporary folder (trust authentication, no fsync),
   ``pg_ctl start`` on a free TCP port on 127.0.0.1 with the unix socket in the same folder, and
   ``pg_ctl stop`` plus removal of the folder at the end of the session. The binaries are found
   through ``JAKAFORMA_PG_BIN`` (a ``bin`` folder), ``pg_ctl`` on ``PATH``, or Debian's
   ``/usr/lib/postgresql/<version>/bin``. ``initdb`` refuses to run as root, so as root every
   server command runs as the ``postgres`` user (``runuser -u postgres --``) on a folder that
   user owns.

When neither is available the tests are skipped locally and fail when ``CI`` is ``"true"``.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import pwd
import re
import secrets
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

EXTERNAL_URL_ENV = "TEST_DATABASE_URL"
PG_BIN_ENV = "JAKAFORMA_PG_BIN"
SERVICE_USER = "postgres"
IN_CI = os.environ.get("CI", "").lower() == "true"


def unavailable(reason: str) -> None:
    """Skip locally; fail in CI, where PostgreSQL tests are required."""
    if IN_CI:
        pytest.fail(f"PostgreSQL is required in CI but unavailable: {reason}", pytrace=False)
    pytest.skip(f"PostgreSQL unavailable: {reason}")


def find_pg_bin() -> Path | None:
    candidates: list[Path] = []
    if os.environ.get(PG_BIN_ENV):
        candidates.append(Path(os.environ[PG_BIN_ENV]))
    on_path = shutil.which("pg_ctl")
    if on_path:
        candidates.append(Path(on_path).resolve().parent)

    def version(p: Path) -> tuple[int, ...]:
        return tuple(int(x) for x in re.findall(r"\d+", p.parent.name)) or (0,)

    debian = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=version, reverse=True)
    candidates.extend(debian)
    for folder in candidates:
        if (folder / "initdb").is_file() and (folder / "pg_ctl").is_file():
            return folder
    return None


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class PostgresServer:
    """A PostgreSQL server reachable at ``admin_url`` (a superuser or CREATEDB role)."""

    def __init__(self, admin_url: str, stop: contextlib.ExitStack | None = None) -> None:
        self.admin_url = admin_url
        self._stack = stop or contextlib.ExitStack()

    # -- databases --------------------------------------------------------------------------

    def _admin_conninfo(self) -> str:
        url = make_url(self.admin_url).set(drivername="postgresql")
        return url.render_as_string(hide_password=False)

    def create_database(self) -> str:
        """A new empty database; returns its SQLAlchemy URL (psycopg 3 driver)."""
        import psycopg

        name = f"jf_test_{secrets.token_hex(6)}"
        with psycopg.connect(self._admin_conninfo(), autocommit=True, connect_timeout=10) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        url = make_url(self.admin_url).set(drivername="postgresql+psycopg", database=name)
        return url.render_as_string(hide_password=False)

    def drop_database(self, url: str) -> None:
        import psycopg

        name = make_url(url).database
        if not name or not name.startswith("jf_test_"):
            raise ValueError(f"refusing to drop {name!r}")
        with psycopg.connect(self._admin_conninfo(), autocommit=True, connect_timeout=10) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def stop(self) -> None:
        self._stack.close()

    # -- starting a cluster -----------------------------------------------------------------

    @classmethod
    def start_cluster(cls, bin_dir: Path, timeout_s: int = 30) -> PostgresServer:
        """initdb + pg_ctl start in a new temporary folder; ``stop()`` undoes both."""
        as_root = os.geteuid() == 0
        prefix: list[str] = []
        owner: pwd.struct_passwd | None = None
        if as_root:
            runuser = shutil.which("runuser")
            try:
                owner = pwd.getpwnam(SERVICE_USER)
            except KeyError:
                owner = None
            if runuser is None or owner is None:
                raise RuntimeError(f"running as root needs `runuser` and a {SERVICE_USER!r} user")
            prefix = [runuser, "-u", SERVICE_USER, "--"]

        stack = contextlib.ExitStack()
        base = Path(tempfile.mkdtemp(prefix="jf-pg-"))
        stack.callback(shutil.rmtree, base, ignore_errors=True)
        try:
            base.chmod(0o700)
            if owner is not None:
                os.chown(base, owner.pw_uid, owner.pw_gid)
            data = base / "data"
            log = base / "server.log"

            def run(*args: str) -> subprocess.CompletedProcess[str]:
                return subprocess.run(
                    [*prefix, *args],
                    cwd=base,
                    capture_output=True,
                    text=True,
                    timeout=timeout_s + 30,
                    check=False,
                )

            done = run(
                str(bin_dir / "initdb"),
                "-D",
                str(data),
                "-U",
                "postgres",
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--no-locale",
                "--no-sync",
                "--no-instructions",
            )
            if done.returncode != 0:
                raise RuntimeError(f"initdb failed: {done.stderr.strip()[-500:]}")

            last_error = ""
            for _ in range(3):  # the free port may be taken between probing and starting
                port = free_port()
                options = (
                    f"-p {port} -k {base} -c listen_addresses=127.0.0.1 -c fsync=off "
                    "-c synchronous_commit=off -c full_page_writes=off -c max_connections=300"
                )
                done = run(
                    str(bin_dir / "pg_ctl"),
                    "-D",
                    str(data),
                    "-l",
                    str(log),
                    "-o",
                    options,
                    "-w",
                    "-t",
                    str(timeout_s),
                    "start",
                )
                if done.returncode == 0:
                    stop_cmd = [str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w"]
                    stack.callback(run, *stop_cmd, "stop")
                    atexit.register(stack.close)  # also when the session is interrupted
                    url = f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
                    return cls(url, stack)
                last_error = (done.stderr or done.stdout).strip()[-300:]
                with contextlib.suppress(OSError):
                    last_error += " | " + log.read_text(errors="replace").strip()[-500:]
            raise RuntimeError(f"pg_ctl start failed: {last_error}")
        except BaseException:
            stack.close()
            raise


@contextlib.contextmanager
def postgres_server() -> Iterator[PostgresServer]:
    """A server for the duration of the block (external when ``TEST_DATABASE_URL`` is set)."""
    external = os.environ.get(EXTERNAL_URL_ENV, "").strip()
    if external:
        yield PostgresServer(external)
        return
    bin_dir = find_pg_bin()
    if bin_dir is None:
        unavailable("no initdb/pg_ctl found (set JAKAFORMA_PG_BIN or TEST_DATABASE_URL)")
    assert bin_dir is not None
    try:
        server = PostgresServer.start_cluster(bin_dir)
    except (RuntimeError, OSError, subprocess.SubprocessError) as exc:
        unavailable(str(exc))
        raise  # unreachable: unavailable() skips or fails
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PostgresServer]:
    with postgres_server() as server:
        yield server


@pytest.fixture
def pg_url(pg_server: PostgresServer) -> Iterator[str]:
    """A fresh empty database on the session server, dropped afterwards."""
    url = pg_server.create_database()
    try:
        yield url
    finally:
        pg_server.drop_database(url)
