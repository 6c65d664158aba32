#pragma once

#include "model/runconfig.h"

#include <memory>

namespace clab {

class RunContext;

// An execution model: how a run's units are created, driven and ended. The supervisor thread of a
// Run calls prepare() then execute(); interrupt() may come from any thread at any moment.
//
// Threads, subinterpreters and the sequential baseline are ThreadExecutor. Processes (child
// processes over pipes) and coroutines (an event loop on one thread) plug in here too: their
// prepare() registers one WorkerRecord per unit, and their execute() feeds those records (from
// pipe frames or from the loop) so the sampler, the result and the GUI need no change.
class Executor
{
public:
    virtual ~Executor() = default;

    // Allocates everything the run needs and registers every unit in context.units.
    // Returns an error message, empty on success. Nothing runs yet.
    virtual std::string prepare(RunContext &context) = 0;

    // Runs every task to the end or until the context is stopped, and returns only when every
    // unit it started has been joined (or reaped).
    virtual void execute(RunContext &context) = 0;

    // Wakes units blocked in waits so a stop takes effect at once. Never blocks.
    virtual void interrupt() = 0;
};

// makeExecutor(model), which picks the executor of a model, is in executorfactory.h.

} // namespace clab
