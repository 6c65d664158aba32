#pragma once

#include "execution/childprocess.h"
#include "execution/executor.h"
#include "formats/protocol.h"

#include <cstdint>
#include <string>
#include <vector>

namespace clab {

struct WorkerRecord;

// The `processes` model, like a multiprocessing pool: N child processes of the engine's worker
// program (clab-worker), each with its own interpreter and GIL. The engine stays the only task
// dispenser: a worker asks for each task over its pipe, so every task runs exactly once, and a
// task lost with a crashed worker is handed to another.
//
// execute() is one poll(2) loop on the supervisor thread: it spawns the children, answers their
// frames, and reaps them. A stop asks every child to stop, then kills what is left after 500 ms;
// execute() returns only when every child has been reaped, so no zombie outlives a run, and its
// process group killed, so neither does anything it started. Each child is a ChildProcess: if
// anything throws on the way, unwinding kills and reaps every child and closes its channels. A
// worker that sends nothing for 10 s after it started is ended as failed.
class ProcessExecutor final : public Executor
{
public:
    ProcessExecutor();
    ~ProcessExecutor() override;

    std::string prepare(RunContext &context) override;
    void execute(RunContext &context) override;
    void interrupt() override;

    // Where the worker program is looked for: $CLAB_WORKER, next to the running program, in
    // ../libexec/concurrency-lab/ from it, then in the build tree. Empty if none is executable.
    static std::string findWorkerProgram();

private:
    struct Child
    {
        int index = 0;
        int pid = -1; // once started, also after it was reaped (for messages)
        ChildProcess process;
        std::int64_t spawnNs = 0;
        wire::FrameDecoder decoder;
        std::vector<WorkerRecord *> units; // its worker, then its hogs
        int taskInFlight = -1;
        int running = 0;
        double memoryKib = -1.0; // its proportional set size when it was ready
        bool finished = false; // sent Finished: it ended its run normally
        bool reaped = false; // reaped, or never started
        std::string failure; // why the engine ended it (a bad frame)
    };

    bool spawn(RunContext &context, Child &child);
    void sendTo(Child &child, wire::FrameType type, const std::vector<unsigned char> &payload);
    void readFrom(RunContext &context, Child &child);
    void handle(RunContext &context, Child &child, const wire::Frame &frame);
    void closeAndReap(RunContext &context, Child &child, bool waitBriefly);
    void updateRunning(RunContext &context);

    std::string m_program;
    std::string m_configText;
    std::vector<Child> m_children;
    int m_wakeFd = -1; // eventfd: interrupt() wakes the poll loop
};

} // namespace clab
