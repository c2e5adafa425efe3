#!/usr/bin/env bash
# Benchmark runner: Continuum vs. a plain C floor vs. Python peers on Lorenz.
#
# Usage: Benchmarks/run.sh [options]
#   --runs K            runs per contender (default 5); the reported time is the
#                       median over runs of each run's own median_s
#   --repeat N          timed repeats inside one run (default 50)
#   --torch-repeat N    repeats for torchdiffeq, which is ~1 s per solve (default 3)
#   --rtol R --atol A   tolerances (default 1e-8 both)
#   --methods "M ..."   subset of: dopri5 tsit5 dop853 (default all three)
#   --no-continuum      do not build or run continuum-bench
#   --no-peers          skip the Python peers
#   --no-torch          skip torchdiffeq even if it is installed
#   --write             also write the report to Benchmarks/RESULTS.md
#   --results-file P    write the report to P instead (implies --write)
#   -h, --help          this text
#
# Contenders (each prints a JSON line: median_s, nfe, steps, y, ...; the last
# stdout line starting with "{" is taken):
#   Continuum     swift build -c release --product continuum-bench
#   C floor       Benchmarks/Floor/dopri5_floor.c, gcc -O3 (dopri5 only)
#   diffrax       Benchmarks/peers/lorenz_diffrax.py      (dopri5, tsit5, dop853~Dopri8)
#   scipy         Benchmarks/peers/lorenz_scipy.py        (dopri5=RK45, dop853)
#   torchdiffeq   Benchmarks/peers/lorenz_torchdiffeq.py  (dopri5, dop853~dopri8)
# Peers run from the venv made by Benchmarks/peers/setup.sh, found at
# ${CONTINUUM_PEERS_VENV:-$HOME/.cache/continuum-peers}; without it they are skipped.
# Runs are interleaved (run 1 of every contender, then run 2, ...) so that slow
# drifts of a noisy machine hit all contenders alike.
set -euo pipefail

REPO="$(cd "$(dirname "$0")/.." && pwd)"
BENCH="$REPO/Benchmarks"
VENV="${CONTINUUM_PEERS_VENV:-$HOME/.cache/continuum-peers}"
FLOOR_SRC="$BENCH/Floor/dopri5_floor.c"
FLOOR_BIN="$BENCH/Floor/dopri5_floor" # ignored by git
FLOOR_CALL_BIN="$BENCH/Floor/dopri5_floor_call" # the same, right-hand side called through a pointer
RUN_TIMEOUT=900                        # seconds for one contender run

RUNS=5
REPEAT=50
TORCH_REPEAT=3
RTOL=1e-8
ATOL=1e-8
METHODS="dopri5 tsit5 dop853"
WITH_CONTINUUM=1
WITH_PEERS=1
WITH_TORCH=1
RESULTS_FILE=""
COMMAND_LINE="Benchmarks/run.sh"
[ $# -gt 0 ] && COMMAND_LINE+="$(printf ' %q' "$@")"

usage() {
    sed -n '2,28p' "$0" | sed 's/^# \{0,1\}//'
}

need_value() {
    if [ $# -lt 2 ] || [ -z "$2" ]; then
        echo "run.sh: $1 needs a value" >&2
        exit 2
    fi
}

while [ $# -gt 0 ]; do
    case "$1" in
        --runs) need_value "$@"; RUNS="$2"; shift ;;
        --repeat) need_value "$@"; REPEAT="$2"; shift ;;
        --torch-repeat) need_value "$@"; TORCH_REPEAT="$2"; shift ;;
        --rtol) need_value "$@"; RTOL="$2"; shift ;;
        --atol) need_value "$@"; ATOL="$2"; shift ;;
        --methods) need_value "$@"; METHODS="$2"; shift ;;
        --no-continuum) WITH_CONTINUUM=0 ;;
        --no-peers) WITH_PEERS=0 ;;
        --no-torch) WITH_TORCH=0 ;;
        --write) RESULTS_FILE="${RESULTS_FILE:-$BENCH/RESULTS.md}" ;;
        --results-file) need_value "$@"; RESULTS_FILE="$2"; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "run.sh: unknown option: $1" >&2; usage >&2; exit 2 ;;
    esac
    shift
done

for n in "$RUNS" "$REPEAT" "$TORCH_REPEAT"; do
    case "$n" in
        ''|*[!0-9]*|0) echo "run.sh: --runs/--repeat/--torch-repeat need a positive integer" >&2; exit 2 ;;
    esac
