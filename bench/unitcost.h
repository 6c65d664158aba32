#pragma once

#include <string>

namespace clab::bench {

// What one execution unit costs: created, started, finished; and its memory while it lives.
struct UnitCost
{
    std::string unit;
    double createUs = 0.0; // median: create and start until it runs
    double finishUs = 0.0; // median: create, start, run nothing, end and be joined or reaped
    double memoryKib = 0.0; // proportional set size added per live unit
    int samples = 0;
};

UnitCost threadCost();
// Spawn of the engine's worker program until it is ready (its hello frame), and until reaped.
UnitCost processCost(const std::string &workerProgram);
// 10,000 coroutines on the engine's event loop, each running one tiny task: creation as the
// engine measures it, the whole run divided by 10,000, and heap per coroutine frame.
UnitCost coroutineCost();

} // namespace clab::bench
