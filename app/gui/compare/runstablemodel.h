#pragma once

#include "measurement/sample.h"
#include "model/runconfig.h"
#include "python/pythonexperiment.h"
#include "results/runresult.h"

#include <QAbstractTableModel>
#include <QIcon>

#include <map>
#include <optional>
#include <vector>

namespace clab {

// Every run of the session, one row each in the order they came (the Lab's and the sweeps'), for
// Compare's table. Numbers show formatted and sort by value (SortRole); Qt::UserRole of any cell
// is the run's number, 1 for the first. A run keeps its samples for the overlays, not its timelines.
class RunsTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        NumberColumn,
        SourceColumn,
        ModelColumn,
        WorkersColumn,
        WorkloadColumn,
        GilColumn,
        SwitchColumn,
        HogsColumn,
        TasksColumn,
        WallColumn,
        ThroughputColumn,
        SpeedupColumn,
        EfficiencyColumn,
        MaxRunningColumn,
        CoresBusyColumn,
        GilSwitchesColumn,
        ColumnCount
    };
    // What to sort a column by: the value of a number (a run without a speedup sorts after every
    // one with), the text of the rest.
    static constexpr int SortRole = Qt::UserRole + 1;

    struct Run
    {
        int number = 0;
        QString source; // "Lab", "Sweep 2", "Sweep 2 · baseline"
        RunConfig config;
        platform::MachineInfo machine; // where it ran
        RunSummary summary;
        std::optional<double> speedup;
        std::vector<Sample> samples;
        // Run as a Python program on a real interpreter: its summary has only what the program
        // measures (no GIL switches, no most-running count, no samples), and whether the GIL was on.
        bool python = false;
        bool pythonGil = true;
    };

    explicit RunsTableModel(QObject *parent = nullptr);

    // Appends a row; returns the run's number.
    int addRun(const RunResult &result, std::optional<double> speedup, const QString &source);
    // Appends a row for `outcome`'s run of `config` (it must have a summary); returns its number.
    int addPythonRun(const RunConfig &config, const python::PythonOutcome &outcome, const QString &source);
    void clear();
    // By number, 1 for the first.
    const Run &run(int number) const { return m_runs[static_cast<std::size_t>(number - 1)]; }
    int runCount() const { return static_cast<int>(m_runs.size()); }
    // The swatch shown beside a run's number (its colour in the overlays); runs not in `swatches`
    // show none.
    void setSwatches(std::map<int, QIcon> swatches);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<Run> m_runs;
    std::map<int, QIcon> m_swatches;
};

} // namespace clab