done
for m in $METHODS; do
    case "$m" in
        dopri5|tsit5|dop853) ;;
        *) echo "run.sh: unknown method: $m (use dopri5, tsit5, dop853)" >&2; exit 2 ;;
    esac
done

say() { echo "==> $*" >&2; }
warn() { echo "run.sh: $*" >&2; }

WORK="$(mktemp -d "${TMPDIR:-/tmp}/continuum-bench.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
RAW="$WORK/raw.tsv" # method <TAB> contender <TAB> run <TAB> JSON line
: >"$RAW"

# ---- contenders ----------------------------------------------------------------
# CONTENDERS holds the names in table order; run_contender knows how to start each.
CONTENDERS=()
CONTINUUM_BIN=""
PY=""

cd "$REPO"

if [ "$WITH_CONTINUUM" -eq 1 ]; then
    say "building continuum-bench (swift build -c release --product continuum-bench)"
    if swift build -c release --product continuum-bench >"$WORK/swift-build.log" 2>&1; then
        CONTINUUM_BIN="$(swift build -c release --show-bin-path)/continuum-bench"
        CONTENDERS+=("Continuum" "Continuum (struct)" "Continuum (text)")
    else
        warn "continuum-bench did not build; running without Continuum. Last lines of the build log:"
        tail -n 15 "$WORK/swift-build.log" | sed 's/^/    /' >&2
    fi
else
    say "skipping Continuum (--no-continuum)"
fi

say "building the C floor (gcc -O3; right-hand side inlined, and called through a pointer)"
if gcc -O3 -std=c11 -o "$FLOOR_BIN" "$FLOOR_SRC" -lm 2>"$WORK/gcc.log" &&
    gcc -O3 -std=c11 -DRHS_THROUGH_POINTER -o "$FLOOR_CALL_BIN" "$FLOOR_SRC" -lm 2>>"$WORK/gcc.log"; then
    CONTENDERS+=("C floor" "C floor (call)")
else
    warn "the C floor did not build; running without it:"
    sed 's/^/    /' "$WORK/gcc.log" >&2
fi

if [ "$WITH_PEERS" -eq 0 ]; then
    say "skipping peers (--no-peers)"
elif [ ! -x "$VENV/bin/python" ]; then
    warn "no peers venv at $VENV: skipping diffrax/scipy/torchdiffeq (create it with Benchmarks/peers/setup.sh)"
else
    PY="$VENV/bin/python"
    CONTENDERS+=("diffrax" "scipy")
    if [ "$WITH_TORCH" -eq 0 ]; then
        say "skipping torchdiffeq (--no-torch)"
    elif "$PY" -c 'import torch, torchdiffeq' >/dev/null 2>&1; then
        CONTENDERS+=("torchdiffeq")
    else
        say "torchdiffeq not installed in $VENV: skipping it (Benchmarks/peers/setup.sh --with-torch)"
    fi
fi

if [ "${#CONTENDERS[@]}" -eq 0 ]; then
    warn "nothing to run"
    exit 1
fi

# Which methods each contender offers (others are skipped without running them).
offers() { # contender method
    case "$1:$2" in
        "C floor:dopri5" | "C floor (call):dopri5" | "Continuum (text):dopri5" | "Continuum (struct):dopri5") return 0 ;;
        "Continuum (text):"* | "Continuum (struct):"*) return 1 ;;
        "C floor:"* | "C floor (call):"*) return 1 ;;
        "scipy:tsit5" | "torchdiffeq:tsit5") return 1 ;;
        *) return 0 ;;
    esac
}

# One run of one contender; prints its JSON line (and whatever else it prints).
run_contender() { # contender method
    local repeat="$REPEAT"
    [ "$1" = torchdiffeq ] && repeat="$TORCH_REPEAT"
    local args=(lorenz --method "$2" --rtol "$RTOL" --atol "$ATOL" --repeat "$repeat")
    case "$1" in
        Continuum) timeout "$RUN_TIMEOUT" "$CONTINUUM_BIN" "${args[@]}" ;;
        "Continuum (text)") timeout "$RUN_TIMEOUT" "$CONTINUUM_BIN" "${args[@]}" --rhs-from-text ;;
        "Continuum (struct)") timeout "$RUN_TIMEOUT" "$CONTINUUM_BIN" "${args[@]}" --struct-field ;;
        "C floor") timeout "$RUN_TIMEOUT" "$FLOOR_BIN" "${args[@]}" ;;
        "C floor (call)") timeout "$RUN_TIMEOUT" "$FLOOR_CALL_BIN" "${args[@]}" ;;
        diffrax) timeout "$RUN_TIMEOUT" "$PY" "$BENCH/peers/lorenz_diffrax.py" "${args[@]}" ;;
        scipy) timeout "$RUN_TIMEOUT" "$PY" "$BENCH/peers/lorenz_scipy.py" "${args[@]}" ;;
        torchdiffeq) timeout "$RUN_TIMEOUT" "$PY" "$BENCH/peers/lorenz_torchdiffeq.py" "${args[@]}" ;;
        *) echo "run.sh: unknown contender $1" >&2; return 2 ;;
    esac
}

