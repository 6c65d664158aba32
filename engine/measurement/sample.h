#pragma once

#include <cstdint>
#include <vector>

namespace clab {

// One reading of a running experiment, taken by the sampler (default 10 Hz).
struct Sample
{
    double tSeconds = 0.0; // since the run started
    std::uint64_t tasksDone = 0; // completed so far
    // Tasks completed per second since the previous sample (the last sample of a run, when it
    // comes less than half a period after the one before, since the sample before that).
    double throughputTps = 0.0;
    int running = 0; // units running bytecode at this moment (at most one per core)
    // The run's own CPU over the same span, in cores: its units' threads (workers, hogs, the
    // event loop, worker processes' units) and its echo server, never the app around it.
    double coresBusy = 0.0;
    // Cores kept busy by everything else on the machine over the span: /proc/stat's busy time
    // less the run's own (other programs, and the window drawing the charts). Never negative.
    double otherLoadCores = 0.0;
    // System-wide busy % per logical core over the same span, indexed by core id
    // (/proc/stat); a negative entry is a core that was offline.
    std::vector<double> coreBusyPct;
};

} // namespace clab
