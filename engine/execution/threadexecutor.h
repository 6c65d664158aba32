#pragma once

#include "execution/executor.h"
#include "model/interpreter.h"

#include <memory>
#include <vector>

namespace clab {

// Sequential, threads and subinterpreters: every unit is an OS thread (std::thread) of this
// process. Sequential and threads put all units in one interpreter (one GIL); subinterpreters give
// each worker its own interpreter and GIL (PEP 684), and CPU hogs join every interpreter.
class ThreadExecutor final : public Executor
{
public:
    std::string prepare(RunContext &context) override;
    void execute(RunContext &context) override;
    void interrupt() override;

private:
    void runUnit(RunContext &context, std::size_t unit, int number, int count);

    std::vector<std::unique_ptr<Interpreter>> m_interpreters;
    std::vector<unsigned char> m_payload;
};

} // namespace clab
