#include "results/sweep.h"

#include <algorithm>

namespace clab {

SweepPlan planSweep(const SweepRequest &request)
{
    SweepPlan plan;
    if (request.models.empty()) {
        plan.error = ConfigError{"models", "choose at least one execution model"};
        return plan;
    }
    if (request.policies.empty()) {
        plan.error = ConfigError{"gil", "choose at least one GIL policy"};
        return plan;
    }
    if (request.maxWorkers < 1 || request.maxWorkers > kMaxSweepWorkers) {
        plan.error = ConfigError{"max_workers",
            "must be 1.." + std::to_string(kMaxSweepWorkers) + ", got " + std::to_string(request.maxWorkers)};
        return plan;
    }
    for (const GilPolicy policy : request.policies) {
        RunConfig baseline = request.base;
        baseline.gil = policy;
        plan.steps.push_back({sequentialBaselineOf(baseline), true});
        for (const ExecutionModel model : request.models) {
            if (model == ExecutionModel::Sequential)
                continue;
            for (int workers = 1; workers <= request.maxWorkers; ++workers) {
                RunConfig config = request.base;
                config.model = model;
                config.workers = workers;
                config.gil = policy;
                plan.steps.push_back({config, false});
            }
        }
    }
    for (const SweepStep &step : plan.steps) {
        if (auto error = validate(step.config)) {
            // A worker count the model refuses is the sweep's upper bound speaking.
            if (error->field == "workers")
                error->field = "max_workers";
            plan.error = error;
            plan.steps.clear();
            return plan;
        }
    }
    return plan;
}

std::optional<double> SweepTally::record(const SweepStep &step, const RunResult &result)
{
    const RunSummary &s = result.summary;
    if (!result.succeeded() || s.stopped || s.tasksCompleted == 0 || s.throughputTps <= 0.0)
        return std::nullopt;
    const GilPolicy policy = step.config.gil;
    if (step.baseline) {
        m_baselines[policy] = s;
        return 1.0;
    }
    const auto base = m_baselines.find(policy);
    if (base == m_baselines.end())
        return std::nullopt;
    const std::optional<double> speedup = speedupOf(s.throughputTps, base->second.throughputTps);
    if (!speedup)
        return std::nullopt;
    m_points[{step.config.model, policy}][step.config.workers] = *speedup;
    return speedup;
}

std::optional<RunSummary> SweepTally::baseline(GilPolicy policy) const
{
    const auto it = m_baselines.find(policy);
    if (it == m_baselines.end())
        return std::nullopt;
    return it->second;
}

int coreCapOf(const RunConfig &base, int cores)
{
    return onlyWaits(base.workload) ? 0 : cores;
}

namespace {

// One line's points by worker count, and their fit.
void fillSeries(SweepSeries &series, const std::map<int, double> &byWorkers, int processors)
{
    series.processors = processors;
    std::vector<SpeedupPoint> fitted;
    for (const auto &[workers, speedup] : byWorkers) {
        series.points.push_back({double(workers), speedup});
        // Beyond the cores, workers take turns: the limit there is the core count, which says
        // nothing about a serial part. Only points within the cores are fitted.
        if (processors <= 0 || workers <= processors)
            fitted.push_back({double(workers), speedup});
    }
    series.fit = fitAmdahl(fitted);
}

// One series per key of `points`, named by `name(series, key)`, in key order.
template<typename Key, typename Name>
std::vector<SweepSeries> seriesOf(const std::map<Key, std::map<int, double>> &points, int processors, Name name)
{
    std::vector<SweepSeries> out;
    for (const auto &[key, byWorkers] : points) {
        SweepSeries series;
        name(series, key);
        fillSeries(series, byWorkers, processors);
        out.push_back(std::move(series));
    }
    return out;
}

} // namespace

std::vector<SweepSeries> SweepTally::series(int processors) const
{
    return seriesOf(m_points, processors, [](SweepSeries &series, const auto &key) {
        series.model = key.first;
        series.gil = key.second;
    });
}

void SweepTally::recordPython(const std::string &interpreter, ExecutionModel model, int workers, double speedup)
{
    m_pythonPoints[{interpreter, model}][workers] = speedup;
}

std::vector<SweepSeries> SweepTally::pythonSeries(int processors) const
{
    return seriesOf(m_pythonPoints, processors, [](SweepSeries &series, const auto &key) {
        series.interpreter = key.first;
        series.model = key.second;
    });
}

int SweepTally::pointCount() const
{
    int count = 0;
    for (const auto &[key, byWorkers] : m_points)
        count += static_cast<int>(byWorkers.size());
    return count;
}

} // namespace clab
