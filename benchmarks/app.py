"""How fast the result page is, measured against Streamlit's own floor in the same run.

1. Server-side rerun: AppTest reruns of ``views/wynik.py`` with a fixed profile (the catering
   story, its recommendation already cached as in a live session) against reruns of an empty
   script (``benchmarks/empty_app.py``). Goal: at most 2× the empty script.

   A rerun is timed from ``AppTest.run()`` until it returns: a new script thread, the script,
   Streamlit's bookkeeping, and AppTest turning the messages into its element tree (roughly
   what a server spends serialising them). AppTest itself notices the end of a run by polling
   every 1 ms, which rounds every rerun to whole milliseconds; the main figure replaces that
   poll with a wait on the script runner's SHUTDOWN event (:func:`exact_completion`), for
   both scripts alike. The rounded figure is printed too, for comparison with older numbers.
   A server compiles a page script once and keeps the bytecode (one ``ScriptCache`` per
   process); AppTest recompiles on every run, so the main figure shares one cache between runs
   (:func:`server_script_cache`) and the recompiling figure is printed for information.
   Batches of the two scripts alternate so that load from other processes hits both alike;
   the ratio is the median of the per-batch ratios.
2. Start-up: from ``streamlit run`` to the first rendered page — the health endpoint answering,
   then headless Chromium seeing the start page's content — against a hello-world app
   (``benchmarks/hello_app.py``). Goal: at most 1.5×.

Prints a small table; no thresholds are enforced here. Usage::

    .venv/bin/python benchmarks/app.py [--reruns 200] [--starts 3] [--no-browser]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.serve import free_port, process_cpu, stop, streamlit_command, wait_healthy  # noqa: E402

PROFILE = {
    "intent": "found",
    "founders": 5,
    "founders_at_risk": 3,
    "capital_pln": 2000,
    "goals": ["work_integration", "social_business"],
    "target_groups": ["unemployed"],
    "economic_activity": True,
    "employment": "ourselves",
    "governance": "democratic",
    "formalities": "full",
    "urgency": "months",
    "needs_legal_personality": True,
    "funding": ["labour_fund", "sales"],
}
BATCH = 10  # reruns per batch (see main)
# the result page's tool picker (ui/result/page.py) with every panel open, for the
# "every panel open" row
OPEN_PANELS = {"jf_tools": ["how", "steps", "ruled_out", "share"]}
CHROMIUM = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")


def _quiet_streamlit_logs() -> None:
    import logging

    for name in ("streamlit", "streamlit.runtime.scriptrunner_utils.script_run_context"):
        logging.getLogger(name).setLevel(logging.ERROR)


def session(
    script: Path, params: dict[str, str], state: dict[str, Any] | None = None
) -> tuple[Any, float]:
    """An AppTest session of ``script`` after its first run, and how long that run took."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(script), default_timeout=120)
    for key, value in params.items():
        at.query_params[key] = value
    for key, value in (state or {}).items():
        at.session_state[key] = value
    start = time.perf_counter()
    at.run()
    first = time.perf_counter() - start
    if at.exception:
        raise RuntimeError(f"{script.name} failed: {at.exception[0].value}")
    return at, first


@contextlib.contextmanager
def server_script_cache() -> Iterator[None]:
    """Within this block AppTest keeps compiled scripts between runs, as a server does.

    A running server holds one ``ScriptCache`` for the whole process (``Runtime``), so a page's
    source is read, given "magic" and compiled once, not on every rerun; AppTest builds a fresh
    cache for every run and so recompiles the script each time — about 0.3 ms for a page
    script, nearly nothing for an empty one.
    """
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache
    from streamlit.testing.v1 import app_test
    from streamlit.testing.v1 import local_script_runner as lsr

    shared = ScriptCache()
    originals = (app_test.ScriptCache, lsr.ScriptCache)
    app_test.ScriptCache = lsr.ScriptCache = lambda: shared  # type: ignore[assignment,misc]
    try:
        yield
    finally:
        app_test.ScriptCache, lsr.ScriptCache = originals


