#include "apptestsupport.h"
#include "charts/chartstyle.h"
#include "charts/timelinewidget.h"

#include <QElapsedTimer>
#include <QTest>

using namespace clab;

namespace {

constexpr std::int64_t kStart = 1'000'000'000;

// Two workers of one interpreter taking turns: worker 0 runs while worker 1 waits, then the
// other way round, `count` times, each turn `turnNs` long.
TimelineDelta takingTurns(std::size_t count, std::int64_t turnNs)
{
    TimelineDelta delta;
    delta.startNs = kStart;
    for (int unit = 0; unit < 2; ++unit) {
        UnitStatus status;
        status.index = unit;
        status.finished = true;
        delta.units.push_back(status);
        std::vector<Interval> intervals;
        intervals.reserve(count);
        for (std::size_t i = 0; i < count; ++i) {
            const bool running = (i % 2 == 0) == (unit == 0);
            const std::int64_t start = kStart + static_cast<std::int64_t>(i) * turnNs;
            intervals.push_back({start, start + turnNs, running ? WorkerState::Running : WorkerState::WaitingGil,
                                 static_cast<std::int16_t>(unit)});
        }
        delta.added.emplace_back(unit, std::move(intervals));
    }
    delta.elapsedSeconds = static_cast<double>(count) * static_cast<double>(turnNs) / 1e9;
    return delta;
}

bool imageHasColour(const QImage &image, const QColor &colour)
{
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            if (image.pixelColor(x, y).rgb() == colour.rgb())
                return true;
        }
    }
    return false;
}

qint64 paintMs(TimelineWidget &widget)
{
    QElapsedTimer clock;
    clock.start();
    const QImage image = widget.grab().toImage();
    Q_UNUSED(image)
    return clock.elapsed();
}

} // namespace

class TestTimelineWidget : public QObject
{
    Q_OBJECT

private slots:
    void drawsLanesInStateAndCoreColours();
    void costIsBoundedByPixelsNotIntervals();
    void zoomAndFit();
};

void TestTimelineWidget::drawsLanesInStateAndCoreColours()
{
    TimelineWidget widget;
    widget.resize(900, 300);
    RunConfig config;
    widget.reset(config);
    widget.addDelta(takingTurns(20, 50'000'000)); // 20 turns of 50 ms: each many pixels wide
    widget.setFinished(1.0);
    QCOMPARE(widget.laneCount(), 2);
    QCOMPARE(widget.intervalCount(), std::size_t(40));
    QImage image = widget.grab().toImage();
    QVERIFY(imageHasColour(image, stateColor(WorkerState::Running)));
    QVERIFY(imageHasColour(image, stateColor(WorkerState::WaitingGil)));
    QVERIFY(imageHasColour(image, unitColor(0))); // the GIL lane shows its holders
    QVERIFY(imageHasColour(image, unitColor(1)));

    widget.setColorMode(TimelineWidget::ColorMode::Core);
    image = widget.grab().toImage();
    QVERIFY(imageHasColour(image, coreColor(0)));
    QVERIFY(imageHasColour(image, coreColor(1)));
    QVERIFY(!imageHasColour(image, stateColor(WorkerState::WaitingGil)));
}

// Drawing is bounded by pixels: two million sub-pixel intervals cost about what twenty thousand do.
void TestTimelineWidget::costIsBoundedByPixelsNotIntervals()
{
    TimelineWidget small;
    small.resize(1200, 300);
    small.reset(RunConfig{});
    small.addDelta(takingTurns(20'000, 50'000));
    small.setFinished(1.0);
    TimelineWidget large;
    large.resize(1200, 300);
    large.reset(RunConfig{});
    large.addDelta(takingTurns(2'000'000, 500));
    large.setFinished(1.0);
    paintMs(small); // warm up fonts and caches
    qint64 smallMs = 0;
    qint64 largeMs = 0;
    for (int i = 0; i < 3; ++i) {
        smallMs += paintMs(small);
        largeMs += paintMs(large);
    }
    qInfo("3 paints: 40k intervals %lld ms, 4M intervals %lld ms", smallMs, largeMs);
    QVERIFY2(largeMs <= 5 * smallMs + 150, qPrintable(QStringLiteral("%1 vs %2 ms").arg(largeMs).arg(smallMs)));
    QVERIFY(test::hasSeveralColours(large.grab().toImage()));
}

void TestTimelineWidget::zoomAndFit()
{
    TimelineWidget widget;
    widget.resize(900, 300);
    widget.reset(RunConfig{});
    widget.addDelta(takingTurns(100, 10'000'000));
    QVERIFY(widget.isFitting());
    widget.setFocus();
    QTest::keyClick(&widget, Qt::Key_Plus);
    QVERIFY(!widget.isFitting());
    QTest::keyClick(&widget, Qt::Key_Right);
    QTest::keyClick(&widget, Qt::Key_0);
    QVERIFY(widget.isFitting());
}

QTEST_MAIN(TestTimelineWidget)
#include "tst_timelinewidget.moc"
