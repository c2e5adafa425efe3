#!/usr/bin/env python3
"""SDE benchmark runner: 4096 paths x 1000 Euler-Maruyama steps of geometric Brownian motion
(dX = 0.5 X dt + 0.3 X dW, X(0) = 1, t in [0, 1]), Continuum (release, all cores; drift and
diffusion as field structs, and as closures; sequential Brownian increments, and the reproducible
virtual Brownian tree with tolerance 1e-4) against
vectorised NumPy, diffrax (jit + vmap, UnsafeBrownianPath; and VirtualBrownianTree, tol 1e-4) and
torchsde (batched, default BrownianInterval). Runs are interleaved; each figure is the median over
--runs of each run's median over --repeat solves. Prints the times, the ratios and the bars.

  Benchmarks/run_sde.py [--runs 3] [--repeat 5]

Needs the peers venv of Benchmarks/peers/setup.sh (--with-torch for torchsde); standard library only
otherwise.
"""

import argparse
import pathlib
import statistics
import sys

from bench_common import BENCH, VENV, build_bench, run_json

# (ratio name, numerator contender, denominator contender, bar)
BARS = [
    ("NumPy / Continuum", "numpy", "continuum", 3),
    ("diffrax / Continuum", "diffrax", "continuum", 10),
    ("torchsde / Continuum", "torchsde", "continuum", 100),
    ("diffrax tree / Continuum tree", "diffrax tree", "continuum tree", 50),
]


def contenders(binary, python):
    table = [("continuum", [str(binary), "sde", "--brownian", "sequential"]),
             ("continuum closure", [str(binary), "sde", "--brownian", "sequential", "--field", "closure"]),
             ("continuum tree", [str(binary), "sde", "--brownian", "tree"])]
    if python:
        peers = BENCH / "peers"
        table += [("numpy", [python, str(peers / "sde_numpy.py")]),
                  ("diffrax", [python, str(peers / "sde_diffrax.py"), "--brownian", "sequential"]),
                  ("diffrax tree", [python, str(peers / "sde_diffrax.py"), "--brownian", "tree"]),
                  ("torchsde", [python, str(peers / "sde_torchsde.py")])]
    return table


def run_once(command, repeat):
    return run_json(command + ["--repeat", str(repeat)])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    bin_path = build_bench().parent
    python = str(VENV / "bin/python") if (VENV / "bin/python").exists() else None
    if not python:
        print(f"==> no peers venv at {VENV}: running Continuum only", file=sys.stderr)

    times, means, failures = {}, {}, {}
    for run in range(1, args.runs + 1):
        for name, command in contenders(pathlib.Path(bin_path) / "continuum-bench", python):
            if name in failures:
                continue
            # The slow tree peer gets fewer repeats per run; its time is seconds, not milliseconds.
            repeat = max(1, args.repeat // 3) if name == "diffrax tree" else args.repeat
            print(f"==> run {run}/{args.runs}  {name}", file=sys.stderr)
            result, error = run_once(command, repeat)
            if result is None:
                failures[name] = error
                continue
            times.setdefault(name, []).append(result["median_s"])
            means[name] = result["mean"]

    print(f"{'contender':<16} {'median s':>10} {'mean X(1)':>10}   (exact E[X(1)] = e^0.5 = 1.6487)")
    median = {name: statistics.median(values) for name, values in times.items()}
    for name, seconds in median.items():
        print(f"{name:<16} {seconds:>10.4f} {means[name]:>10.4f}")
    for name, error in failures.items():
        print(f"{name:<16} failed: {error}")
    print()
    for label, slower, faster, bar in BARS:
        if slower in median and faster in median:
            ratio = median[slower] / median[faster]
            verdict = "meets" if ratio >= bar else "misses"
            print(f"{label:<32} {ratio:8.1f}x   (bar {bar}x: {verdict})")


if __name__ == "__main__":
    main()
