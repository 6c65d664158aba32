#include "apptestsupport.h"
#include "charts/chartstyle.h"
#include "charts/timelinewidget.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QScrollBar>
#include <QTest>
#include <QWheelEvent>

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

int pixelsOfColour(const QImage &image, const QColor &colour)
{
    int count = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x)
            count += image.pixelColor(x, y).rgb() == colour.rgb() ? 1 : 0;
    }
    return count;
}

int columnsWithColour(const QImage &image, const QColor &colour)
{
    int count = 0;
    for (int x = 0; x < image.width(); ++x) {
        for (int y = 0; y < image.height(); ++y) {
            if (image.pixelColor(x, y).rgb() == colour.rgb()) {
                ++count;
                break;
            }
        }
    }
    return count;
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
    void shortSlicesShareTheirPixel();
    void currentIntervalIsDrawnLive();
    void gilLaneSharesColumnsBetweenHolders();
    void manyLanesScrollBelowTheGilLane();
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

// At full zoom a 0.2 ms I/O slice between 30 ms GIL waits is far below one pixel: it must still
// show, in a band of its pixel column, not vanish under the waits around it.
void TestTimelineWidget::shortSlicesShareTheirPixel()
{
    // The same lane with and without its I/O slices: the legend's swatch is in both.
    const auto draw = [](bool withIo) {
        TimelineWidget widget;
        widget.resize(900, 300);
        widget.reset(RunConfig{});
        TimelineDelta delta;
        delta.startNs = kStart;
        UnitStatus status;
        status.finished = true;
        delta.units.push_back(status);
        std::vector<Interval> intervals;
        std::int64_t t = kStart;
        for (int i = 0; i < 30; ++i) {
            intervals.push_back({t, t + 30'000'000, WorkerState::WaitingGil, 0});
            t += 30'000'000;
            intervals.push_back({t, t + 200'000, withIo ? WorkerState::Io : WorkerState::WaitingGil, 0});
            t += 200'000;
        }
        delta.added.emplace_back(0, std::move(intervals));
        delta.elapsedSeconds = static_cast<double>(t - kStart) / 1e9;
        widget.addDelta(delta);
        widget.setFinished(delta.elapsedSeconds);
        return widget.grab().toImage();
    };
    // Every one of the 30 slices shows in a pixel column of its own.
    const int with = columnsWithColour(draw(true), stateColor(WorkerState::Io));
    const int without = columnsWithColour(draw(false), stateColor(WorkerState::Io));
    QVERIFY2(with >= without + 30, qPrintable(QStringLiteral("%1 against %2").arg(with).arg(without)));
}

// While a run goes on, the interval a unit is in now (not yet in its timeline) is drawn in its
// state's colour up to now, and leaves the lane once the run has finished.
void TestTimelineWidget::currentIntervalIsDrawnLive()
{
    TimelineWidget widget;
    widget.resize(900, 300);
    widget.reset(RunConfig{});
    TimelineDelta delta;
    delta.startNs = kStart;
    delta.elapsedSeconds = 0.5;
    UnitStatus status;
    status.current = Interval{kStart, kStart + 500'000'000, WorkerState::Native, 0};
    delta.units.push_back(status);
    widget.addDelta(delta);
    QCOMPARE(widget.intervalCount(), std::size_t(0));
    const int live = pixelsOfColour(widget.grab().toImage(), stateColor(WorkerState::Native));

    // Finished: only the legend's swatch keeps the colour.
    widget.setFinished(0.5);
    const int finished = pixelsOfColour(widget.grab().toImage(), stateColor(WorkerState::Native));
    QVERIFY2(live > finished + 5000, qPrintable(QStringLiteral("%1 %2").arg(live).arg(finished)));
}

// Two workers taking 1 ms turns for 4 s: at full zoom each pixel column holds several turns, and
// the GIL lane must show both holders about equally, not the one painted last.
void TestTimelineWidget::gilLaneSharesColumnsBetweenHolders()
{
    TimelineWidget widget;
    widget.resize(900, 300);
    widget.reset(RunConfig{});
    widget.addDelta(takingTurns(4000, 1'000'000));
    widget.setFinished(4.0);
    const QImage image = widget.grab().toImage();
    const int first = pixelsOfColour(image, unitColor(0));
    const int second = pixelsOfColour(image, unitColor(1));
    QVERIFY2(first > 2000 && second > 2000, qPrintable(QStringLiteral("%1 and %2").arg(first).arg(second)));
    QVERIFY2(first < 2 * second && second < 2 * first, qPrintable(QStringLiteral("%1 and %2").arg(first).arg(second)));
}

// Issue 14, §1: sixteen workers in a timeline with room for a few lanes of kMinLaneHeight. The
// lanes keep their height and scroll; the GIL lane above them stays in view whichever are shown.
void TestTimelineWidget::manyLanesScrollBelowTheGilLane()
{
    constexpr int kUnits = 16;
    TimelineDelta delta;
    delta.startNs = kStart;
    for (int unit = 0; unit < kUnits; ++unit) {
        UnitStatus status;
        status.index = unit;
        status.finished = true;
        delta.units.push_back(status);
        // Unit 0 holds the GIL throughout; the last one is in I/O, the others wait for the GIL.
        const WorkerState state = unit == 0 ? WorkerState::Running
            : unit == kUnits - 1            ? WorkerState::Io
                                            : WorkerState::WaitingGil;
        delta.added.emplace_back(unit, std::vector<Interval>{{kStart, kStart + 500'000'000, state, 0}});
    }
    delta.elapsedSeconds = 0.5;
    TimelineWidget widget;
    widget.resize(700, 300);
    widget.show();
    QVERIFY(QTest::qWaitForWindowExposed(&widget));
    widget.reset(RunConfig{});
    widget.addDelta(delta);
    widget.setFinished(0.5);
    QCOMPARE(widget.laneCount(), kUnits);
    QVERIFY(widget.laneHeight() >= TimelineWidget::kMinLaneHeight);
    QVERIFY2(widget.lanesShown() > 0 && widget.lanesShown() < kUnits, qPrintable(QString::number(widget.lanesShown())));
    QVERIFY(widget.lanesScroll());
    QVERIFY(widget.laneScrollBar()->isVisible());
    QCOMPARE(widget.firstLaneShown(), 0);

    // The worker lanes are beside their scroll bar; the GIL lane above them (the legend below
    // has every colour, and is left out).
    const QRect bar = widget.laneScrollBar()->geometry();
    QCOMPARE(bar.height(), widget.lanesShown() * widget.laneHeight());
    const auto lanes = [&] { return widget.grab().toImage().copy(0, bar.top(), bar.left(), bar.height()); };
    const auto gilLane = [&] { return widget.grab().toImage().copy(0, 0, bar.left(), bar.top()); };

    // The first lanes: the holder running, no I/O (the last lane is below).
    QVERIFY(imageHasColour(lanes(), stateColor(WorkerState::Running)));
    QVERIFY(!imageHasColour(lanes(), stateColor(WorkerState::Io)));
    QVERIFY(imageHasColour(gilLane(), unitColor(0)));

    // Scrolled to the end: the last lane is drawn, the first is not, and the GIL lane stays.
    widget.scrollLanesTo(kUnits);
    QCOMPARE(widget.firstLaneShown(), kUnits - widget.lanesShown());
    QVERIFY(imageHasColour(lanes(), stateColor(WorkerState::Io)));
    QVERIFY(!imageHasColour(lanes(), stateColor(WorkerState::Running)));
    QVERIFY(imageHasColour(gilLane(), unitColor(0)));

    // The wheel over the lanes scrolls them back a lane a notch; Up does too.
    const int first = widget.firstLaneShown();
    const QPoint overLanes(bar.left() / 2, bar.center().y());
    QWheelEvent wheel(overLanes, widget.mapToGlobal(overLanes), QPoint(), QPoint(0, 120), Qt::NoButton, Qt::NoModifier,
        Qt::NoScrollPhase, false);
    QApplication::sendEvent(&widget, &wheel);
    QCOMPARE(widget.firstLaneShown(), first - 1);
    QTest::keyClick(&widget, Qt::Key_Up);
    QCOMPARE(widget.firstLaneShown(), first - 2);

    // Tall enough for every lane: no scrolling, all shown from the first.
    widget.resize(700, 900);
    QTRY_COMPARE(widget.height(), 900);
    QVERIFY(!widget.lanesScroll());
    QVERIFY(!widget.laneScrollBar()->isVisible());
    QCOMPARE(widget.lanesShown(), kUnits);
    QCOMPARE(widget.firstLaneShown(), 0);
}

QTEST_MAIN(TestTimelineWidget)
#include "tst_timelinewidget.moc"
