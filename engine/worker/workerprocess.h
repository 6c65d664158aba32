#pragma once

#include "formats/protocol.h"
#include "model/runconfig.h"

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>

namespace clab {

class RunContext;
class ThreadExecutor;

// The child side of the `processes` model: one Python process of a multiprocessing pool. It reads
// the run's settings from the engine, runs one worker (plus the run's CPU hogs) in its own
// interpreter with its own GIL, asks the engine for each task, and reports completions, timeline
// intervals and counters back as frames (protocol.h).
//
// Threads: run() is the main thread; a reader thread takes the engine's frames (tasks, stop); a
// reporter thread sends intervals and counters every 50 ms; the worker and hog threads are the
// ThreadExecutor's. Writes to the engine's pipe are serialised by one mutex.
class WorkerProcess
{
public:
    WorkerProcess(int inFd, int outFd);
    ~WorkerProcess();

    // Returns the process exit code: 0 done (or stopped), 1 the run failed, 2 bad input.
    int run();

private:
    bool send(wire::FrameType type, const std::vector<unsigned char> &payload);
    std::optional<wire::Frame> readFrame();
    bool readConfig(RunConfig &config, std::string &error);
    int m_echoPort = 0;
    void readLoop();
    int nextTask();
    void report(bool final);

    const int m_inFd;
    const int m_outFd;
    int m_wakeFd = -1; // eventfd that ends the reader thread
    wire::FrameDecoder m_decoder;

    std::mutex m_sendMutex;
    bool m_sendFailed = false;

    // The reply to the last Claim, handed from the reader thread to the worker thread.
    std::mutex m_taskMutex;
    std::condition_variable m_taskReady;
    std::optional<int> m_task;
    bool m_ended = false; // stop frame, end of input or a bad frame

    RunContext *m_context = nullptr;
    ThreadExecutor *m_executor = nullptr;
    std::vector<std::size_t> m_sentIntervals;
};

} // namespace clab
