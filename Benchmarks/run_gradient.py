#!/usr/bin/env python3
"""Gradient benchmark runner: the Lotka-Volterra loss gradient of lotka_volterra.json (loss at
t = 1..10, gradient with respect to a, b, c, d and y0; Dopri5, rtol = atol = 1e-8) by every
Continuum sensitivity method against torchdiffeq (odeint, odeint_adjoint) and diffrax
(RecursiveCheckpointAdjoint, BacksolveAdjoint) in the same run; then the discrete adjoint's peak
memory against the number of steps, storing all states or 10 checkpoints.

  Benchmarks/run_gradient.py [--runs 3] [--repeat 200] [--write]
"""

import argparse
import datetime
import os
import statistics

from bench_common import BENCH, build_bench, peers_python, publish, run_json

BEGIN, END = "<!-- gradient:begin -->", "<!-- gradient:end -->"
SENSITIVITIES = [("forward", []), ("discrete", []), ("discrete", ["--checkpoints", "10"]), ("backsolve", []),
                 ("interpolating", []), ("quadrature", [])]


def contenders(bench, python, repeat):
    common = ["--method", "dopri5", "--rtol", "1e-8", "--atol", "1e-8"]
    table = []
    for name, extra in SENSITIVITIES:
        label = f"Continuum {name}" + (f" (K={extra[1]})" if extra else "")
        table.append((label, [str(bench), "gradient", "--sensitivity", name, "--repeat", str(repeat)] + common + extra))
    if python:
        peer_repeat = str(max(3, repeat // 40))
        for adjoint in ("odeint", "odeint_adjoint"):
            table.append((f"torchdiffeq {adjoint}", [python, str(BENCH / "peers/lv_gradient_torchdiffeq.py"),
                                                    "--adjoint", adjoint, "--repeat", "3"] + common))
        for adjoint, label in (("recursive", "RecursiveCheckpointAdjoint"), ("backsolve", "BacksolveAdjoint")):
            table.append((f"diffrax {label}", [python, str(BENCH / "peers/lv_gradient_diffrax.py"),
                                               "--adjoint", adjoint, "--repeat", peer_repeat] + common))
    return table


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    bench = build_bench()
    table = contenders(bench, peers_python(), args.repeat)
    results, failures = {}, {}
    for run in range(args.runs):
        for name, command in table:
            result, error = run_json(command)
            if result is None:
                failures[name] = error
            else:
                results.setdefault(name, []).append(result)
        print(f"==> run {run + 1}/{args.runs} done", flush=True)
    times = {name: statistics.median(r["median_s"] for r in runs) for name, runs in results.items()}
    peers = {n: t for n, t in times.items() if not n.startswith("Continuum")}
    fastest_peer = min(peers, key=peers.get) if peers else None

    out = [BEGIN, "## Gradients (Lotka-Volterra)", ""]
    out.append(f"- Command: `Benchmarks/run_gradient.py --runs {args.runs} --repeat {args.repeat} --write`")
    out.append(f"- Date: {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC; {os.cpu_count()} cores")
    out.append("- The loss and gradient of `lotka_volterra.json` (sum of |y(t)|² at t = 1..10, gradient in a, b, c, d "
               "and y0), Dopri5 at rtol = atol = 1e-8 for everyone. Continuum: `LotkaVolterra` with its hand-written "
               "VJP; torch float64 eager (1 thread); diffrax jit (compile excluded). Time = median over runs of each "
               "run's median.")
    out += ["", "| contender | time | ÷ forward solve | fastest peer ÷ this | loss | dL/da |", "|---|---:|---:|---:|---:|---:|"]
    for name in sorted(times, key=times.get):
        last = results[name][-1]
        ratio = f"{last['gradient_over_forward']:.2f}×" if "gradient_over_forward" in last else ""
        speedup = f"{times[fastest_peer] / times[name]:.1f}×" if fastest_peer else ""
        out.append(f"| {name} | {times[name] * 1e6:.1f} µs | {ratio} | {speedup} | {last['loss']:.10g} | "
                   f"{last['gradient'][0]:.10g} |")
    if fastest_peer:
        out.append(f"\nFastest peer: **{fastest_peer}** ({times[fastest_peer] * 1e3:.2f} ms).")
    out += ["", "Discrete adjoint memory (fixed-step RK4 on [0, 10], loss at t = 10; peak RSS growth of the process):", "",
            "| steps | states stored (all) | RSS growth (all) | states stored (K=10) | recomputed steps (K=10) | RSS growth (K=10) |",
            "|---:|---:|---:|---:|---:|---:|"]
    for steps in (1000, 10_000, 100_000, 1_000_000):
        everything, _ = run_json([str(bench), "gradient-memory", "--steps", str(steps)])
        checkpointed, _ = run_json([str(bench), "gradient-memory", "--steps", str(steps), "--checkpoints", "10"])
        if everything and checkpointed:
            out.append(f"| {steps} | {everything['stored_states']} | {everything['peak_rss_growth_kb']} kB | "
                       f"{checkpointed['stored_states']} | {checkpointed['recomputed_steps']} | "
                       f"{checkpointed['peak_rss_growth_kb']} kB |")
    out.append("\nWith K checkpoints the adjoint holds K states; the step grid (one Double per step) is still "
               "recorded, so memory is not flat in N.")
    for name, error in failures.items():
        out.append(f"\n- {name} failed: {error}")
    publish(out, BEGIN, END, args.write)


if __name__ == "__main__":
    main()
