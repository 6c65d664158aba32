// clab-bench: the engine's speed targets, each measured as a ratio inside one run of this program
// (the machines are shared and noisy, so absolute times mean little; ratios of interleaved
// repetitions do). Prints Markdown tables ready for BENCHMARKS.md.
//
//   engine overhead  the cpu kernel on plain std::threads vs the engine with the GIL off
//   GIL hand-off     from the old holder dropping the GIL to the new holder running
//   switch accuracy  mean hold under contention against the configured switch interval
//   execution units  what one thread, worker process and coroutine costs to create and end
//   legacy battle    sequential vs 2 CPU-bound threads under the modern, legacy and no GIL

#include "execution/processexecutor.h"
#include "execution/run.h"
#include "model/workload.h"
#include "platform/system.h"
#include "unitcost.h"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

using namespace clab;

namespace {

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

RunResult mustRun(const RunConfig &config)
{
    RunOutcome outcome = runToEnd(config);
    if (outcome.error || !outcome.result.succeeded()) {
        std::fprintf(stderr, "clab-bench: run failed: %s\n",
            outcome.error ? outcome.error->toString().c_str() : outcome.result.summary.error.c_str());
        std::exit(1);
    }
    return std::move(outcome.result);
}

// The same work as the engine's cpu workload, with none of the engine: tasks claimed from an
// atomic counter by plain threads running the kernel.
double plainThreadsSeconds(int workers, int tasks, int steps)
{
    std::atomic<int> next{0};
    std::atomic<std::uint64_t> sink{0};
    const std::int64_t start = platform::monotonicNs();
    std::vector<std::thread> threads;
    for (int w = 0; w < workers; ++w) {
        threads.emplace_back([&, w] {
            std::uint64_t x = static_cast<std::uint64_t>(w) + 1;
            while (next.fetch_add(1) < tasks) {
                for (int s = 0; s < steps; ++s)
                    x = cpuStep(x);
            }
            sink += x;
        });
    }
    for (auto &t : threads)
        t.join();
    return static_cast<double>(platform::monotonicNs() - start) / 1e9;
}

void engineOverhead()
{
    const int workers = static_cast<int>(std::max(2u, std::thread::hardware_concurrency()));
    RunConfig config;
    config.model = ExecutionModel::Threads;
    config.workers = workers;
    config.gil = GilPolicy::Off;
    config.tasks = 96;
    config.cpuSteps = 4000;
    std::vector<double> ratios, plainTps, engineTps;
    for (int i = 0; i < 7; ++i) {
        const double plain = plainThreadsSeconds(workers, config.tasks, config.cpuSteps);
        const RunResult engine = mustRun(config);
        plainTps.push_back(config.tasks / plain);
        engineTps.push_back(engine.summary.throughputTps);
        ratios.push_back(engine.summary.throughputTps / (config.tasks / plain));
    }
    std::printf("## Engine overhead (cpu, %d threads, GIL off, %d tasks x %d steps, 7 interleaved pairs)\n\n", workers,
        config.tasks, config.cpuSteps);
    std::printf("| plain std::thread tasks/s | engine tasks/s | engine / plain (median) | target |\n");
    std::printf("|---:|---:|---:|---:|\n");
    std::printf(
        "| %.1f | %.1f | %.1f %% | >= 97 %% |\n\n", median(plainTps), median(engineTps), 100.0 * median(ratios));
}

void gilHandoff()
{
    // Two CPU-bound threads at a 1 ms interval hand the GIL over about every millisecond. The
    // hand-off of each switch is read off the timelines: the new holder starts running this long
    // after the old holder stopped.
    RunConfig config;
    config.model = ExecutionModel::Threads;
    config.workers = 2;
    config.switchIntervalMs = 1;
    config.tasks = 100;
    config.cpuSteps = 4000;
    const RunResult result = mustRun(config);

    struct Edge
    {
        std::int64_t ns;
        int unit;
        bool start;
    };
    std::vector<Edge> edges;
    for (const WorkerResult &w : result.workers) {
        for (const Interval &i : w.timeline) {
            if (i.state == WorkerState::Running) {
                edges.push_back({i.startNs, w.index, true});
                edges.push_back({i.endNs, w.index, false});
            }
        }
    }
    std::sort(edges.begin(), edges.end(), [](const Edge &a, const Edge &b) { return a.ns < b.ns; });
    std::vector<double> handoffsUs;
    std::int64_t lastStopNs = -1;
    int lastStopUnit = -1;
    for (const Edge &e : edges) {
        if (!e.start) {
            lastStopNs = e.ns;
            lastStopUnit = e.unit;
        } else if (lastStopNs >= 0 && e.unit != lastStopUnit) {
            handoffsUs.push_back(static_cast<double>(e.ns - lastStopNs) / 1e3);
            lastStopNs = -1;
        }
    }
    if (handoffsUs.empty()) {
        std::printf("## GIL hand-off latency\n\nno hand-off observed\n\n");
        return;
    }
    std::sort(handoffsUs.begin(), handoffsUs.end());
    const auto at = [&](double p) {
        return handoffsUs[std::min(
            handoffsUs.size() - 1, static_cast<std::size_t>(p / 100.0 * static_cast<double>(handoffsUs.size())))];
    };
    std::printf("## GIL hand-off latency (2 CPU-bound threads, modern GIL, 1 ms interval)\n\n");
    std::printf("| hand-offs | median | p99 | max |\n|---:|---:|---:|---:|\n");
    std::printf("| %zu | %.1f us | %.1f us | %.1f us |\n\n", handoffsUs.size(), at(50), at(99), handoffsUs.back());
}

void switchAccuracy()
{
    std::printf("## Switch accuracy (2 CPU-bound threads, modern GIL)\n\n");
    std::printf("| switch interval | mean hold | hold / interval | switches | drop requests |\n");
    std::printf("|---:|---:|---:|---:|---:|\n");
    for (const double interval : {0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 50.0}) {
        RunConfig config;
        config.model = ExecutionModel::Threads;
        config.workers = 2;
        config.switchIntervalMs = interval;
        config.cpuSteps = 4000;
        // Enough work for at least ~40 holds, and at least half a second.
        const double seconds = std::max(0.5, 40 * interval / 1000.0);
        config.tasks = static_cast<int>(seconds / 0.005);
        const RunResult result = mustRun(config);
        const GilSummary &gil = result.summary.gil;
        std::printf("| %.1f ms | %.3f ms | %.3f | %llu | %llu |\n", interval, gil.holdMsMean, gil.holdMsMean / interval,
            static_cast<unsigned long long>(gil.switches), static_cast<unsigned long long>(gil.dropRequests));
    }
    std::printf("\n");
}

void executionUnits()
{
    std::printf("## Execution units (created, started, finished; memory while alive)\n\n");
    std::printf("| unit | create until running | create to finished | memory per unit | samples |\n");
    std::printf("|---|---:|---:|---:|---:|\n");
    std::vector<bench::UnitCost> costs{bench::threadCost()};
    const std::string worker = ProcessExecutor::findWorkerProgram();
    if (!worker.empty())
        costs.push_back(bench::processCost(worker));
    else
        std::fprintf(stderr, "clab-bench: clab-worker not found; skipping processes\n");
    costs.push_back(bench::coroutineCost());
    for (const bench::UnitCost &cost : costs) {
        std::printf("| %s | %.1f us | %.1f us | %.1f KiB | %d |\n", cost.unit.c_str(), cost.createUs, cost.finishUs,
            cost.memoryKib, cost.samples);
    }
    std::printf("\nA process is ready when its hello frame arrives; its memory is its proportional set size "
                "(private pages plus its share of shared ones). A thread's memory is the growth of this "
                "process's proportional set size with 200 parked threads, divided by 200. A coroutine's is the "
                "heap its frame takes, and its time to finished is a run of 10,000 one-step tasks divided by "
                "10,000, plus its creation.\n\n");
}

// Beazley, "Inside the Python GIL" (2009): on two cores, two CPU-bound Python 2 threads took about
// 1.8x as long as the same work done sequentially. The same work, sequential and then on 2 threads
// under each policy, interleaved; each line is the median of the repetitions.
void legacyBattle()
{
    constexpr int kRepetitions = 5;
    RunConfig base;
    base.workload = WorkloadKind::Cpu;
    base.cpuSteps = 4000;
    base.tasks = 64;
    struct Line
    {
        const char *name;
        RunConfig config;
        std::vector<double> wall, speedup, switches, failed;
    };
    std::vector<Line> lines;
    const auto add = [&](const char *name, ExecutionModel model, int workers, GilPolicy gil) {
        RunConfig config = base;
        config.model = model;
        config.workers = workers;
        config.gil = gil;
        lines.push_back({name, config, {}, {}, {}, {}});
    };
    add("sequential (modern)", ExecutionModel::Sequential, 1, GilPolicy::Modern);
    add("sequential (legacy)", ExecutionModel::Sequential, 1, GilPolicy::Legacy);
    add("2 threads, modern", ExecutionModel::Threads, 2, GilPolicy::Modern);
    add("2 threads, legacy", ExecutionModel::Threads, 2, GilPolicy::Legacy);
    add("2 threads, off", ExecutionModel::Threads, 2, GilPolicy::Off);
    for (int i = 0; i < kRepetitions; ++i) {
        double sequentialModern = 0.0;
        double sequentialLegacy = 0.0;
        for (Line &line : lines) {
            const RunResult result = mustRun(line.config);
            const double wall = result.summary.wallSeconds;
            if (line.config.model == ExecutionModel::Sequential)
                (line.config.gil == GilPolicy::Legacy ? sequentialLegacy : sequentialModern) = wall;
            // Each policy against the sequential run of its own policy, made just before.
            const double reference = line.config.gil == GilPolicy::Legacy ? sequentialLegacy : sequentialModern;
            line.wall.push_back(wall);
            line.speedup.push_back(reference / wall);
            line.switches.push_back(static_cast<double>(result.summary.gil.switches));
            line.failed.push_back(static_cast<double>(result.summary.gil.failedAcquisitions));
        }
    }
    std::printf("## The legacy GIL battle (cpu, %d tasks x %d steps, %d interleaved repetitions, medians)\n\n",
        base.tasks, base.cpuSteps, kRepetitions);
    std::printf("| run | wall | speedup vs sequential | GIL switches | failed acquisitions |\n");
    std::printf("|---|---:|---:|---:|---:|\n");
    for (const Line &line : lines) {
        std::printf("| %s | %.3f s | %.2f | %.0f | %.0f |\n", line.name, median(line.wall), median(line.speedup),
            median(line.switches), median(line.failed));
    }
    std::printf("\nSpeedups are against the sequential run of the same policy in the same repetition "
                "(legacy against sequential legacy, the others against sequential modern).\n\n");
}

} // namespace

int main(int argc, char **argv)
{
    const std::string only = argc > 1 ? argv[1] : "";
    const platform::MachineInfo machine = platform::machineInfo();
    std::printf("# clab-bench\n\nMachine: %d logical CPUs, %s, %s\n\n", machine.logicalCpus, machine.cpuModel.c_str(),
        machine.os.c_str());
    if (only.empty() || only == "overhead")
        engineOverhead();
    if (only.empty() || only == "handoff")
        gilHandoff();
    if (only.empty() || only == "switch")
        switchAccuracy();
    if (only.empty() || only == "units")
        executionUnits();
    if (only.empty() || only == "legacy")
        legacyBattle();
    return 0;
}
