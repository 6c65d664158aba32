#include "charts/chartstyle.h"
#include "charts/throughputchart.h"

#include <QLineSeries>
#include <QSet>
#include <QTest>
#include <QValueAxis>

#include <cmath>

using namespace clab;

// Axes read well at any scale, and a run too short for a line still shows its readings.
class TestChartStyle : public QObject
{
    Q_OBJECT

private slots:
    void tickLabelsDiffer_data();
    void tickLabelsDiffer();
    void fewPointsShowAsDots();
    void firstHoldersStandApartFromStates();
};

void TestChartStyle::tickLabelsDiffer_data()
{
    QTest::addColumn<double>("value");
    for (const double value : {0.021, 0.3, 2.4, 17.0, 0.0042, 1200.0})
        QTest::newRow(qPrintable(QString::number(value))) << value;
}

void TestChartStyle::tickLabelsDiffer()
{
    QFETCH(double, value);
    QValueAxis axis;
    const double max = setNiceRange(&axis, value, 5);
    QVERIFY(max >= value);
    QSet<QString> labels;
    int ticks = 0;
    for (double tick = 0.0; tick <= max + axis.tickInterval() / 2; tick += axis.tickInterval()) {
        // The axis prints with "%.Nf": N decimals.
        const QString format = axis.labelFormat();
        QVERIFY2(format.startsWith(QStringLiteral("%.")) && format.endsWith(QLatin1Char('f')), qPrintable(format));
        const int decimals = format.mid(2, format.size() - 3).toInt();
        labels.insert(QString::number(tick, 'f', decimals));
        ++ticks;
    }
    QVERIFY(ticks >= 2);
    QCOMPARE(labels.size(), ticks);
}

void TestChartStyle::fewPointsShowAsDots()
{
    ThroughputChart chart;
    Sample sample;
    sample.tSeconds = 0.02;
    sample.throughputTps = 190.0;
    chart.appendSamples({sample});
    QVERIFY(chart.series()->pointsVisible());
    std::vector<Sample> more;
    for (int i = 1; i <= 5; ++i) {
        sample.tSeconds = 0.02 + 0.1 * i;
        more.push_back(sample);
    }
    chart.appendSamples(more);
    QVERIFY(!chart.series()->pointsVisible());
}

// The GIL lane colours its first holders; they must not be mistaken for a state of a worker lane
// ("waiting for a core" is yellow, so no early holder may be).
void TestChartStyle::firstHoldersStandApartFromStates()
{
    for (int unit = 0; unit < 3; ++unit) {
        for (int state = 0; state <= static_cast<int>(clab::kLastWorkerState); ++state) {
            const QColor a = clab::unitColor(unit);
            const QColor b = clab::stateColor(static_cast<clab::WorkerState>(state));
            const double distance = std::hypot(a.red() - b.red(), a.green() - b.green(), a.blue() - b.blue());
            QVERIFY2(distance > 60.0,
                qPrintable(QStringLiteral("unit %1 against state %2: %3").arg(unit).arg(state).arg(distance)));
        }
    }
}

QTEST_MAIN(TestChartStyle)
#include "tst_chartstyle.moc"
