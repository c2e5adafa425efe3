#!/usr/bin/env python3
"""Diffusion likelihood benchmark runner: the exact log-likelihood of 1000 points in 2-D through the
VP probability-flow ODE (3-Gaussian mixture, exact score and divergence, Dopri5 at rtol 1e-5,
atol 1e-7, the exact diffused mixture as the prior at t = 1), Continuum (release; all cores, and one
worker) against diffrax (jit + vmap, the same computation with jax.grad / jax.jacfwd). Runs are
interleaved; each figure is the median over --runs of each run's median over --repeat evaluations
of all points. Prints the times, the errors against the analytic density and the bar (diffrax /
Continuum >= 10).

  Benchmarks/run_likelihood.py [--runs 3] [--repeat 5] [--rtol 1e-5] [--write]

--write replaces the diffusion section of Benchmarks/RESULTS.md.
"""

import argparse
import statistics

from bench_common import BENCH, build_bench, peers_python, run_json, write_section

BEGIN, END = "<!-- likelihood:begin -->", "<!-- likelihood:end -->"
BAR = 10


def contenders(binary, python, rtol, repeat):
    common = ["--rtol", str(rtol), "--repeat", str(repeat)]
    table = [("continuum", [str(binary), "diffusion-likelihood"] + common),
             ("continuum 1 worker", [str(binary), "diffusion-likelihood", "--workers", "1"] + common)]
    if python:
        table.append(("diffrax", [python, str(BENCH / "peers/likelihood_diffrax.py")] + common))
    return table


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--rtol", type=float, default=1e-5)
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()

    binary = build_bench()
    python = peers_python()
    times, errors, failures = {}, {}, {}
    for run in range(1, args.runs + 1):
        for name, command in contenders(binary, python, args.rtol, args.repeat):
            if name in failures:
                continue
            print(f"==> run {run}/{args.runs}  {name}", flush=True)
            result, error = run_json(command)
            if result is None:
                failures[name] = error
                continue
            times.setdefault(name, []).append(result["median_s"])
            errors[name] = result["max_error"]

    lines = [f"{'contender':<20} {'median s':>10} {'max |error| nats':>17}"]
    median = {name: statistics.median(values) for name, values in times.items()}
    for name, seconds in median.items():
        lines.append(f"{name:<20} {seconds:>10.4f} {errors[name]:>17.2e}")
    for name, error in failures.items():
        lines.append(f"{name:<20} failed: {error}")
    if "diffrax" in median and "continuum" in median:
        ratio = median["diffrax"] / median["continuum"]
        lines.append(f"diffrax / Continuum = {ratio:.1f}x (bar >= {BAR}x: {'met' if ratio >= BAR else 'NOT met'})")
    report = "\n".join(lines)
    print(report)
    if args.write:
        write_section(BEGIN, END, f"{BEGIN}\n### PF-ODE log-likelihood, 1000 points, rtol {args.rtol:g}\n\n```\n{report}\n```\n{END}")


if __name__ == "__main__":
    main()
