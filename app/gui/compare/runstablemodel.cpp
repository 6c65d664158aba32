#include "compare/runstablemodel.h"

#include "lab/rundescription.h"
#include "textutil.h"

#include <limits>

namespace clab {

namespace {

// A number cell: its value and how many decimals it shows.
struct Number
{
    double value;
    int decimals;
};

std::optional<Number> numberAt(const RunsTableModel::Run &run, int column)
{
    const RunConfig &c = run.config;
    const RunSummary &s = run.summary;
    if (run.python && (column == RunsTableModel::MaxRunningColumn || column == RunsTableModel::GilSwitchesColumn))
        return std::nullopt; // a Python program does not measure them
    switch (column) {
    case RunsTableModel::NumberColumn:
        return Number{double(run.number), 0};
    case RunsTableModel::WorkersColumn:
        return Number{double(c.workers), 0};
    case RunsTableModel::SwitchColumn:
        return Number{c.switchIntervalMs, 2};
    case RunsTableModel::HogsColumn:
        return Number{double(c.cpuHogs), 0};
    case RunsTableModel::TasksColumn:
        return Number{static_cast<double>(s.tasksCompleted), 0};
    case RunsTableModel::WallColumn:
        return Number{s.wallSeconds, 3};
    case RunsTableModel::ThroughputColumn:
        return Number{s.throughputTps, 1};
    case RunsTableModel::SpeedupColumn:
        return run.speedup ? std::optional<Number>(Number{*run.speedup, 2}) : std::nullopt;
    case RunsTableModel::EfficiencyColumn:
        return run.speedup ? std::optional<Number>(Number{*run.speedup / c.workers, 2}) : std::nullopt;
    case RunsTableModel::MaxRunningColumn:
        return Number{double(s.maxRunning), 0};
    case RunsTableModel::CoresBusyColumn:
        return Number{s.avgCoresBusy, 2};
    case RunsTableModel::GilSwitchesColumn:
        return Number{static_cast<double>(s.gil.switches), 0};
    default:
        return std::nullopt;
    }
}

bool isNumberColumn(int column)
{
    return column != RunsTableModel::SourceColumn && column != RunsTableModel::ModelColumn
        && column != RunsTableModel::WorkloadColumn && column != RunsTableModel::GilColumn;
}

QString textAt(const RunsTableModel::Run &run, int column)
{
    if (const std::optional<Number> number = numberAt(run, column))
        return QString::number(number->value, 'f', number->decimals);
    switch (column) {
    case RunsTableModel::SourceColumn:
        return run.source;
    case RunsTableModel::ModelColumn:
        return toQString(toString(run.config.model));
    case RunsTableModel::WorkloadColumn:
        return toQString(toString(run.config.workload));
    case RunsTableModel::GilColumn:
        if (run.python) // the interpreter's, as the program found it
            return run.pythonGil ? RunsTableModel::tr("its GIL") : RunsTableModel::tr("no GIL");
        return shortGilText(run.config.gil);
    default:
        return QStringLiteral("–"); // no speedup: no measured baseline
    }
}

} // namespace

RunsTableModel::RunsTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

int RunsTableModel::addRun(const RunResult &result, std::optional<double> speedup, const QString &source)
{
    const int row = runCount();
    beginInsertRows({}, row, row);
    Run run;
    run.number = row + 1;
    run.source = source;
    run.config = result.config;
    run.machine = result.machine;
    run.summary = result.summary;
    run.speedup = speedup;
    run.samples = result.samples;
    m_runs.push_back(std::move(run));
    endInsertRows();
    return row + 1;
}

int RunsTableModel::addPythonRun(const RunConfig &config, const python::PythonOutcome &outcome, const QString &source)
{
    const int row = runCount();
    beginInsertRows({}, row, row);
    Run run;
    run.number = row + 1;
    run.source = source;
    run.config = config;
    run.speedup = outcome.speedup;
    run.python = true;
    if (const std::optional<python::PythonSummary> &s = outcome.summary) {
        run.summary.wallSeconds = s->wallSeconds;
        run.summary.cpuSeconds = s->cpuSeconds;
        run.summary.tasksCompleted = s->tasksCompleted;
        run.summary.throughputTps = s->throughputTps;
        run.summary.avgCoresBusy = s->avgCoresBusy;
        run.summary.latencyMsP50 = s->latencyMsP50;
        run.summary.latencyMsP90 = s->latencyMsP90;
        run.summary.latencyMsP99 = s->latencyMsP99;
        run.pythonGil = s->gilEnabled;
    }
    m_runs.push_back(std::move(run));
    endInsertRows();
    return row + 1;
}

void RunsTableModel::clear()
{
    beginResetModel();
    m_runs.clear();
    m_swatches.clear();
    endResetModel();
}

void RunsTableModel::setSwatches(std::map<int, QIcon> swatches)
{
    m_swatches = std::move(swatches);
    if (!m_runs.empty())
        emit dataChanged(index(0, NumberColumn), index(runCount() - 1, NumberColumn), {Qt::DecorationRole});
}

int RunsTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : runCount();
}

int RunsTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RunsTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= runCount())
        return {};
    const Run &run = m_runs[static_cast<std::size_t>(index.row())];
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        return textAt(run, column);
    case Qt::UserRole:
        return run.number;
    case SortRole:
        if (!isNumberColumn(column))
            return textAt(run, column);
        if (const std::optional<Number> number = numberAt(run, column))
            return number->value;
        return std::numeric_limits<double>::infinity();
    case Qt::TextAlignmentRole:
        if (numberAt(run, column))
            return static_cast<int>(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::ToolTipRole:
        if (run.python && column == GilColumn)
            return tr("The interpreter's own GIL, on or off as the program found it (sys._is_gil_enabled())");
        if (run.python && (column == NumberColumn || column == SourceColumn))
            return tr("%1, run as a Python program on %2").arg(runName(run.config), run.source);
        return column == NumberColumn ? runName(run.config) : QVariant();
    case Qt::DecorationRole:
        if (column == NumberColumn) {
            if (const auto it = m_swatches.find(run.number); it != m_swatches.end())
                return it->second;
        }
        return {};
    default:
        return {};
    }
}

QVariant RunsTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::ToolTipRole && section == SpeedupColumn)
        return tr("Against a measured sequential run of the same workload: the Lab's baseline, or the sweep's own");
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NumberColumn:
        return tr("#");
    case SourceColumn:
        return tr("From");
    case ModelColumn:
        return tr("Model");
    case WorkersColumn:
        return tr("Workers");
    case WorkloadColumn:
        return tr("Workload");
    case GilColumn:
        return tr("GIL");
    case SwitchColumn:
        return tr("Switch ms");
    case HogsColumn:
        return tr("Hogs");
    case TasksColumn:
        return tr("Tasks");
    case WallColumn:
        return tr("Wall s");
    case ThroughputColumn:
        return tr("Tasks/s");
    case SpeedupColumn:
        return tr("Speedup");
    case EfficiencyColumn:
        return tr("Efficiency");
    case MaxRunningColumn:
        return tr("Max running");
    case CoresBusyColumn:
        return tr("Cores busy");
    case GilSwitchesColumn:
        return tr("GIL switches");
    default:
        return {};
    }
}

} // namespace clab