@contextlib.contextmanager
def exact_completion() -> Iterator[None]:
    """Within this block AppTest learns that a run ended from the runner's SHUTDOWN event
    instead of a 1 ms polling loop (``require_widgets_deltas``)."""
    from streamlit.runtime.scriptrunner import ScriptRunnerEvent
    from streamlit.testing.v1 import local_script_runner as lsr

    def wait(runner: Any, timeout: float = 3) -> None:
        done = threading.Event()

        def on_event(sender: Any, event: Any, **kwargs: Any) -> None:
            if event == ScriptRunnerEvent.SHUTDOWN:
                done.set()

        runner.on_event.connect(on_event, weak=False)
        if not runner.script_stopped() and not done.wait(timeout):
            raise RuntimeError(f"AppTest script run timed out after {timeout}(s)")

    original = lsr.require_widgets_deltas
    lsr.require_widgets_deltas = wait
    try:
        yield
    finally:
        lsr.require_widgets_deltas = original


def alternate(a: Any, b: Any, reruns: int) -> tuple[list[float], list[float], float]:
    """Rerun times of two sessions in alternating batches, and the median per-batch ratio b/a."""
    a_times: list[float] = []
    b_times: list[float] = []
    ratios = []
    for _ in range(max(1, reruns // BATCH)):
        x = rerun_times(a, BATCH)
        y = rerun_times(b, BATCH)
        a_times += x
        b_times += y
        ratios.append(statistics.median(y) / statistics.median(x))
    return a_times, b_times, statistics.median(ratios)


def rerun_times(at: Any, reruns: int) -> list[float]:
    """Seconds per rerun of one warm AppTest session."""
    times = []
    for _ in range(reruns):
        start = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - start)
    return times


@contextlib.contextmanager
def served(
    script: str, options: tuple[str, ...] = ()
) -> Iterator[tuple[subprocess.Popen[bytes], str, float]]:
    """``streamlit run script`` on a free port with an empty data folder: (process, base URL,
    seconds until the health endpoint answered). Stopped when the block ends."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "JAKAFORMA_DATA_DIR": tmp}
        start = time.perf_counter()
        proc = subprocess.Popen(
            streamlit_command(script, port, options),
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            wait_healthy(proc, url)
            yield proc, url, time.perf_counter() - start
        finally:
            stop(proc)


def start_app(script: str, ready: Callable[[str], None] | None) -> tuple[float, float | None]:
    """(seconds to a healthy server, seconds to rendered content or None) for one cold start."""
    start = time.perf_counter()
    with served(script) as (_, url, healthy):
        rendered = None
        if ready is not None:
            ready(url)
            rendered = time.perf_counter() - start
        return healthy, rendered


class Session:
    """The browser's side of Streamlit's protocol, as much as a rerun needs: one websocket
    session that asks for a run of ``page`` with a query string and reads the server's messages
    until the run has finished. Like an address bar, it follows the query string the app
    writes (``page_info_changed``), so the next rerun sends what the page itself put there; like
    Streamlit's own frontend, it keeps the messages the server marks cacheable and lists their
    hashes in each rerun request, so that unchanged large elements come back as references
    (a cached message expires after ``MAX_AGE`` runs without being used, as in the frontend)."""

    MAX_AGE = 2  # Streamlit's global.maxCachedMessageAge

    def __init__(self, url: str, page: str = "", query: str = "") -> None:
        from websockets.sync.client import connect

        self.page = page
        self.query = query
        self.runs = 0
        self.cached: dict[str, int] = {}  # message hash -> run in which it was last used
        self._ws = connect(
            url.replace("http", "ws", 1) + "/_stcore/stream",
            subprotocols=["streamlit"],  # type: ignore[list-item]
            max_size=None,
            compression=None,
        ).__enter__()  # closed by close(); the block form would not fit a session object

    def rerun(self) -> float:
        """Seconds from the rerun request to the server's "script finished" message."""
        from streamlit.proto.BackMsg_pb2 import BackMsg
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        request = BackMsg()
        request.rerun_script.query_string = self.query
        request.rerun_script.page_name = self.page
        request.rerun_script.cached_message_hashes.extend(self.cached)
        start = time.perf_counter()
        self._ws.send(request.SerializeToString())
        while True:
            msg = ForwardMsg()
            msg.ParseFromString(self._ws.recv(timeout=60))  # type: ignore[arg-type]
            kind = msg.WhichOneof("type")
            if kind == "ref_hash":
                if msg.ref_hash not in self.cached:
                    raise RuntimeError(f"reference to a message never cached: {msg.ref_hash}")
                self.cached[msg.ref_hash] = self.runs
            elif msg.metadata.cacheable and msg.hash:
                self.cached[msg.hash] = self.runs
            if kind == "page_info_changed":
                self.query = msg.page_info_changed.query_string
            elif kind == "script_finished":
                self.runs += 1
                self.cached = {
                    h: run for h, run in self.cached.items() if self.runs - run <= self.MAX_AGE
                }
                return time.perf_counter() - start

    def close(self) -> None:
        self._ws.close()


def server_reruns(
    reruns: int, options: tuple[str, ...] = ()
) -> tuple[float, float, list[float], list[float]]:
    """Server CPU milliseconds per rerun of the result page (``app.py``, page ``wynik``, the
    catering profile in the URL) and of the empty script, each in its own server started with
    ``options``; plus the round-trip times. Batches of the two alternate."""
    from urllib.parse import urlencode

    from ui.state import encode_profile

    query = urlencode(encode_profile(PROFILE), safe=",")
    cpu = {"app": 0.0, "empty": 0.0}
    walls: dict[str, list[float]] = {"app": [], "empty": []}
    with (
        served("benchmarks/empty_app.py", options) as (empty_proc, empty_url, _),
        served("app.py", options) as (app_proc, app_url, _),
    ):
        sessions = {
            "empty": (empty_proc.pid, Session(empty_url)),
            "app": (app_proc.pid, Session(app_url, "wynik", query)),
        }
        for _, session in sessions.values():
            for _ in range(10):  # first run, knowledge base, caches
                session.rerun()
        for _ in range(max(1, reruns // BATCH)):
            for name, (pid, session) in sessions.items():
                before = process_cpu(pid)
                walls[name] += [session.rerun() for _ in range(BATCH)]
                cpu[name] += process_cpu(pid) - before
        for _, session in sessions.values():
            session.close()
    runs = max(1, reruns // BATCH) * BATCH
    return cpu["app"] / runs * 1000, cpu["empty"] / runs * 1000, walls["app"], walls["empty"]


def median_ms(values: list[float]) -> float:
    """Median in milliseconds; NaN when nothing was measured (e.g. ``--starts 0``)."""
    return statistics.median(values) * 1000 if values else float("nan")


def ratio_of(a: list[float], b: list[float]) -> float:
    """Median of ``a`` over median of ``b``; NaN when either is empty (e.g. ``--starts 0``)."""
    return statistics.median(a) / statistics.median(b) if a and b else float("nan")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reruns", type=int, default=200)
    parser.add_argument("--starts", type=int, default=3)
    parser.add_argument("--no-browser", action="store_true")
    args = parser.parse_args(argv)
    _quiet_streamlit_logs()

    from ui.state import encode_profile

    rows: list[tuple[str, str, str, str]] = []
    # 1. the real server: CPU per rerun, as shipped and without Streamlit's full collection
    for label, options in (
        ("rerun, server CPU (ms)", ()),
        ("rerun, server CPU, no post-run GC (ms)", ("--runner.postScriptGC", "false")),
    ):
        app_cpu, empty_cpu, app_wall, empty_wall = server_reruns(args.reruns, options)
        rows.append(
            (
                label,
                f"{app_cpu:.2f}",
                f"{empty_cpu:.2f}",
                f"{app_cpu / empty_cpu:.2f}× (goal ≤ 2×)",
            )
        )
    rows.append(  # the last pair: without the collection, closest to the work itself
        (
            "rerun, round trip on localhost (ms)",
            f"{median_ms(app_wall):.1f}",
            f"{median_ms(empty_wall):.1f}",
            "for information",
        )
    )

    # 2. the page script alone in AppTest (no server): finer, but not the whole server's work
    empty_at, empty_first = session(ROOT / "benchmarks" / "empty_app.py", {})
    result_at, result_first = session(ROOT / "views" / "wynik.py", encode_profile(PROFILE))
    opened, _ = session(ROOT / "views" / "wynik.py", encode_profile(PROFILE), OPEN_PANELS)
    with exact_completion(), server_script_cache():
        empty, result, ratio = alternate(empty_at, result_at, args.reruns)
        _, all_open, open_ratio = alternate(empty_at, opened, max(BATCH, args.reruns // 4))
    rows.append(
        (
            "rerun, page script in AppTest (ms)",
            f"{median_ms(result):.2f}",
            f"{median_ms(empty):.2f}",
            f"{ratio:.2f}× (for information)",
        )
    )
    rows.append(  # for information: the same page with every tool panel open (no goal)
        (
            "  … every panel open (ms)",
            f"{median_ms(all_open):.2f}",
            f"{median_ms(empty):.2f}",
            f"{open_ratio:.1f}× (for information)",
        )
    )
    rows.append(
        (
            "first run in a session (ms)",
            f"{result_first * 1000:.1f}",
            f"{empty_first * 1000:.1f}",
            "includes loading the knowledge base" if result_first > 0.2 else "",
        )
    )

    chromium = next((p for p in CHROMIUM if Path(p).exists()), None)
    browser = None
    playwright = None
    if chromium and not args.no_browser:
        from playwright.sync_api import sync_playwright

        playwright = sync_playwright().start()
        browser = playwright.chromium.launch(
            executable_path=chromium,
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        )

    def waiter(text: str) -> Callable[[str], None] | None:
        if browser is None:
            return None

        def ready(url: str) -> None:
            page = browser.new_page()
            page.goto(url)
            page.get_by_text(text).first.wait_for(timeout=60_000)
            page.close()

        return ready

    app_health, app_render, hello_health, hello_render = [], [], [], []
    try:
        for _ in range(args.starts):
            h, r = start_app("benchmarks/hello_app.py", waiter("Hello"))
            hello_health.append(h)
            hello_render.append(r)
            h, r = start_app("app.py", waiter("Od czego chcesz zacząć?"))
            app_health.append(h)
            app_render.append(r)
    finally:
        if browser is not None:
            browser.close()
        if playwright is not None:
            playwright.stop()
    rows.append(
        (
            "start → health (ms)",
            f"{median_ms(app_health):.0f}",
            f"{median_ms(hello_health):.0f}",
            f"{ratio_of(app_health, hello_health):.2f}×",
        )
    )
    if browser is not None:
        app_r = [x for x in app_render if x is not None]
        hello_r = [x for x in hello_render if x is not None]
        rows.append(
            (
                "start → first rendered page (ms)",
                f"{median_ms(app_r):.0f}",
                f"{median_ms(hello_r):.0f}",
                f"{ratio_of(app_r, hello_r):.2f}× (goal ≤ 1.5×)",
            )
        )
    else:
        rows.append(("start → first rendered page", "skipped", "skipped", "no Chromium"))

    header = ("measure", "Jaka forma?", "baseline", "ratio")
    widths = [max(len(r[i]) for r in (*rows, header)) for i in range(4)]
    print(
        f"reruns: {len(result)} per script · cold starts: {args.starts} per app · "
        f"Python {sys.version.split()[0]}"
    )
    for row in (header, tuple("-" * w for w in widths), *rows):
        print("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
