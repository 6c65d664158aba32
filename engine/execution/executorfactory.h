#pragma once

#include "execution/executor.h"
#include "model/runconfig.h"

#include <memory>

namespace clab {

// The executor that runs a model: ThreadExecutor for sequential, threads and subinterpreters,
// ProcessExecutor for processes, CoroutineExecutor for coroutines. The one place that knows every
// executor; a Run asks it once per run.
std::unique_ptr<Executor> makeExecutor(ExecutionModel model);

} // namespace clab
