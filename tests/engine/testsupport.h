#pragma once

// Helpers shared by the engine's whole-run tests.

#include "execution/run.h"
#include "platform/system.h"
#include "results/experiment.h"

#include <QString>
#include <QtGlobal>

#include <algorithm>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

namespace clab::test {

// Every workload the engine has, by key ("cpu", "native", ...), from its own catalog: a test that
// covers them all covers a new one without being edited.
inline std::vector<std::string> allWorkloads()
{
    std::vector<std::string> names;
    for (const WorkloadInfo &info : workloadCatalog())
        names.emplace_back(toString(info.kind));
    return names;
}

inline RunConfig cpuConfig(ExecutionModel model, int workers, GilPolicy gil)
{
    RunConfig config;
    config.model = model;
    config.workers = workers;
    config.gil = gil;
    config.workload = WorkloadKind::Cpu;
    config.cpuSteps = 4000;
    config.tasks = 48;
    return config;
}

inline RunResult runOk(const RunConfig &config)
{
    RunOutcome outcome = runToEnd(config);
    if (outcome.error)
        qFatal("invalid config: %s", outcome.error->toString().c_str());
    if (!outcome.result.succeeded())
        qFatal("run failed: %s", outcome.result.summary.error.c_str());
    return std::move(outcome.result);
}

struct Comparison
{
    double speedup = 0.0; // median of sequential wall / parallel wall
    RunResult parallel; // the last parallel run, for its other numbers
    // Median of the cores other programs kept busy during the parallel runs (summary.other_load_cores):
    // a speedup that needs every core says nothing when this was high.
    double otherLoad = 0.0;
};

// Five alternating pairs of (sequential baseline, parallel run): the median ratio, so that two
// unlucky moments on a shared machine do not decide it.
inline Comparison compare(const RunConfig &parallel)
{
    std::vector<double> ratios;
    std::vector<double> otherLoads;
    Comparison out;
    for (int i = 0; i < 5; ++i) {
        const RunResult sequential = runOk(sequentialBaselineOf(parallel));
        out.parallel = runOk(parallel);
        ratios.push_back(sequential.summary.wallSeconds / out.parallel.summary.wallSeconds);
        otherLoads.push_back(out.parallel.summary.otherLoadCores);
    }
    std::sort(ratios.begin(), ratios.end());
    std::sort(otherLoads.begin(), otherLoads.end());
    out.speedup = ratios[ratios.size() / 2];
    out.otherLoad = otherLoads[otherLoads.size() / 2];
    return out;
}

// Throughput of `run` over throughput of `reference`: the median of three alternating pairs, so
// that one unlucky placement of threads by the OS does not decide a short run.
inline double throughputRatio(const RunConfig &reference, const RunConfig &run)
{
    std::vector<double> ratios;
    for (int i = 0; i < 3; ++i) {
        const double base = runOk(reference).summary.throughputTps;
        ratios.push_back(runOk(run).summary.throughputTps / base);
    }
    std::sort(ratios.begin(), ratios.end());
    return ratios[1];
}

// Short tasks of every kind, for runs that check bookkeeping rather than speed.
// Small tasks of every workload, each of which completes: the deadlock workload takes its locks in
// one order (opposite orders end a run at its first deadlock, by design: tst_deadlock).
inline RunConfig withSmallTasks(RunConfig config, int tasks = 97)
{
    config.tasks = tasks;
    config.lockOrder = LockOrder::Same;
    config.cpuSteps = 300;
    config.ioMs = 1;
    config.nativeKib = 16;
    config.fileKib = 4;
    return config;
}

// Empty when the run did every one of its tasks exactly once and was not stopped; otherwise what
// went wrong.
inline QString taskCompletionProblem(const RunResult &result)
{
    const auto tasks = static_cast<std::size_t>(result.config.tasks);
    if (result.summary.stopped || result.summary.tasksCompleted != tasks)
        return QStringLiteral("%1 of %2 tasks done").arg(result.summary.tasksCompleted).arg(tasks);
    if (result.taskCompletions.size() != tasks)
        return QStringLiteral("%1 completion counts").arg(result.taskCompletions.size());
    for (std::size_t i = 0; i < tasks; ++i) {
        if (result.taskCompletions[i] != 1)
            return QStringLiteral("task %1 completed %2 times").arg(i).arg(result.taskCompletions[i]);
    }
    return {};
}

// Most lanes in `state` at one moment, over the given units.
inline int maxOverlap(const std::vector<const WorkerResult *> &units, WorkerState state)
{
    std::vector<std::pair<std::int64_t, int>> edges;
    for (const WorkerResult *w : units) {
        for (const Interval &i : w->timeline) {
            if (i.state == state && i.endNs > i.startNs) {
                edges.push_back({i.startNs, +1});
                edges.push_back({i.endNs, -1});
            }
        }
    }
    std::sort(edges.begin(), edges.end()); // at equal times an end (-1) sorts before a start
    int now = 0, most = 0;
    for (const auto &[t, d] : edges) {
        now += d;
        most = std::max(most, now);
    }
    return most;
}

inline bool multiCore()
{
    return std::thread::hardware_concurrency() >= 2;
}

// Pids of this process's children, zombies included (from /proc/<pid>/stat's ppid field).
// Every live process below `root` (children, their children, ...), zombies included.
inline std::vector<int> descendantsOf(int root)
{
    std::vector<std::pair<int, int>> parents; // (pid, ppid) of every process
    std::error_code ec;
    for (const auto &entry : std::filesystem::directory_iterator("/proc", ec)) {
        const std::string name = entry.path().filename().string();
        if (name.empty() || !std::all_of(name.begin(), name.end(), ::isdigit))
            continue;
        if (const auto stat = platform::readTaskStat(std::stoi(name), std::stoi(name)))
            parents.emplace_back(std::stoi(name), stat->ppid);
    }
    std::vector<int> out{root};
    for (std::size_t i = 0; i < out.size(); ++i) {
        for (const auto &[pid, ppid] : parents) {
            if (ppid == out[i])
                out.push_back(pid);
        }
    }
    out.erase(out.begin());
    return out;
}

inline std::vector<int> childProcesses()
{
    std::vector<int> out;
    const int self = platform::processId();
    for (const int pid : descendantsOf(self)) {
        const auto stat = platform::readTaskStat(pid, pid);
        if (stat && stat->ppid == self)
            out.push_back(pid);
    }
    return out;
}

} // namespace clab::test
