#pragma once

#include "experiment.h" // BaselineMeasurement
#include "run.h"
#include "runconfig.h"
#include "runresult.h"
#include "sample.h"
#include "timeline.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace clab {

// New timeline intervals of the units since the previous frame, and the units' live status.
struct TimelineDelta
{
    std::int64_t startNs = 0; // the run's start on the monotonic clock
    double elapsedSeconds = 0.0;
    std::vector<UnitStatus> units;
    std::vector<std::pair<int, std::vector<Interval>>> added; // unit index -> its new intervals
};

// Owns the engine's Run on the GUI thread (STYLE.md §4). start() returns at once; a ~33 ms timer
// pulls samples and timeline intervals and hands them to the charts once per frame; the timer
// stops when the run ends. A finished or abandoned Run is destroyed on a pool thread, because
// Run's destructor joins: the GUI thread never joins, sleeps or waits on a process.
//
// When the experiment is not sequential and no baseline is cached for its workload, a
// sequential baseline run goes first (phase Baseline), then the experiment.
class RunController : public QObject
{
    Q_OBJECT

public:
    enum class Phase { Idle, Baseline, Experiment };

    explicit RunController(QObject *parent = nullptr);
    ~RunController() override;

    // Validates `config` with the engine; on an error nothing starts and nothing changes.
    std::optional<ConfigError> start(const RunConfig &config);
    void stop();

    Phase phase() const { return m_phase; }
    bool isBusy() const { return m_phase != Phase::Idle; }
    bool isStopping() const { return m_stopRequested && isBusy(); }
    const RunConfig &config() const { return m_config; }
    double elapsedSeconds() const;

    // The baseline measured this session for `config`'s workload, if any.
    std::optional<BaselineMeasurement> baselineFor(const RunConfig &config) const;
    static RunConfig baselineConfigOf(const RunConfig &config);

    void setBaselineEnabled(bool enabled) { m_baselineEnabled = enabled; }
    void setBaselineCapSeconds(double seconds) { m_baselineCapSeconds = seconds; }
    void setFrameIntervalMs(int ms) { m_timer.setInterval(ms); }
    int frameIntervalMs() const { return m_timer.interval(); }

    // The last finished experiment (shared so exports and the Compare page keep it cheaply).
    std::shared_ptr<const RunResult> lastResult() const { return m_lastResult; }

signals:
    void runStarted(const clab::RunConfig &config, bool baseline);
    void samplesArrived(const std::vector<clab::Sample> &samples);
    void timelineArrived(const clab::TimelineDelta &delta);
    void baselineMeasured(const clab::BaselineMeasurement &baseline);
    void runFinished(const clab::RunResult &result);
    // The experiment could not start after its baseline (never expected: it was validated).
    void runFailed(const QString &message);
    void busyChanged(bool busy);

private:
    void poll();
    void pull(bool finalPull);
    bool startRun(const RunConfig &config, Phase phase);
    void finishBaseline();
    void finishExperiment();
    void disposeRun();
    static std::string keyOf(const RunConfig &config);

    QTimer m_timer;
    Phase m_phase = Phase::Idle;
    RunConfig m_config;
    std::unique_ptr<Run> m_run;
    std::vector<std::size_t> m_cursor; // per unit: intervals already handed out
    bool m_stopRequested = false;
    bool m_baselineEnabled = true;
    double m_baselineCapSeconds = 4.0;
    std::map<std::string, BaselineMeasurement> m_baselines;
    std::shared_ptr<const RunResult> m_lastResult;
};

} // namespace clab
