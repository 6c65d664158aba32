#include "comparepage.h"

#include "charts/speedupchart.h"
#include "explanation.h"
#include "textutil.h"

#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

namespace clab {

namespace {

// Shows a number formatted, sorts by its value.
class NumberItem : public QTableWidgetItem
{
public:
    NumberItem(double value, int decimals)
        : QTableWidgetItem(QString::number(value, 'f', decimals))
        , m_value(value)
    {
        setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    }
    bool operator<(const QTableWidgetItem &other) const override
    {
        if (const auto *number = dynamic_cast<const NumberItem *>(&other))
            return m_value < number->m_value;
        return QTableWidgetItem::operator<(other);
    }

private:
    double m_value;
};

} // namespace

ComparePage::ComparePage(QWidget *parent)
    : QWidget(parent)
    , m_table(new QTableWidget)
    , m_chart(new SpeedupChart)
{
    setAccessibleName(tr("Compare"));
    const QStringList headers{tr("Model"),    tr("Workers"),   tr("Workload"), tr("GIL"),
                              tr("Switch ms"), tr("Hogs"),     tr("Tasks"),    tr("Wall s"),
                              tr("Tasks/s"),  tr("Speedup"),   tr("Efficiency"), tr("Max running"),
                              tr("Cores busy"), tr("GIL switches")};
    m_table->setObjectName(QStringLiteral("compareTable"));
    m_table->setAccessibleName(tr("Runs of this session"));
    m_table->setColumnCount(static_cast<int>(headers.size()));
    m_table->setHorizontalHeaderLabels(headers);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(true);
    m_table->setSortingEnabled(true);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->verticalHeader()->setVisible(false);

    auto *intro = new QLabel(tr("Every experiment you run in this session lands here. Speedup is measured against "
                                "a sequential run of the same workload on this machine."));
    intro->setWordWrap(true);
    auto *clearButton = new QPushButton(tr("&Clear"));
    clearButton->setAccessibleName(tr("Clear the comparison"));
    connect(clearButton, &QPushButton::clicked, this, &ComparePage::clear);

    auto *split = new QSplitter(Qt::Vertical);
    split->addWidget(m_table);
    split->addWidget(m_chart);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(split, 1);
    layout->addWidget(clearButton, 0, Qt::AlignLeft);
}

int ComparePage::runCount() const
{
    return m_table->rowCount();
}

void ComparePage::clear()
{
    m_table->setRowCount(0);
    m_chart->clear();
}

void ComparePage::addRun(const RunResult &result, const std::optional<BaselineMeasurement> &baseline)
{
    const RunConfig &c = result.config;
    const RunSummary &s = result.summary;
    const std::optional<double> speedup = speedupOf(result, baseline);
    m_table->setSortingEnabled(false);
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    auto number = [](double value, int decimals) -> QTableWidgetItem * { return new NumberItem(value, decimals); };
    const QString gil = c.gil == GilPolicy::Off ? tr("off") : toQString(toString(c.gil));
    m_table->setItem(row, 0, new QTableWidgetItem(toQString(toString(c.model))));
    m_table->setItem(row, 1, number(c.workers, 0));
    m_table->setItem(row, 2, new QTableWidgetItem(toQString(toString(c.workload))));
    m_table->setItem(row, 3, new QTableWidgetItem(gil));
    m_table->setItem(row, 4, number(c.switchIntervalMs, 2));
    m_table->setItem(row, 5, number(c.cpuHogs, 0));
    m_table->setItem(row, 6, number(static_cast<double>(s.tasksCompleted), 0));
    m_table->setItem(row, 7, number(s.wallSeconds, 3));
    m_table->setItem(row, 8, number(s.throughputTps, 1));
    m_table->setItem(row, 9, speedup ? number(*speedup, 2) : new QTableWidgetItem(QStringLiteral("–")));
    m_table->setItem(row, 10, speedup ? number(*speedup / c.workers, 2) : new QTableWidgetItem(QStringLiteral("–")));
    m_table->setItem(row, 11, number(s.maxRunning, 0));
    m_table->setItem(row, 12, number(s.avgCoresBusy, 2));
    m_table->setItem(row, 13, number(static_cast<double>(s.gil.switches), 0));
    m_table->setSortingEnabled(true);
    if (speedup && !s.stopped)
        m_chart->addPoint(QStringLiteral("%1 · %2 · %3").arg(toQString(toString(c.model)), toQString(toString(c.workload)), gil),
                          c.workers, *speedup);
}

void ComparePage::setAppearance(const Appearance &appearance)
{
    m_chart->setAppearance(appearance);
}

} // namespace clab