is_json() {
    python3 -c 'import json, sys; json.loads(sys.stdin.read())' 2>/dev/null
}

# ---- runs ----------------------------------------------------------------------
declare -A SKIPPED=() # "method contender" pairs a contender does not offer
declare -A FAILED=()  # "method contender" pairs that failed once (not retried)
for run in $(seq 1 "$RUNS"); do
    for method in $METHODS; do
        for name in "${CONTENDERS[@]}"; do
            if ! offers "$name" "$method"; then
                SKIPPED["$method $name"]=1
                continue
            fi
            [ -n "${FAILED["$method $name"]:-}" ] && continue
            say "run $run/$RUNS  $method  $name"
            # The result is the last stdout line that starts with "{".
            if line="$(run_contender "$name" "$method" 2>"$WORK/stderr.log" | grep '^{' | tail -n 1)" &&
                printf '%s' "$line" | is_json; then
                printf '%s\t%s\t%s\t%s\n' "$method" "$name" "$run" "$line" >>"$RAW"
            else
                warn "$name failed on $method (not retried); last lines of its output:"
                { tail -n 10 "$WORK/stderr.log"; printf '%s\n' "${line:-}"; } | sed 's/^/    /' >&2
                FAILED["$method $name"]=1
            fi
        done
    done
done

# ---- report --------------------------------------------------------------------
cpu_model="$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -n 1)"
mem_total="$(awk '/^MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo 2>/dev/null || true)"
swift_version="$(swift --version 2>/dev/null | head -n 1 || true)"
gcc_version="$(gcc --version 2>/dev/null | head -n 1 || true)"
peer_versions=""
if [ -n "$PY" ]; then
    peer_versions="$("$PY" - <<'EOF'
import importlib.metadata as md, platform
parts = [f"python {platform.python_version()}"]
for name in ("numpy", "scipy", "jax", "jaxlib", "equinox", "diffrax", "torch", "torchdiffeq"):
    try:
        parts.append(f"{name} {md.version(name)}")
    except md.PackageNotFoundError:
        pass
print(", ".join(parts))
EOF
)"
fi

skipped_list=""
for key in "${!SKIPPED[@]}"; do skipped_list+="$key;"; done
failed_list=""
for key in "${!FAILED[@]}"; do failed_list+="$key;"; done

export RAW RUNS REPEAT TORCH_REPEAT RTOL ATOL METHODS COMMAND_LINE cpu_model mem_total \
    swift_version gcc_version peer_versions skipped_list failed_list
CONTENDER_ORDER="$(printf '%s;' "${CONTENDERS[@]}")"
NPROC="$(nproc)"
DATE="$(date -u '+%Y-%m-%d %H:%M UTC')"
KERNEL="$(uname -sr)"
export CONTENDER_ORDER NPROC DATE KERNEL

python3 - >"$WORK/report.md" <<'EOF'
"""Aggregates raw.tsv into the markdown report (stdlib only)."""
import json
import math
import os
import statistics

# Lorenz y(20) from y0=(1,0,0): Taylor-series integration in 40- and 50-digit
# arithmetic (mpmath), agreeing to 25 digits.
Y_REF = (-8.021143613317437067712556, -11.9054647491717503752127, 19.85637485839841312050325)

env = os.environ
methods = env["METHODS"].split()
contenders = [c for c in env["CONTENDER_ORDER"].split(";") if c]
skipped = {tuple(s.split(" ", 1)) for s in env["skipped_list"].split(";") if s}
failed = {tuple(s.split(" ", 1)) for s in env["failed_list"].split(";") if s}

runs = {}
with open(env["RAW"]) as f:
    for line in f:
        method, name, _run, payload = line.rstrip("\n").split("\t", 3)
        runs.setdefault((method, name), []).append(json.loads(payload))


def fmt_time(s):
    if s < 1e-3:
        return f"{s * 1e6:.1f} µs"
    if s < 1:
        return f"{s * 1e3:.3g} ms"
    return f"{s:.3g} s"


