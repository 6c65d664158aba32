#include "execution/executorfactory.h"

#include "execution/coroutineexecutor.h"
#include "execution/processexecutor.h"
#include "execution/threadexecutor.h"

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
