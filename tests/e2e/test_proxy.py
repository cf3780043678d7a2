"""Several processes: ``scripts/serve --workers 2`` behind nginx, rooms in PostgreSQL.

Two participants' browsers land on different workers (the proxy's sticky cookie says which), join
the same room, and the trainer's dashboard — on one of the two workers — counts both. nginx's
access log shows that each browser's page, assets and WebSocket all went to its own worker.
nginx and PostgreSQL are started by the test (PostgreSQL as ``tests/pg.py`` does); without them
the test is skipped locally and fails in CI.
"""

from __future__ import annotations

import re
import secrets
import shutil
import subprocess
import sys
import time
import urllib.request
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from recommender.i18n import catalog
from tests.conftest import ROOT, require
from tests.e2e.conftest import PORT_TAKEN, free_port
from tests.pg import postgres_server

pytestmark = [pytest.mark.browser, pytest.mark.postgres]

PL = catalog("pl")
SERVE = ROOT / "scripts" / "serve"
LOG_LINE = re.compile(
    r"route=(?P<cookie>\S+) upstream=(?P<upstream>\S+) \"(?P<method>\S+) (?P<uri>\S+)\""
)


class Proxy:
    """``scripts/serve`` running with ``--access-log`` in ``run``."""

    def __init__(self, run: Path, url: str, proc: subprocess.Popen[bytes]) -> None:
        self.run, self.url, self.proc = run, url, proc

    def log(self) -> list[dict[str, str]]:
        path = self.run / "access.log"
        text = path.read_text() if path.exists() else ""
        return [m.groupdict() for m in LOG_LINE.finditer(text)]

    def worker_of(self, cookie: str) -> str:
        """The upstream the proxy sends a browser with this cookie to (read off the log)."""
        before = len(self.log())
        req = urllib.request.Request(  # noqa: S310 - loopback
            self.url + "/_stcore/health", headers={"Cookie": f"jf_route={cookie}"}
        )
        with urllib.request.urlopen(req, timeout=10) as r:  # noqa: S310
            assert r.status == 200
            assert f"jf_route={cookie}" in " ".join(r.headers.get_all("Set-Cookie") or [])
        for _ in range(50):
            entries = self.log()[before:]
            mine = [e for e in entries if e["cookie"] == cookie]
            if mine:
                return mine[-1]["upstream"]
            time.sleep(0.1)
        raise AssertionError("the proxy did not log the request")


@pytest.fixture(scope="module")
def database_url() -> Iterator[str]:
    with postgres_server() as server:
        url = server.create_database()
        try:
            yield url
        finally:
            server.drop_database(url)


