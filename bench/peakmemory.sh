#!/usr/bin/env bash
# Peak memory of the CLI on long, wide runs with no export: the maximum resident set size that
# /usr/bin/time -v reports (getrusage(2) ru_maxrss) for runs of 64 workers stopped after 60 s with
# Ctrl+C's signal (SIGINT, a clean stop). The run's timelines are capped in total
# (TimelineBudget), so the engine's memory must not grow with the run's length or its workers.
#   bench/peakmemory.sh [CLI] [SECONDS]     default build/dev/app/cli/concurrency-lab-cli, 60
# Prints one row per scenario; BENCHMARKS.md keeps the figures. Not a timed test: the target is a
# bound (200 MB), not a speed.
set -euo pipefail
cd "$(dirname "$0")/.."

cli=${1:-build/dev/app/cli/concurrency-lab-cli}
seconds=${2:-60}
if [[ ! -x /usr/bin/time ]]; then
    echo "peakmemory: /usr/bin/time is missing (Debian package time; scripts/setup.sh installs it)" >&2
    exit 2
fi
if [[ ! -x "$cli" ]]; then
    echo "peakmemory: $cli is not built (cmake --build --preset dev)" >&2
    exit 2
fi

scenarios=(
    "threads, cpu|--model threads --workers 64 --workload cpu --tasks 1000000"
    "threads, io-sleep 5 ms (timeline-heavy)|--model threads --workers 64 --workload io-sleep --io-ms 5 --tasks 1000000"
    "threads, io-sleep 1 ms (reaches the cap)|--model threads --workers 64 --workload io-sleep --io-ms 1 --tasks 1000000"
    "processes, cpu (the CLI only)|--model processes --workers 64 --workload cpu --tasks 1000000"
)

printf '| run (64 workers, %s s, no export) | peak RSS | timeline cap reached |\n|---|---:|---|\n' "$seconds"
for scenario in "${scenarios[@]}"; do
    name=${scenario%%|*}
    read -r -a args <<< "${scenario#*|}"
    report=$(mktemp)
    # timeout signals its whole process group, so the CLI under time(1) gets the SIGINT; time(1)
    # itself ignores it and reports once the CLI has stopped and exited.
    timeout -s INT "$seconds" /usr/bin/time -v -o "$report" "$cli" run "${args[@]}" > "$report.out" 2>&1 || true
    kib=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$report")
    capped=$(grep -q "the cap of" "$report.out" && echo yes || echo no)
    printf '| %s | %s MB | %s |\n' "$name" "$(awk -v kib="$kib" 'BEGIN { printf "%.1f", kib / 1024 }')" "$capped"
    rm -f "$report" "$report.out"
done
