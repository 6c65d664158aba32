#!/usr/bin/env bash
# Quick start 1: install what is missing, build, and start Concurrency Lab.
# Without a display (an SSH session, a container), it runs a headless demo
# experiment instead and prints its summary.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh
scripts/build.sh

app=build/dev/app/gui/concurrency-lab
if [[ -x "$app" && ( -n "${DISPLAY:-}" || -n "${WAYLAND_DISPLAY:-}" ) ]]; then
    exec "$app" "$@"
fi
if [[ -x "$app" ]]; then
    echo "No display found: running a headless demo instead of the window."
fi

cli=build/dev/app/cli/concurrency-lab-cli
cat <<'TEXT'

Concurrency Lab: headless demo
The same CPU-bound tasks, run one after another, on 2 threads that share one
GIL, on 2 subinterpreters (one GIL each), and on 2 threads with the GIL off.
Watch the speedup column: a GIL lets only one thread run Python at a time.

TEXT
"$cli" sweep --workload cpu --models sequential,threads,subinterpreters --max-workers 2 --gil modern,off
echo
"$cli" run --model threads --workers 2 --workload cpu --tasks 64 --gil modern
