"""Load of a workshop room: many participants joining, answering and submitting at once.

Starts the real app (``streamlit run app.py``) on a free port on 127.0.0.1 with a fresh SQLite
file (or ``DATABASE_URL`` if set), creates a room, and drives N simultaneous sessions over
Streamlit's own WebSocket protocol (``/_stcore/stream``, the protobuf messages the browser
sends) — the same script runs, widget callbacks and database writes as real phones cause, without
a browser's rendering cost on the client side. Each participant:

    open the join link (?code=…) → join → answer "intent" → next → answer "goals" → next
    → answer "founders" → show the result (the answer is submitted to the room)

One *interaction* is one message to the server until the script run it starts has finished.
Printed: p50/p95/max per interaction and overall, errors (script exceptions, missing "answers
reached the room" confirmation, timeouts, lost answers), the server's memory per session (RSS
growth / sessions), and a baseline measured in the same run: the same flow by one session
alone, with the ratio. Goal on a 2-core machine: p95 under 500 ms, zero errors.

    python benchmarks/room_load.py [--sessions 50] [--think 0] [--arrival 0] [--baseline-runs 3]

With ``--proxy 1,2`` the same burst goes through ``scripts/serve`` (nginx in front of N Streamlit
workers) instead, once for each N, alternating ``--rounds`` times, all in one run: the p95 with 1
and with 2 workers and their ratio. ``--postgres`` starts a throwaway PostgreSQL server for the
rooms (as the tests do; otherwise ``DATABASE_URL`` or the SQLite file):

    python benchmarks/room_load.py --proxy 1,2 --rounds 2 --postgres

``--think 0 --arrival 0`` (the default) is the worst case: 50 phones clicking in the same
millisecond, again and again. ``--arrival 30 --think 8`` is closer to a workshop: people open
the link within half a minute and read each question for a few seconds.

Only loopback traffic; every loop is bounded. Prints figures, asserts nothing.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import websocket  # noqa: E402  (websocket-client, a test dependency)
from streamlit.proto.BackMsg_pb2 import BackMsg  # noqa: E402
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: E402
from streamlit.proto.WidgetStates_pb2 import WidgetState  # noqa: E402

from benchmarks.serve import (  # noqa: E402
    free_port,
    process_cpu,
    stop,
    streamlit_command,
    wait_healthy,
)
from recommender.i18n import catalog  # noqa: E402
from recommender.loading import load_knowledge  # noqa: E402
from recommender.rooms import RoomStore  # noqa: E402
from recommender.rooms.store import url_from_env  # noqa: E402

PL = catalog("pl")
RECV_TIMEOUT_S = 120
MAX_MESSAGES_PER_RUN = 5000


# -- the server -----------------------------------------------------------------------------------


EMPTY_APP = """import streamlit as st
st.title("empty")
st.button("click", key="jf_click")
st.write("ok")
"""


class Server:
    def __init__(self, data_dir: Path, script: str = "app.py") -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {**os.environ, "JAKAFORMA_DATA_DIR": str(data_dir)}
        self.log = (data_dir / f"streamlit-{self.port}.log").open("w")
        self.proc = subprocess.Popen(
            streamlit_command(script, self.port),
            cwd=ROOT,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        wait_healthy(self.proc, self.url, timeout=60)

    def cpu_s(self) -> float:
        """User + system CPU time of the server process so far."""
        return process_cpu(self.proc.pid)

    def rss_kib(self) -> int:
        for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
        return 0

    def stop(self) -> None:
        stop(self.proc)
        self.log.close()


# -- a Streamlit client over the WebSocket protocol -----------------------------------------------


class ScriptError(Exception):
    pass


@dataclass
class Session:
    """One browser tab: a WebSocket, the page, the query string, the widgets last rendered."""

    url: str
    page: str
    query: str = ""
    widgets: dict[str, Any] = field(default_factory=dict)  # id -> element proto
    texts: list[str] = field(default_factory=list)
    ws: Any = None

    def connect(self) -> None:
        ws_url = self.url.replace("http://", "ws://") + "/_stcore/stream"
        self.ws = websocket.create_connection(
            ws_url,
            subprotocols=["streamlit"],
            timeout=RECV_TIMEOUT_S,
            # Without TCP_NODELAY a small frame can wait ~40 ms for a delayed ACK (Nagle):
            # that would be the client's delay, not the server's.
            sockopt=((socket.IPPROTO_TCP, socket.TCP_NODELAY, 1),),
        )

    def close(self) -> None:
        if self.ws is not None:
            self.ws.close()

    def widget(self, key: str) -> Any:
        for wid, proto in self.widgets.items():
            if wid.endswith("-" + key) or wid == key:
                return wid, proto
        raise ScriptError(f"no widget {key!r} on the page")

    def run(self, *states: WidgetState) -> float:
        """Send one rerun request; wait until its script run has finished. Returns seconds."""
        msg = BackMsg()
        cs = msg.rerun_script
        cs.query_string = self.query
        cs.page_name = self.page
        for state in states:
            cs.widget_states.widgets.append(state)
        self.widgets, self.texts = {}, []
        start = time.perf_counter()
        self.ws.send_binary(msg.SerializeToString())
        for _ in range(MAX_MESSAGES_PER_RUN):
            fm = ForwardMsg()
            fm.ParseFromString(self.ws.recv())
            kind = fm.WhichOneof("type")
            if kind == "delta" and fm.delta.WhichOneof("type") == "new_element":
                self._element(fm.delta.new_element)
            elif kind == "page_info_changed":
                self.query = fm.page_info_changed.query_string
            elif kind == "script_finished":
                status = fm.script_finished
                if status == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                    raise ScriptError("compile error")
                if status == ForwardMsg.FINISHED_SUCCESSFULLY:
                    return time.perf_counter() - start
                # FINISHED_EARLY_FOR_RERUN (st.rerun): the next run follows on its own
        raise ScriptError("too many messages without the end of the run")

    def _element(self, el: Any) -> None:
        kind = el.WhichOneof("type")
        proto = getattr(el, kind)
        if kind == "exception":
            raise ScriptError(f"exception in the app: {proto.message[:200]}")
        wid = getattr(proto, "id", "")
        if wid:
            self.widgets[wid] = proto
        if kind == "markdown" or kind == "alert":
            self.texts.append(proto.body)


def trigger(wid: str) -> WidgetState:
    state = WidgetState(id=wid)
    state.trigger_value = True
    return state


def string_state(wid: str, value: str) -> WidgetState:
    state = WidgetState(id=wid)
    state.string_value = value
    return state


def int_state(wid: str, value: int) -> WidgetState:
    state = WidgetState(id=wid)
    state.int_value = value
    return state


def string_array_state(wid: str, values: list[str]) -> WidgetState:
    state = WidgetState(id=wid)
    state.string_array_value.data.extend(values)
    return state


# -- one participant ------------------------------------------------------------------------------


@dataclass
class Outcome:
    times: dict[str, float] = field(default_factory=dict)
    error: str | None = None


def participant(url: str, code: str, think_s: float, rng: random.Random) -> Outcome:
    out = Outcome()
    s = Session(url=url, page="pokoj", query=f"code={code}")

    def step(name: str, *states: WidgetState) -> None:
        out.times[name] = s.run(*states)
        if think_s:
            time.sleep(rng.uniform(0.5 * think_s, 1.5 * think_s))

    try:
        s.connect()
        step("open join link")
        in_form = {
            w: p for w, p in s.widgets.items() if getattr(p, "form_id", "") == "jf_room_join"
        }
        code_id = next(w for w, p in in_form.items() if type(p).__name__ == "TextInput")
        submit_id = next(w for w in in_form if "FormSubmitter:jf_room_join" in w)
        step("join", string_state(code_id, code), trigger(submit_id))
        intent_id, intent = s.widget("jf_q_intent")
        found = next(o for o in intent.options if "założyć" in o)  # radios send the label
        step("answer: intent", string_state(intent_id, found))
        step("next", trigger(s.widget("jf_next")[0]))
        goals_id, goals = s.widget("jf_q_goals")
        wanted = ("Integracja sąsiedzka, życie lokalnej społeczności", "Przyroda i środowisko")
        picks = [o.content for o in goals.options if o.content in wanted]  # pills send labels
        step("answer: goals", string_array_state(goals_id, picks))
        step("next ", trigger(s.widget("jf_next")[0]))
        founders_id, _ = s.widget("jf_q_founders")
        step("answer: founders", int_state(founders_id, rng.randint(2, 12)))
        step("show result + submit", trigger(s.widget("jf_result_now")[0]))
        if not any(PL["room.sent"] in t for t in s.texts):
            out.error = "no confirmation that the answer reached the room"
    except (ScriptError, StopIteration, OSError, websocket.WebSocketException) as exc:
        out.error = f"{type(exc).__name__}: {exc}"
    finally:
        _OPEN.append(s)  # kept open until the caller has measured memory; see close_all()
    return out


_OPEN: list[Session] = []


def close_all() -> None:
    while _OPEN:
        with contextlib.suppress(Exception):  # closing a dead socket
            _OPEN.pop().close()


def empty_app(
    data: Path, sessions: int, clicks: int, think_s: float, arrival_s: float
) -> list[Outcome]:
    """The same number of interactions, as many sessions, the same pacing, against a
    three-line Streamlit app: what Streamlit itself costs on this machine under this load."""
    script = data / "empty_app.py"
    script.write_text(EMPTY_APP, encoding="utf-8")
    server = Server(data, str(script))
    results = [Outcome() for _ in range(sessions)]
    barrier = threading.Barrier(sessions)

    def one(i: int) -> None:
        rng = random.Random(500 + i)
        barrier.wait(timeout=60)
        if arrival_s:
            time.sleep(rng.uniform(0, arrival_s))
        s = Session(url=server.url, page="")
        try:
            s.connect()
            results[i].times["open"] = s.run()
            for k in range(clicks - 1):
                if think_s:
                    time.sleep(rng.uniform(0.5 * think_s, 1.5 * think_s))
                results[i].times[f"click {k}"] = s.run(trigger(s.widget("jf_click")[0]))
        except (ScriptError, OSError, websocket.WebSocketException) as exc:
            results[i].error = f"{type(exc).__name__}: {exc}"
        finally:
            s.close()

    try:
        threads = [threading.Thread(target=one, args=(i,)) for i in range(sessions)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=600)
    finally:
        server.stop()
    return results


def all_ms(outcomes: list[Outcome]) -> list[float]:
    return [v * 1000 for o in outcomes for v in o.times.values()]


def summary(values_ms: list[float]) -> dict[str, float]:
    return {"p50": pct(values_ms, 50), "p95": pct(values_ms, 95), "max": max(values_ms)}


# -- figures --------------------------------------------------------------------------------------


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1))))
    return ordered[k]


def table(title: str, outcomes: list[Outcome]) -> dict[str, float]:
    names: list[str] = []
    for o in outcomes:
        for n in o.times:
            if n not in names:
                names.append(n)
    print(f"\n{title}")
    print(f"  {'interaction':<24}{'n':>5}{'p50 ms':>10}{'p95 ms':>10}{'max ms':>10}")
    every: list[float] = []
    for n in names:
        ms = [o.times[n] * 1000 for o in outcomes if n in o.times]
        every.extend(ms)
        print(
            f"  {n.strip():<24}{len(ms):>5}{pct(ms, 50):>10.0f}{pct(ms, 95):>10.0f}{max(ms):>10.0f}"
        )
    print(f"  {'all interactions':<24}{len(every):>5}{pct(every, 50):>10.0f}{pct(every, 95):>10.0f}"
          f"{max(every) if every else float('nan'):>10.0f}")  # fmt: skip
    return {"p50": pct(every, 50), "p95": pct(every, 95), "max": max(every) if every else 0.0}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sessions", type=int, default=50)
    parser.add_argument(
        "--think", type=float, default=0.0, help="mean pause between one's interactions, seconds"
    )
    parser.add_argument(
        "--arrival",
        type=float,
        default=0.0,
        help="participants open the link spread over this many s",
    )
    parser.add_argument("--baseline-runs", type=int, default=3)
    parser.add_argument(
        "--proxy", default="", help="e.g. 1,2: the burst through scripts/serve with N workers"
    )
    parser.add_argument("--rounds", type=int, default=2, help="with --proxy: alternations")
    parser.add_argument("--postgres", action="store_true", help="rooms in a throwaway PostgreSQL")
    args = parser.parse_args()
    sessions = max(1, min(args.sessions, 250))
    if args.proxy:
        return proxy_bursts(args, sessions)

    data = Path(tempfile.mkdtemp(prefix="jf-bench-"))
    server = Server(data)
    print(f"load average before: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    database = "DATABASE_URL" if os.environ.get("DATABASE_URL") else f"SQLite in {data}"
    print(f"app: {server.url} (pid {server.proc.pid}), {os.cpu_count()} CPU cores, {database}")
    store = RoomStore(url_from_env(server.env))
    try:
        load_knowledge()  # fail early here if the knowledge base is broken
        _warm_room, warm_code, _ = store.create_room(title="warm-up and baseline")
        rng = random.Random(1)
        # The start page first, so the first measured session does not pay the cold start.
        start = Session(url=server.url, page="")
        start.connect()
        start.run()
        start.close()
        warm = participant(server.url, warm_code, 0, rng)  # caches, imports, first queries
        if warm.error:
            print(f"warm-up failed: {warm.error}")
            return 1
        close_all()

        baseline = [
            participant(server.url, warm_code, 0, rng) for _ in range(max(1, args.baseline_runs))
        ]
        close_all()
        base = table(f"baseline: one session alone ({len(baseline)} runs)", baseline)
        floor = summary(all_ms(empty_app(data, 1, 8 * max(1, args.baseline_runs), 0, 0)))
        print(f"\nempty Streamlit app (three lines), one session: "
              f"p50 {floor['p50']:.0f} ms, p95 {floor['p95']:.0f} ms")  # fmt: skip

        room, code, token = store.create_room(title="load")
        time.sleep(1.0)
        rss_before = server.rss_kib()
        results: list[Outcome] = [Outcome() for _ in range(sessions)]
        barrier = threading.Barrier(sessions)

        def worker(i: int) -> None:
            barrier.wait(timeout=60)
            rng_i = random.Random(100 + i)
            if args.arrival:
                time.sleep(rng_i.uniform(0, args.arrival))
            results[i] = participant(server.url, code, args.think, rng_i)

        threads = [threading.Thread(target=worker, args=(i,)) for i in range(sessions)]
        cpu_before = server.cpu_s()
        started = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=600)
        wall = time.perf_counter() - started
        cpu_used = server.cpu_s() - cpu_before
        time.sleep(1.0)
        rss_after = server.rss_kib()
        load = table(
            f"load: {sessions} simultaneous sessions (arrivals over {args.arrival:g} s, "
            f"think time {args.think:g} s)",
            results,
        )

        empty_load = empty_app(data, sessions, 8, args.think, args.arrival)
        empty = summary(all_ms(empty_load))
        print(f"\nempty Streamlit app under the same load ({sessions} sessions x 8 clicks): "
              f"p50 {empty['p50']:.0f} ms, p95 {empty['p95']:.0f} ms, "
              f"errors {sum(1 for o in empty_load if o.error)}")  # fmt: skip

        errors = [r.error for r in results if r.error]
        stats = store.room_stats(store.room_for_trainer(room.id, token))
        lost = sessions - stats.finished
        # the answers the protocol sent are the answers stored (the drive is real)
        stored_goals = stats.answers["goals"].values.get("environment", 0)
        stored_founders = sessions - stats.answers["founders"].unknown
        print(
            f"stored answers: intent=found {stats.answers['intent'].values.get('found', 0)}, "
            f"goal environment {stored_goals}, founders given {stored_founders} "
            f"(of {sessions} each)"
        )
        close_all()
        print(f"\nwall time for the whole room: {wall:.1f} s; load average after: "
              f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}")  # fmt: skip
        done = sum(len(r.times) for r in results)
        print(f"server CPU during the load: {cpu_used:.1f} s for {done} interactions = "
              f"{1000 * cpu_used / max(1, done):.0f} ms of CPU per interaction")  # fmt: skip
        print(f"errors: {len(errors)}" + (f" (first: {errors[0]})" if errors else ""))
        print(f"room after the load: joined {stats.joined}, finished {stats.finished}"
              f" (answers missing: {lost})")  # fmt: skip
        per_session = (rss_after - rss_before) / sessions
        print(f"server memory: {rss_before / 1024:.0f} MiB before, {rss_after / 1024:.0f} MiB with "
              f"{sessions} sessions open: {per_session:.0f} KiB per session")  # fmt: skip
        ratio = load["p95"] / base["p95"] if base["p95"] else float("nan")
        print(
            f"p95 under load / p95 alone: {load['p95']:.0f} / {base['p95']:.0f} ms = {ratio:.1f}x"
        )
        print(f"p95 alone / p95 of the empty app alone: {base['p95']:.0f} / {floor['p95']:.0f} ms"
              " = "
              f"{base['p95'] / floor['p95']:.1f}x")  # fmt: skip
        print(f"p95 under load / p95 of the empty app under the same load: {load['p95']:.0f} / "
              f"{empty['p95']:.0f} ms = {load['p95'] / empty['p95']:.1f}x")  # fmt: skip
        verdict = "met" if load["p95"] < 500 and not errors and lost == 0 else "NOT met"
        print(f"goal (p95 < 500 ms, zero errors, nothing lost): {verdict}")
        print(json.dumps({
            "sessions": sessions, "think_s": args.think, "arrival_s": args.arrival,
            "p50_ms": round(load["p50"]), "p95_ms": round(load["p95"]),
            "max_ms": round(load["max"]),
            "baseline_p50_ms": round(base["p50"]), "baseline_p95_ms": round(base["p95"]),
            "empty_app_p95_ms": round(floor["p95"]),
            "empty_app_load_p95_ms": round(empty["p95"]),
            "ratio_p95": round(ratio, 2), "errors": len(errors), "lost": lost,
            "rss_per_session_kib": round(per_session), "wall_s": round(wall, 1),
            "cpu_ms_per_interaction": round(1000 * cpu_used / max(1, done)),
        }))  # fmt: skip
        return 0
    finally:
        close_all()
        store.dispose()
        server.stop()


# -- through the proxy: scripts/serve with 1, 2, … workers ----------------------------------------


class Proxy:
    """``scripts/serve --workers N`` on a free port (nginx in front of N Streamlit workers)."""

    def __init__(self, workers: int, env: dict[str, str], data: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.out = (data / f"serve-{workers}-{self.port}.log").open("wb")
        self.proc = subprocess.Popen(
            [sys.executable, str(ROOT / "scripts" / "serve"), "--workers", str(workers),
             "--port", str(self.port)],
            cwd=ROOT, env=env, stdout=self.out, stderr=subprocess.STDOUT,
        )  # fmt: skip
        wait_healthy(self.proc, self.url, timeout=180)

    def stop(self) -> None:
        stop(self.proc)
        self.out.close()


def burst(url: str, code: str, sessions: int, think: float, arrival: float) -> list[Outcome]:
    """``sessions`` participants joining ``code`` at once (after a barrier)."""
    results = [Outcome() for _ in range(sessions)]
    barrier = threading.Barrier(sessions)

    def worker(i: int) -> None:
        barrier.wait(timeout=60)
        rng_i = random.Random(100 + i)
        if arrival:
            time.sleep(rng_i.uniform(0, arrival))
        results[i] = participant(url, code, think, rng_i)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(sessions)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=600)
    return results


def proxy_bursts(args: argparse.Namespace, sessions: int) -> int:
    counts = [int(x) for x in args.proxy.split(",") if x.strip()]
    data = Path(tempfile.mkdtemp(prefix="jf-bench-"))
    env = {**os.environ, "JAKAFORMA_DATA_DIR": str(data)}
    with contextlib.ExitStack() as stack:
        if args.postgres:
            from tests.pg import postgres_server

            server = stack.enter_context(postgres_server())
            env["DATABASE_URL"] = server.create_database()
        database = "PostgreSQL" if env.get("DATABASE_URL") else f"SQLite in {data}"
        print(f"{os.cpu_count()} CPU cores, rooms in {database}, {sessions} sessions per burst")
        print(f"load average before: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
        store = RoomStore(url_from_env(env))
        stack.callback(store.dispose)
        _room, warm_code, _ = store.create_room(title="warm-up")
        p95s: dict[int, list[float]] = {n: [] for n in counts}
        errors: dict[int, int] = {n: 0 for n in counts}
        for rnd in range(max(1, args.rounds)):
            for n in counts:
                proxy = Proxy(n, env, data)
                try:
                    rng = random.Random(rnd)
                    for _ in range(4 * n):  # each worker: imports, caches, first queries
                        participant(proxy.url, warm_code, 0, rng)
                    close_all()
                    _room, code, _ = store.create_room(title=f"burst {n}")
                    results = burst(proxy.url, code, sessions, args.think, args.arrival)
                    close_all()
                    figures = table(f"round {rnd + 1}: {n} worker(s) behind nginx", results)
                    p95s[n].append(figures["p95"])
                    errors[n] += sum(1 for r in results if r.error)
                finally:
                    close_all()
                    proxy.stop()
        print("\nburst p95 through the proxy (median over rounds):")
        first = statistics.median(p95s[counts[0]])
        for n in counts:
            p95 = statistics.median(p95s[n])
            print(f"  {n} worker(s): p95 {p95:.0f} ms (rounds: "
                  f"{', '.join(f'{v:.0f}' for v in p95s[n])}), errors {errors[n]}, "
                  f"ratio to {counts[0]} worker(s) {p95 / first:.2f}x")  # fmt: skip
        print(f"load average after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
        print(json.dumps({
            "sessions": sessions, "database": database.split()[0],
            "p95_ms": {n: [round(v) for v in p95s[n]] for n in counts}, "errors": errors,
        }))  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
