"""Streaming batches: JSON object, list or JSON Lines in; ``--format jsonl`` out; bounded memory.

Every bad input (a cut stream, a 10 MB line, invalid UTF-8, an invalid profile in the middle) is
one line on stderr with exit status 2, and the results already written stay valid JSON lines.
"""

from __future__ import annotations

import io
import json
import random
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from recommender import jsonstream
from recommender.jsonstream import ProfileStream, StreamError
from recommender.profile import FIELDS
from tests.conftest import ROOT
from tests.strategies import profiles


def run(*args: str, stdin: bytes | str = b"") -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "recommender", "recommend", "--profile", *args],
        cwd=ROOT,
        input=stdin.encode() if isinstance(stdin, str) else stdin,
        capture_output=True,
        timeout=300,
    )


def lines(*objects: Any) -> str:
    return "".join(json.dumps(o) + "\n" for o in objects)


def random_profiles(n: int, seed: int = 7) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        p: dict[str, Any] = {}
        for name, spec in FIELDS.items():
            if name == "founders_at_risk" or rng.random() < 0.4:
                continue
            if spec.kind == "int":
                p[name] = rng.randint(0, 40)
            elif spec.kind == "bool":
                p[name] = rng.random() < 0.5
            elif spec.kind == "enum":
                p[name] = rng.choice(spec.values)
            else:
                p[name] = rng.sample(spec.values, rng.randint(0, min(3, len(spec.values))))
        out.append(p)
    return out


def one_line_error(done: subprocess.CompletedProcess[bytes]) -> str:
    err = done.stderr.decode()
    assert done.returncode == 2, err
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1, err
    return err


def result_lines(done: subprocess.CompletedProcess[bytes]) -> list[dict[str, Any]]:
    out = done.stdout.decode()
    assert out == "" or out.endswith("\n")
    return [json.loads(line) for line in out.splitlines()]


# -- the reader, in process -------------------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(
    batch=st.lists(profiles(), max_size=6),
    chunk=st.integers(1, 40),
    layout=st.sampled_from(["list", "list-pretty", "lines", "lines-crlf"]),
)
def test_any_chunking_reads_the_same_profiles(batch, chunk, layout):
    if layout == "list":
        data = json.dumps(batch, ensure_ascii=False)
    elif layout == "list-pretty":
        data = json.dumps(batch, indent=3, ensure_ascii=False)
    else:
        end = "\r\n" if layout == "lines-crlf" else "\n"
        data = "".join(json.dumps(p, ensure_ascii=False) + end for p in batch)
    old = jsonstream.CHUNK
    jsonstream.CHUNK = chunk
    try:
        if not data:  # empty input is not JSON
            with pytest.raises(StreamError):
                list(ProfileStream("test", io.BytesIO(b"")))
            return
        stream = ProfileStream("test", io.BytesIO(data.encode()))
        got = [value for _, value in stream]
    finally:
        jsonstream.CHUNK = old
    assert got == batch
    if layout.startswith("list"):
        assert stream.kind == "list"
    else:
        assert stream.kind == ("lines" if len(batch) > 1 else "object")


@pytest.mark.parametrize(
    ("data", "kind", "count"),
    [
        (b'{"founders": 1}', "object", 1),
        (b'\xef\xbb\xbf{"founders": 1}\n', "object", 1),
        (b'{\n  "founders": 1\n}\n', "object", 1),
        (b'\n\n{"founders": 1}\n\n{"founders": 2}\n', "lines", 2),
        (b"  [ ]  ", "list", 0),
        (b'[{"founders": 1}, {}]', "list", 2),
    ],
)
def test_kinds(data, kind, count):
    stream = ProfileStream("test", io.BytesIO(data))
    assert stream.kind == kind
    assert len(list(stream)) == count


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        (b'{"founders": 1}\n{"founders": 2,\n', "line 2: invalid JSON"),
        (b'{"founders": 1}\n{"intent": "\xff"}\n', "line 2: not valid UTF-8"),
        (b'[{"founders": 1}, {"intent": "\xff"}]', "not valid UTF-8"),
        (b'[{"founders": 1}, {"founders": 2}', "cut off after item [1]"),
        (b'[{"founders": 1}, {"goals": ["comm', "cut off in item [1]"),
        (b'[{"founders": 1} {"founders": 2}]', "expected ',' or ']'"),
        (b'[{"founders": 1}] []', "extra data"),
        (b'[{"founders": NaN}]', "[0]: invalid JSON number NaN"),
        (b'{"a": 1}\n{"a": 1, "a": 2}\n', "line 2: a: duplicate key"),
        (b"[" * 100_000, "nested too deeply"),
        (b"", "invalid JSON"),
    ],
)
def test_bad_streams_are_one_line_errors(data, fragment):
    with pytest.raises(StreamError) as err:
        list(ProfileStream("test", io.BytesIO(data)))
    assert fragment in str(err.value)
    assert "\n" not in str(err.value)


