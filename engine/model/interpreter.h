#pragma once

#include "model/gil.h"
#include "model/runconfig.h"

#include <array>
#include <chrono>
#include <cstdint>
#include <mutex>

namespace clab {

// One simulated Python interpreter: its GIL and the objects its threads share. Threads of the
// same interpreter share both; subinterpreters (PEP 684) each own one, and share nothing
// (PEP 734: objects are not shared between interpreters, only passed through queues).
struct Interpreter
{
    explicit Interpreter(const RunConfig &config)
        : gil(config.gil, std::chrono::nanoseconds(static_cast<std::int64_t>(config.switchIntervalMs * 1e6)))
    {}

    Gil gil;

    // The object the `shared` workload updates, like a dict every thread writes to. With a GIL its
    // holder is the only thread running bytecode, so plain updates are safe; free-threaded
    // CPython guards such objects with per-object locks instead (PEP 703), and so does `lock`.
    std::array<std::uint64_t, 64> sharedSlots{};
    std::mutex sharedLock;
};

} // namespace clab
