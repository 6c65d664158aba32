#include "executorfactory.h"

#include "coroutineexecutor.h"
#include "processexecutor.h"
#include "threadexecutor.h"

namespace clab {

std::unique_ptr<Executor> makeExecutor(ExecutionModel model)
{
    switch (model) {
    case ExecutionModel::Sequential:
    case ExecutionModel::Threads:
    case ExecutionModel::Subinterpreters:
        return std::make_unique<ThreadExecutor>();
    case ExecutionModel::Processes:
        return std::make_unique<ProcessExecutor>();
    case ExecutionModel::Coroutines:
        return std::make_unique<CoroutineExecutor>();
    }
    return nullptr;
}

} // namespace clab
