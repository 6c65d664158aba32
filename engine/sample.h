#pragma once

#include <cstdint>
#include <vector>

namespace clab {

// One reading of a running experiment, taken by the sampler (default 10 Hz).
struct Sample
{
    double tSeconds = 0.0;       // since the run started
    std::uint64_t tasksDone = 0; // completed so far
    double throughputTps = 0.0;  // tasks completed per second since the previous sample
    int running = 0;             // units running bytecode at this moment
    // System-wide busy % per logical core since the previous sample, indexed by core id
    // (/proc/stat); a negative entry is a core that was offline.
    std::vector<double> coreBusyPct;
};

} // namespace clab