@pytest.fixture(scope="module")
def proxy(tmp_path_factory: pytest.TempPathFactory, database_url: str) -> Iterator[Proxy]:
    nginx = shutil.which("nginx") or next(
        (p for p in ("/usr/sbin/nginx", "/usr/local/sbin/nginx") if Path(p).exists()), None
    )
    require(nginx is not None, "nginx is not installed (apt-get install nginx)")
    for attempt in range(3):
        run = tmp_path_factory.mktemp("serve")
        port = free_port()
        out = (run / "serve.out").open("wb")
        proc = subprocess.Popen(
            [
                sys.executable,
                str(SERVE),
                "--workers",
                "2",
                "--port",
                str(port),
                "--access-log",
                "--run-dir",
                str(run),
            ],
            cwd=ROOT,
            env={**_env(), "DATABASE_URL": database_url},
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        try:
            deadline = time.monotonic() + 180
            while b"serve: http://" not in (run / "serve.out").read_bytes():
                if proc.poll() is not None or time.monotonic() > deadline:
                    break
                time.sleep(0.3)
            else:
                break  # serving
            # a port taken before nginx or a worker bound it: start again on new ports; anything
            # else is a failure
            logs = "".join(p.read_text(errors="replace") for p in sorted(run.glob("*.out")))
            logs += "".join(p.read_text(errors="replace") for p in sorted(run.glob("*.log")))
            if attempt == 2 or not PORT_TAKEN.search(logs):
                raise AssertionError((run / "serve.out").read_text()[-3000:])
        except BaseException:
            _stop(proc, out)
            raise
        _stop(proc, out)
    url = f"http://127.0.0.1:{port}"
    try:
        yield Proxy(run, url, proc)
    finally:
        _stop(proc, out)


def _stop(proc: subprocess.Popen[bytes], out: Any) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
    out.close()


def _env() -> dict[str, str]:
    import os

    return {k: v for k, v in os.environ.items() if k != "JAKAFORMA_DATA_DIR"}


def two_cookies_on_different_workers(proxy: Proxy) -> tuple[tuple[str, str], tuple[str, str]]:
    seen: dict[str, str] = {}
    for _ in range(40):
        cookie = secrets.token_hex(16)
        upstream = proxy.worker_of(cookie)
        if upstream not in seen:
            seen[upstream] = cookie
        if len(seen) == 2:
            (u1, c1), (u2, c2) = seen.items()
            return (c1, u1), (c2, u2)
    raise AssertionError(f"every cookie went to the same worker: {seen}")


def context_on(browser: Any, proxy: Proxy, cookie: str, **kwargs: Any) -> Any:
    ctx = browser.new_context(locale="pl-PL", **kwargs)
    ctx.add_cookies([{"name": "jf_route", "value": cookie, "url": proxy.url}])
    page = ctx.new_page()
    page.set_default_timeout(30_000)
    return page


def test_two_workers_one_room(proxy, browser, database_url):
    from recommender.rooms.store import RoomStore
    from tests.e2e.test_workshop import participant_joins, settle, shot, wait_for_metric

    store = RoomStore(database_url)
    try:
        room, code, token = store.create_room(title="Dwa procesy")
    finally:
        store.dispose()

    (cookie_a, worker_a), (cookie_b, worker_b) = two_cookies_on_different_workers(proxy)
    assert worker_a != worker_b

    trainer = context_on(browser, proxy, cookie_a, viewport={"width": 1280, "height": 900})
    trainer.goto(f"{proxy.url}/")
    settle(trainer, PL["nav.start"])
    trainer.goto(f"{proxy.url}/warsztat?room={room.id}&token={token}")
    settle(trainer, PL["ws.live.title"])
    wait_for_metric(trainer, PL["ws.live.joined"], "0", timeout_s=40)

    phones = []
    for cookie in (cookie_a, cookie_b):
        phone = context_on(browser, proxy, cookie, viewport={"width": 390, "height": 844})
        phone.goto(f"{proxy.url}/")
        settle(phone, PL["nav.start"])
        participant_joins(phone, proxy.url, code, typed=False)
        phones.append(phone)

    try:
        wait_for_metric(trainer, PL["ws.live.joined"], "2", timeout_s=40)
    finally:
        shot(trainer, "proxy-trainer-sees-two-workers")
    for page in (trainer, *phones):
        page.context.close()

    # Each browser's requests, its WebSocket included, all went to its own worker (nginx logs a
    # WebSocket when it closes).
    deadline = time.monotonic() + 15
    while True:
        by_cookie: dict[str, set[str]] = defaultdict(set)
        streams: dict[str, int] = defaultdict(int)
        for entry in proxy.log():
            by_cookie[entry["cookie"]].add(entry["upstream"])
            if entry["uri"] == "/_stcore/stream":
                streams[entry["cookie"]] += 1
        if (streams[cookie_a] >= 2 and streams[cookie_b] >= 1) or time.monotonic() > deadline:
            break
        time.sleep(0.3)
    assert by_cookie[cookie_a] == {worker_a}
    assert by_cookie[cookie_b] == {worker_b}
    assert streams[cookie_a] >= 2 and streams[cookie_b] >= 1, dict(streams)
