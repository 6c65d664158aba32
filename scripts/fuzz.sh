#!/usr/bin/env bash
# Builds the libFuzzer targets (the `fuzz` preset: clang, ASan + UBSan) and runs each one for
# SECONDS (default 60) from its seed corpus in fuzz/corpus/<target>/, with the tokens of
# fuzz/dict/<target>.dict.
#   scripts/fuzz.sh [SECONDS]
# An input that crashes, trips a sanitizer or a target's check, takes over 5 s or 2 GiB fails the
# script, which names the target and the saved input. What the runs find (new inputs, crashing
# inputs, logs) stays in build/fuzz/runs/<target>/, never in the repository; a later run starts from
# there too. To replay one input: build/fuzz/fuzz/<target> <file>.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-60}
if ! [[ "$seconds" =~ ^[1-9][0-9]*$ ]]; then
    echo "usage: scripts/fuzz.sh [SECONDS]  (a whole number of seconds per target, default 60)" >&2
    exit 2
fi
targets=(fuzz_frame_decoder fuzz_json fuzz_presets fuzz_walkthrough fuzz_run_config fuzz_session)

cmake --preset fuzz > /dev/null
cmake --build --preset fuzz --parallel "$(nproc)"

export UBSAN_OPTIONS=print_stacktrace=1
failed=()
for target in "${targets[@]}"; do
    runs=build/fuzz/runs/$target
    mkdir -p "$runs/corpus" "$runs/crashes"
    echo "fuzz: $target for ${seconds} s"
    # The first folder receives what the run finds; the seed corpus is only read. The dictionary
    # holds the keys and names a format uses, which random bytes would seldom spell.
    if build/fuzz/fuzz/"$target" -max_total_time="$seconds" -timeout=5 -rss_limit_mb=2048 \
        -dict="fuzz/dict/$target.dict" -artifact_prefix="$runs/crashes/" -print_final_stats=1 \
        "$runs/corpus" "fuzz/corpus/$target" > "$runs/log.txt" 2>&1; then
        runs_done=$(sed -n 's/^stat::number_of_executed_units: *//p' "$runs/log.txt")
        per_second=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$runs/log.txt")
        echo "fuzz: $target passed: ${runs_done:-?} inputs, ${per_second:-?} per second"
    else
        failed+=("$target")
        tail -n 60 "$runs/log.txt" >&2
        echo "fuzz: $target FAILED; its log: $runs/log.txt; the input: $(ls -t "$runs/crashes" | head -n 1)" >&2
    fi
done

if ((${#failed[@]} > 0)); then
    echo "fuzz: ${#failed[@]} of ${#targets[@]} targets failed: ${failed[*]}" >&2
    exit 1
fi
echo "fuzz: all ${#targets[@]} targets ran ${seconds} s each without a finding"