# -- the command --------------------------------------------------------------------------------


def test_jsonl_writes_one_compact_result_per_line_equal_to_json():
    batch = random_profiles(5)
    done = run("-", "--format", "jsonl", stdin=lines(*batch))
    assert done.returncode == 0, done.stderr
    raw = done.stdout.decode().splitlines()
    assert len(raw) == 5 and all(": " not in r[:20] for r in raw)  # compact
    as_list = json.loads(run("-", stdin=json.dumps(batch)).stdout)
    assert [json.loads(r) for r in raw] == as_list
    from_lines = json.loads(run("-", stdin=lines(*batch)).stdout)
    assert from_lines == as_list


def test_json_list_from_a_file_is_streamed_and_equal(tmp_path):
    batch = random_profiles(4)
    path = tmp_path / "batch.json"
    path.write_text(json.dumps(batch, indent=2))
    done = run(str(path))
    assert done.returncode == 0
    assert json.loads(done.stdout) == json.loads(run("-", stdin=json.dumps(batch)).stdout)


@pytest.mark.parametrize("source", ["file", "stdin"])
def test_json_format_writes_nothing_before_an_invalid_profile(tmp_path, source):
    text = lines({"founders": 3}, {"founders": 2}, {"founders": 1_000_000_000_000})
    path = tmp_path / "batch.jsonl"
    path.write_text(text)
    done = run("-", stdin=text) if source == "stdin" else run(str(path))
    err = one_line_error(done)
    assert "line 3: founders" in err and done.stdout == b""


def test_invalid_profile_in_a_stream_keeps_earlier_lines_valid():
    batch = [*random_profiles(3), {"founders": 2, "urgency": "yesterday"}, {}]
    done = run("-", "--format", "jsonl", stdin=lines(*batch))
    err = one_line_error(done)
    assert err.startswith("error: line 4: urgency")
    assert len(result_lines(done)) == 3


@pytest.mark.parametrize(
    ("data", "fragment", "written"),
    [
        (lines({"founders": 1}).encode() + b'{"founders": 2, "goals": ["commu', "line 2", 1),
        (lines({"founders": 1}).encode() + b'{"founders": "\xc3"}\n', "UTF-8", 1),
        (b'[{"founders": 1}, {"founders": 2', "cut off", 1),
        (
            lines({"founders": 1}).encode() + b'{"x": "' + b"a" * 10_000_000 + b'"}\n{}\n',
            "line 2: longer than 1 MB",
            1,
        ),
        (b'[{"founders": 1}, "' + b"a" * 10_000_000 + b'"]', "[1]: longer than 1 MB", 1),
        (b'{"x": "' + b"a" * 10_000_000 + b'"}', "longer than 1 MB", 0),
    ],
    ids=["cut-line", "utf8", "cut-list", "10MB-line", "10MB-item", "10MB-object"],
)
def test_broken_streams(data, fragment, written):
    done = run("-", "--format", "jsonl", stdin=data)
    assert fragment in one_line_error(done)
    assert len(result_lines(done)) == written


# -- memory -----------------------------------------------------------------------------------

MEASURE = textwrap.dedent(
    """
    import resource, subprocess, sys
    with open(sys.argv[1], "rb") as f:
        done = subprocess.run(
            [sys.executable, "-m", "recommender", "recommend", "--profile", "-",
             "--format", "jsonl"],
            stdin=f, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )
    assert done.returncode == 0, done.stderr
    print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    """
)


def peak_rss_mb(path: Path) -> float:
    """Peak resident memory of ``recommend --format jsonl`` over the file (a fresh process)."""
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )
    return int(done.stdout.strip()) / 1024  # Linux reports kilobytes


def test_memory_does_not_grow_with_the_batch(tmp_path):
    """Peak RSS for 200 and 2 200 profiles: the growth per profile, extrapolated to 50 000
    profiles, keeps the run under 300 MB (in fact it stays flat)."""
    profiles_ = random_profiles(2_200)
    small, large = tmp_path / "small.jsonl", tmp_path / "large.jsonl"
    small.write_text(lines(*profiles_[:200]))
    large.write_text(lines(*profiles_))
    rss_small, rss_large = peak_rss_mb(small), peak_rss_mb(large)
    per_profile = max(0.0, rss_large - rss_small) / 2_000
    assert rss_large < 300
    assert rss_small + per_profile * 50_000 < 300, (rss_small, rss_large)