def fmt_ratio(x):
    if x < 10:
        return f"{x:.2f}×"
    return f"{x:.1f}×" if x < 100 else f"{x:.0f}×"


summary = {}
notes = []
warnings = []
for (method, name), results in runs.items():
    times = [r["median_s"] for r in results]
    first = results[0]
    for key in ("nfe", "steps"):
        if any(r.get(key) != first.get(key) for r in results):
            warnings.append(f"{name} {method}: {key} differed between runs")
    y = first.get("y") or []
    err = max((abs(a - b) for a, b in zip(y, Y_REF)), default=math.nan) if len(y) == 3 else math.nan
    summary[(method, name)] = dict(
        time=statistics.median(times),
        lo=min(times),
        hi=max(times),
        nruns=len(times),
        nfe=first.get("nfe"),
        steps=first.get("steps"),
        rejected=first.get("rejected"),
        alloc=first.get("allocations_per_step"),
        text_ratio=statistics.median(r["text_over_closure"] for r in results) if "text_over_closure" in first else None,
        y=y,
        err=err,
    )
    for sentence in (first.get("note") or "").split(". "):
        sentence = sentence.strip().rstrip(".")
        if sentence and (name, sentence) not in notes:
            notes.append((name, sentence))

out = []
p = out.append
p("# Continuum benchmark results")
p("")
p(f"- Command: `{env['COMMAND_LINE']}`")
p(f"- Date: {env['DATE']}")
p(f"- Machine: {env['NPROC']} cores (nproc), {env['cpu_model'] or 'unknown CPU'}, "
  f"{env['mem_total'] or '? GiB'} RAM, {env['KERNEL']}")
p(f"- Toolchains: {env['swift_version'] or 'swift not found'}; {env['gcc_version'] or 'gcc not found'} (C floor: -O3)")
p(f"- Peers: {env['peer_versions'] or 'not run (no peers venv)'}")
p("")
p(f"Lorenz (σ=10, ρ=28, β=8/3), y0=(1,0,0), t∈[0,20], final state only, "
  f"rtol={env['RTOL']}, atol={env['ATOL']}. Each contender ran {env['RUNS']} times "
  f"(interleaved), each run timing {env['REPEAT']} solves ({env['TORCH_REPEAT']} for torchdiffeq) "
  "after a warm-up and reporting their median; **time** is the median of those run medians, "
  "**range** the lowest and highest run median.")
p("")
p("| method | contender | time | range | ÷ Continuum | ÷ C floor | nfe | steps | rejected | max abs err y(20) | y(20) |")
p("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|")
for method in methods:
    base = summary.get((method, "Continuum"))
    floor = summary.get(("dopri5", "C floor")) if method == "dopri5" else None
    for name in contenders:
        s = summary.get((method, name))
        if s is None:
            if (method, name) in failed:
                p(f"| {method} | {name} | failed | | | | | | | | |")
            continue
        ratio = fmt_ratio(s["time"] / base["time"]) if base else "n/a"
        floor_ratio = fmt_ratio(s["time"] / floor["time"]) if floor else ""
        rej = "" if s["rejected"] is None else s["rejected"]
        y = ", ".join(f"{v:.10g}" for v in s["y"])
        err = "" if math.isnan(s["err"]) else f"{s['err']:.2e}"
        p(f"| {method} | {name} | {fmt_time(s['time'])} | {fmt_time(s['lo'])} – {fmt_time(s['hi'])} "
          f"| {ratio} | {floor_ratio} | {s['nfe']} | {s['steps']} | {rej} | {err} | ({y}) |")
p("")
p("÷ Continuum = contender time / Continuum time (above 1: Continuum is faster); "
  "÷ C floor = time / the C floor's dopri5 time (dopri5 rows only). "
  "steps: as each contender reports it (the C floor and the peers count accepted steps and "
  "report rejected ones separately); nfe = right-hand-side evaluations. "
  "max abs err is against a 25-digit reference y(20) = "
  f"({Y_REF[0]:.16g}, {Y_REF[1]:.16g}, {Y_REF[2]:.16g}); Lorenz is chaotic, so errors near "
  "1e-3 at tolerance 1e-8 are expected.")
p("")
floor = summary.get(("dopri5", "C floor"))
cont = summary.get(("dopri5", "Continuum"))
if floor and cont:
    p(f"**Continuum ÷ C floor (dopri5): {fmt_ratio(cont['time'] / floor['time'])}** "
      f"({fmt_time(cont['time'])} vs {fmt_time(floor['time'])}; the floor inlines the right-hand side).")
