"""What the benchmark runners share: paths, building continuum-bench, running one contender,
and replacing a marked section of RESULTS.md atomically. Standard library only."""

import json
import os
import pathlib
import subprocess
import sys

BENCH = pathlib.Path(__file__).resolve().parent
REPO = BENCH.parent
VENV = pathlib.Path(os.environ.get("CONTINUUM_PEERS_VENV", pathlib.Path.home() / ".cache/continuum-peers"))


def build_bench():
    """Builds continuum-bench in release mode and returns the path of the binary."""
    print("==> building continuum-bench (release)", file=sys.stderr)
    subprocess.run(["swift", "build", "-c", "release", "--product", "continuum-bench"], cwd=REPO, check=True,
                   stdout=subprocess.DEVNULL)
    bin_path = subprocess.run(["swift", "build", "-c", "release", "--show-bin-path"], cwd=REPO, check=True,
                              capture_output=True, text=True).stdout.strip()
    return pathlib.Path(bin_path) / "continuum-bench"


def peers_python():
    """The peers venv's python, or None (with a note) when it is not installed."""
    python = VENV / "bin/python"
    if python.exists():
        return str(python)
    print(f"==> no peers venv at {VENV}: running Continuum only", file=sys.stderr)
    return None


def run_json(command, timeout=1800):
    """Runs `command`; returns (the last JSON line it printed, None) or (None, the error)."""
    done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        return None, (done.stderr.strip().splitlines() or ["no output"])[-1]
    return json.loads(lines[-1]), None


def write_section(begin, end, report):
    """Replaces the text between `begin` and `end` in RESULTS.md (or appends it), atomically."""
    path = BENCH / "RESULTS.md"
    text = path.read_text() if path.exists() else ""
    if begin in text and end in text:
        text = text[:text.index(begin)] + report + text[text.index(end) + len(end):]
    else:
        text = text.rstrip() + "\n\n" + report + "\n"
    tmp = path.with_suffix(".tmp")
    tmp.write_text(text)
    tmp.replace(path)
    print(f"==> wrote {path}", file=sys.stderr)


def publish(lines, begin, end, write):
    """Closes the report `lines` (which start with `begin`) with `end`, prints it, and with
    `write` replaces its section of RESULTS.md."""
    report = "\n".join(lines + [end])
    print(report)
    if write:
        write_section(begin, end, report)
