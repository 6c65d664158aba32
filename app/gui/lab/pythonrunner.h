#pragma once

#include "model/runconfig.h"
#include "python/pythonexperiment.h"

#include <QObject>

#include <atomic>
#include <chrono>
#include <memory>

namespace clab {

// Runs an experiment's Python program on a real interpreter as a child process (the engine's
// python::runInPython), on a pool thread: its sequential baseline first, then the run, one after
// the other, each within the time limit. stop() returns at once; the program's whole process
// group is then killed and reaped on that thread, and finished() follows with `stopped` set.
// Used on the GUI thread only.
class PythonRunner : public QObject
{
    Q_OBJECT

public:
    enum class Phase
    {
        Idle,
        Baseline,
        Run
    };
    Q_ENUM(Phase)

    // A program that runs longer is stopped and said to have timed out.
    static constexpr std::chrono::minutes kDefaultTimeLimit{5};

    explicit PythonRunner(QObject *parent = nullptr);
    ~PythonRunner() override; // stops a program still running

    // Starts at once (false when one is running already).
    bool start(const python::Interpreter &interpreter, const RunConfig &config);
    void stop();
    bool isBusy() const { return m_phase != Phase::Idle; }
    Phase phase() const { return m_phase; }
    const python::Interpreter &interpreter() const { return m_interpreter; }

    void setTimeLimit(std::chrono::milliseconds limit) { m_timeLimit = limit; }
    std::chrono::milliseconds timeLimit() const { return m_timeLimit; }

signals:
    void phaseChanged(clab::PythonRunner::Phase phase);
    void finished(const clab::python::PythonOutcome &outcome);

private:
    void onFinished(const python::PythonOutcome &outcome);

    Phase m_phase = Phase::Idle;
    python::Interpreter m_interpreter;
    std::chrono::milliseconds m_timeLimit{kDefaultTimeLimit};
    // Shared with the pool thread: set by stop(), polled by the program's runner.
    std::shared_ptr<std::atomic<bool>> m_stop;
};

} // namespace clab