call_floor = summary.get(("dopri5", "C floor (call)"))
if call_floor and cont:
    p(f"**Continuum ÷ C floor (call) (dopri5): {fmt_ratio(cont['time'] / call_floor['time'])}** "
      f"({fmt_time(cont['time'])} vs {fmt_time(call_floor['time'])}; the same C loop calling the right-hand side "
      "through a function pointer, as a library calls user code and as Continuum calls the Swift closure).")
elif floor:
    p("Continuum ÷ C floor (dopri5): n/a (no Continuum result).")
diffrax = summary.get(("dopri5", "diffrax"))
if diffrax and cont:
    ratio = diffrax['time'] / cont['time']
    line = (f"**diffrax ÷ Continuum (dopri5): {fmt_ratio(ratio)}** "
            f"(bar: 4×, {'met' if ratio >= 4 else 'not met'})")
    if floor:
        line += f"; diffrax ÷ C floor {fmt_ratio(diffrax['time'] / floor['time'])}"
    if call_floor:
        line += f", diffrax ÷ C floor (call) {fmt_ratio(diffrax['time'] / call_floor['time'])}"
    p(line + ".")
struct = summary.get(("dopri5", "Continuum (struct)"))
if struct and floor:
    p("")
    p(f"**Right-hand side as a `VectorField` struct** (`continuum-bench lorenz --struct-field`, which the "
      f"solver is specialised for and inlines, like the C floor): {fmt_time(struct['time'])}, "
      f"{fmt_ratio(struct['time'] / floor['time'])} the C floor"
      + (f", {fmt_ratio(diffrax['time'] / struct['time'])} faster than diffrax." if diffrax else "."))
text = summary.get(("dopri5", "Continuum (text)"))
if text and text["text_ratio"] is not None:
    p("")
    p(f"**Right-hand side compiled from text** (`continuum-bench lorenz --rhs-from-text`): one evaluation of "
      f"`10*(y-x), x*(28-z)-y, x*y-8/3*z` costs **{text['text_ratio']:.2f}×** the hand-written Swift closure "
      f"(median over runs); the whole Dopri5 solve takes {fmt_time(text['time'])}"
      + (f" ({text['time'] / cont['time']:.2f}× the closure solve)." if cont else "."))
allocs = [f"{m} {summary[(m, 'Continuum')]['alloc']}" for m in methods
          if (m, "Continuum") in summary and summary[(m, "Continuum")]["alloc"] is not None]
if allocs:
    p("")
    p("Continuum allocations per step: " + ", ".join(allocs) + ".")
if "Continuum" not in contenders:
    p("")
    p("_Continuum was not run (continuum-bench did not build, or --no-continuum)._")
if notes or skipped or warnings or any(n == "diffrax" for _, n in summary):
    p("")
    p("Notes:")
    for name, sentence in notes:
        p(f"- {name}: {sentence}.")
    if skipped:
        missing = {}
        for method, name in skipped:
            missing.setdefault(name, []).append(method)
        p("- Not offered, so not run: " + "; ".join(
            f"{name} ({', '.join(m for m in methods if m in missing[name])})"
            for name in contenders if name in missing) + ".")
    if any(n == "diffrax" for _, n in summary):
        p("- diffrax: PIDController(rtol, atol) with its defaults, i.e. an I controller "
          "(pcoeff=0, icoeff=1), where the C floor uses Hairer's PI controller (beta=0.04); "
          "hence its many more rejected steps.")
    for w in warnings:
        p(f"- warning: {w}")
print("\n".join(out))
EOF

cat "$WORK/report.md"
if [ -n "$RESULTS_FILE" ]; then
    # Replace this report (the top of the file, up to the stiff section), keeping the stiff section
    # and every section after it that the other runners maintain; write through a temporary file so
    # a failure never leaves a half-written RESULTS.md.
    python3 - "$WORK/report.md" "$RESULTS_FILE" <<'PY'
import pathlib, sys
report = pathlib.Path(sys.argv[1]).read_text()
path = pathlib.Path(sys.argv[2])
old = path.read_text() if path.exists() else ""
begin = "<!-- stiff:begin -->"
rest = old[old.index(begin):] if begin in old else ""
tmp = path.with_suffix(".tmp")
tmp.write_text(report.rstrip() + ("\n\n" + rest.rstrip() + "\n" if rest else "\n"))
tmp.replace(path)
PY
    say "wrote $RESULTS_FILE"
fi
