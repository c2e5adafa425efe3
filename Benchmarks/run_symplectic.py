#!/usr/bin/env python3
"""Symplectic benchmark runner: Continuum's Verlet on the Kepler orbit (e = 0.6) per step against
diffrax's fixed-step symplectic solvers (SemiImplicitEuler, LeapfrogMidpoint; jit), same problem,
same step, same number of steps, interleaved runs, medians of run medians.

  Benchmarks/run_symplectic.py [--runs 5] [--repeat 20] [--steps 100000] [--dt 0.01]

Prints ns per step for every contender and the ratio diffrax / Continuum Verlet (above 1: Continuum
faster). Continuum runs twice: with the Kepler force as a Swift type conforming to
PartitionedVectorField (`struct`, specialised like diffrax's jitted function) and as the library's
closure-based `SeparableHamiltonian.kepler` (`closure`). Needs the peers venv of
Benchmarks/peers/setup.sh for diffrax; standard library only otherwise.
"""

import argparse
import pathlib
import statistics
import sys

from bench_common import BENCH, VENV, build_bench, run_json


def run_once(command):
    result, error = run_json(command, timeout=900)
    if result is None:
        raise RuntimeError(f"{' '.join(command)}: {error}")
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--steps", type=int, default=100_000)
    parser.add_argument("--dt", type=float, default=0.01)
    args = parser.parse_args()

    bin_path = build_bench().parent
    bench = [str(pathlib.Path(bin_path) / "continuum-bench"), "kepler-symplectic"]
    common = ["--steps", str(args.steps), "--dt", str(args.dt), "--repeat", str(args.repeat)]
    contenders = [
        ("Continuum verlet (struct field)", bench + ["--method", "verlet", "--field", "struct"] + common),
        ("Continuum verlet (closure field)", bench + ["--method", "verlet", "--field", "closure"] + common),
        ("Continuum symplectic-euler-dk (struct field)",
         bench + ["--method", "symplectic-euler-dk", "--field", "struct"] + common),
    ]
    python = VENV / "bin/python"
    if python.exists():
        peer = [str(python), str(BENCH / "peers/kepler_diffrax.py")]
        contenders += [
            ("diffrax SemiImplicitEuler", peer + ["--method", "semi-implicit-euler"] + common),
            ("diffrax LeapfrogMidpoint", peer + ["--method", "leapfrog-midpoint"] + common),
        ]
    else:
        print(f"(no peers venv at {VENV}: diffrax skipped)", file=sys.stderr)

    per_step = {name: [] for name, _ in contenders}
    for run in range(args.runs):
        for name, command in contenders:
            result = run_once(command)
            if result["steps"] != args.steps:
                raise RuntimeError(f"{name} took {result['steps']} steps, expected {args.steps}")
            per_step[name].append(result["ns_per_step"])
        print(f"  run {run + 1}/{args.runs} done", file=sys.stderr)

    medians = {name: statistics.median(values) for name, values in per_step.items()}
    print(f"Kepler e=0.6, {args.steps} steps of {args.dt}, medians of {args.runs} runs x {args.repeat} repeats")
    for name, value in medians.items():
        print(f"  {name:46s} {value:8.2f} ns/step")
    verlet = medians["Continuum verlet (struct field)"]
    closure = medians["Continuum verlet (closure field)"]
    for peer in ("diffrax SemiImplicitEuler", "diffrax LeapfrogMidpoint"):
        if peer in medians:
            print(f"ratio {peer} / Continuum verlet: {medians[peer] / verlet:.2f}x (struct field), "
                  f"{medians[peer] / closure:.2f}x (closure field)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
