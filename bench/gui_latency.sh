#!/usr/bin/env bash
# The window's event-loop lateness while a run keeps the machine busy: the latency probe of View >
# Diagnostics (app/gui/shell/latencyprobe.h), read by tst_latencyprobe's speed test in a real X
# window (xvfb-run) for two runs: every core saturated (two CPU-bound threads without the GIL and
# a CPU hog), and 100,000 coroutines. Repeats each RUNS times and prints every run's p50, p99 and
# max; BENCHMARKS.md records the figures. A benchmark, not a test: nothing here passes or fails on
# a number.
#   bench/gui_latency.sh [RUNS] [SECONDS]     (default 3 runs of 10 s; needs a dev build)
set -euo pipefail
cd "$(dirname "$0")/.."

runs=${1:-3}
seconds=${2:-10}
binary=${CLAB_LATENCY_TEST:-build/dev/tests/app/tst_latencyprobe}
if [[ ! -x "$binary" ]]; then
    echo "gui_latency: $binary not found; build the dev preset first (scripts/build.sh)" >&2
    exit 2
fi
echo "gui_latency: $runs runs of ${seconds} s, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
for ((i = 1; i <= runs; i++)); do
    CLAB_LATENCY_SECONDS=$seconds QT_QPA_PLATFORM=xcb XDG_RUNTIME_DIR=${XDG_RUNTIME_DIR:-/tmp/runtime-$(id -u)} \
        xvfb-run -a -s "-screen 0 1600x1000x24" "$binary" windowStaysResponsiveWhileCoresAreBusy 2>&1 \
        | sed -n -e 's/^QINFO *: *TestLatencyProbe::windowStaysResponsiveWhileCoresAreBusy([^)]*) LATENCY /run '"$i"': /p' \
            -e '/^FAIL/,/Loc:/p'
done
