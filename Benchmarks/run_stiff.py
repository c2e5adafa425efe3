#!/usr/bin/env python3
"""Stiff benchmark runner: Continuum's stiff methods against scipy (Radau, BDF, LSODA) and diffrax
(Kvaerno5) on Robertson [0, 1e11] (rtol 1e-6, atol 1e-10) and Van der Pol mu=1000 [0, 3000]
(rtol = atol = 1e-6), interleaved runs, medians of run medians.

  Benchmarks/run_stiff.py [--runs 3] [--repeat 20] [--write]

--write replaces the stiff section of Benchmarks/RESULTS.md (between its stiff markers). Needs the
peers venv of Benchmarks/peers/setup.sh for the peers; standard library only otherwise.
"""

import argparse
import datetime
import os
import pathlib
import statistics
import sys

from bench_common import BENCH, VENV, build_bench, publish, run_json
PROBLEMS = {"robertson": ("1e-6", "1e-10"), "vanderpol": ("1e-6", "1e-6")}
CONTINUUM_METHODS = ["rodas5p", "rodas4", "rosenbrock23", "radau5", "kvaerno5", "kencarp4", "bdf", "ndf", "auto"]
BEGIN, END = "<!-- stiff:begin -->", "<!-- stiff:end -->"


def contenders(bench_binary, python, extra_methods):
    table = [(f"Continuum {m}", [str(bench_binary)], m) for m in CONTINUUM_METHODS + extra_methods]
    if python:
        table += [(f"scipy {m}", [python, str(BENCH / "peers/stiff_scipy.py")], m) for m in ("radau", "bdf", "lsoda")]
        table += [("diffrax kvaerno5", [python, str(BENCH / "peers/stiff_diffrax.py")], "kvaerno5")]
    return table


def run_once(command, problem, method, repeat):
    rtol, atol = PROBLEMS[problem]
    args = command + [problem, "--method", method, "--rtol", rtol, "--atol", atol, "--repeat", str(repeat)]
    return run_json(args, timeout=900)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--methods", default="", help="extra Continuum methods, comma-separated (e.g. kvaerno5,bdf)")
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()

    bin_path = build_bench().parent
    python = str(VENV / "bin/python") if (VENV / "bin/python").exists() else None
    if not python:
        print(f"==> no peers venv at {VENV}: running Continuum only", file=sys.stderr)
    extra = [m for m in args.methods.split(",") if m]
    table = contenders(pathlib.Path(bin_path) / "continuum-bench", python, extra)

    results, failures = {}, {}
    for run in range(1, args.runs + 1):
        for problem in PROBLEMS:
            for name, command, method in table:
                if (problem, name) in failures:
                    continue
                repeat = max(3, args.repeat // 4) if not name.startswith("Continuum") else args.repeat
                print(f"==> run {run}/{args.runs}  {problem}  {name}", file=sys.stderr)
                result, error = run_once(command, problem, method, repeat)
                if result is None:
                    failures[(problem, name)] = error
                else:
                    results.setdefault((problem, name), []).append(result)

    out = [BEGIN, "## Stiff problems", ""]
    out.append(f"- Command: `Benchmarks/run_stiff.py --runs {args.runs} --repeat {args.repeat}"
               + (f" --methods {args.methods}" if args.methods else "") + " --write`")
    out.append(f"- Date: {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC; "
               f"{os.cpu_count()} cores")
    out.append("- Robertson on [0, 1e11], rtol 1e-6, atol 1e-10; Van der Pol μ = 1000 on [0, 3000], "
               "rtol = atol = 1e-6. Continuum: plain Swift closures, finite-difference Jacobians. "
               "scipy: analytic Jacobians. diffrax: Jacobians by autodiff, jit, compile time excluded. "
               "time = median over runs of each run's median.")
    for problem in PROBLEMS:
        rows = {name: runs for (p, name), runs in results.items() if p == problem}
        if not rows:
            continue
        times = {name: statistics.median(r["median_s"] for r in runs) for name, runs in rows.items()}
        ours = {n: t for n, t in times.items() if n.startswith("Continuum")}
        peers = {n: t for n, t in times.items() if not n.startswith("Continuum")}
        best_name = min(ours, key=ours.get) if ours else None
        out += ["", f"### {problem}", "",
                "| contender | time | ÷ best Continuum | nfe | steps | Jacobians | LU | y(t1) |",
                "|---|---:|---:|---:|---:|---:|---:|---|"]
        for name in sorted(times, key=times.get):
            last = rows[name][-1]
            ratio = f"{times[name] / ours[best_name]:.1f}×" if best_name else ""
            y = ", ".join(f"{v:.10g}" for v in last.get("y", []))
            out.append(f"| {name} | {times[name] * 1e3:.3f} ms | {ratio} | {last.get('nfe', '')} | "
                       f"{last.get('steps', '')} | {last.get('jacobians', '')} | {last.get('factorizations', '')} | ({y}) |")
        if best_name and peers:
            scipy_best = min((t, n) for n, t in peers.items() if n.startswith("scipy")) if any(
                n.startswith("scipy") for n in peers) else None
            line = f"\nBest Continuum method: **{best_name}**."
            if scipy_best:
                line += f" Fastest scipy ({scipy_best[1]}) ÷ best Continuum: **{scipy_best[0] / ours[best_name]:.0f}×**."
            if "diffrax kvaerno5" in peers:
                line += f" diffrax Kvaerno5 ÷ best Continuum: **{peers['diffrax kvaerno5'] / ours[best_name]:.0f}×**."
            out.append(line)
    for (problem, name), error in failures.items():
        out.append(f"\n- {name} failed on {problem}: {error}")
    publish(out, BEGIN, END, args.write)


if __name__ == "__main__":
    main()
