#include "apptestsupport.h"
#include "charts/chartstyle.h"
#include "charts/statepatterns.h"
#include "charts/timelinewidget.h"
#include "textrecorder.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QPaintEngine>
#include <QScrollBar>
#include <QSet>
#include <QTest>
#include <QWheelEvent>

using namespace clab;
using clab::test::TextDevice;
using clab::test::TextRecorder;

Q_DECLARE_METATYPE(clab::Appearance)

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

// One worker going through every state, each for `stateNs`, in order: Running, WaitingGil, Io...
TimelineDelta everyState(std::int64_t stateNs, int rounds = 1)
{
    TimelineDelta delta;
    delta.startNs = kStart;
    UnitStatus status;
    status.finished = true;
    delta.units.push_back(status);
    std::vector<Interval> intervals;
    std::int64_t t = kStart;
    for (int round = 0; round < rounds; ++round) {
        for (int s = 0; s <= static_cast<int>(kLastWorkerState); ++s) {
            intervals.push_back({t, t + stateNs, static_cast<WorkerState>(s), 0});
            t += stateNs;
        }
    }
    delta.added.emplace_back(0, std::move(intervals));
    delta.elapsedSeconds = static_cast<double>(t - kStart) / 1e9;
    return delta;
}

// Where the worker lanes show `state`: in each row, the longest stretch of its colour broken by
// gaps of at most 12 pixels (a pattern's marks), when the stretch is 50 pixels or more and its
// colour at least `density` of it (a legend's swatch is narrower, grey text's edges scattered).
QRect laneArea(const QImage &image, WorkerState state, const Appearance &appearance = {}, double density = 0.5)
{
    const QRgb colour = stateColor(state, appearance).rgb();
    QRect area;
    for (int y = 0; y < image.height(); ++y) {
        QRect best;
        int start = -1, last = -1, count = 0;
        const auto close = [&] {
            if (start >= 0 && last - start + 1 > best.width() && count >= density * (last - start + 1))
                best = QRect(start, y, last - start + 1, 1);
        };
        for (int x = 0; x < image.width(); ++x) {
            if (image.pixel(x, y) != colour)
                continue;
            if (start >= 0 && x - last <= 13) {
                last = x;
                ++count;
                continue;
            }
            close();
            start = last = x;
            count = 1;
        }
        close();
        if (best.width() >= 50)
            area |= best;
    }
    return area;
}

// Pixels of a pattern's marks on a state's colour in `area`: the ink over the fill, give or take
// rounding.
int markPixels(const QImage &image, const QRect &area, WorkerState state, const Appearance &appearance = {})
{
    const QColor fill = stateColor(state, appearance);
    const QColor ink = inkOn(fill, appearance);
    const double a = ink.alphaF();
    const auto mix = [&](int f, int i) { return static_cast<int>(std::lround(i * a + f * (1.0 - a))); };
    const QColor mark(mix(fill.red(), ink.red()), mix(fill.green(), ink.green()), mix(fill.blue(), ink.blue()));
    int count = 0;
    for (int y = area.top(); y <= area.bottom(); ++y) {
        for (int x = area.left(); x <= area.right(); ++x) {
            const QColor c = image.pixelColor(x, y);
            count += std::abs(c.red() - mark.red()) + std::abs(c.green() - mark.green())
                        + std::abs(c.blue() - mark.blue())
                    <= 6
                ? 1
                : 0;
        }
    }
    return count;
}

// The texts painted as just `text`, above `belowY` (the GIL lane is the top of the widget).
int textsPainted(TimelineWidget &widget, const QString &text, double belowY)
{
    TextDevice device(widget.size());
    widget.render(&device);
    return static_cast<int>(std::count_if(device.texts().begin(), device.texts().end(),
        [&](const TextRecorder::Text &t) { return t.text == text && t.at.y() < belowY; }));
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
    void statesShowTheirPatterns_data();
    void statesShowTheirPatterns();
    void narrowStretchesStayPlain();
    void legendSwatchesCarryThePatterns();
    void gilHoldersAreNumbered();
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

void TestTimelineWidget::statesShowTheirPatterns_data()
{
    QTest::addColumn<Appearance>("appearance");
    QTest::newRow("light") << Appearance{};
    QTest::newRow("dark") << Appearance{.dark = true, .presentation = false};
    QTest::newRow("high contrast") << Appearance{.dark = false, .presentation = false, .highContrast = true};
    QTest::newRow("presentation") << Appearance{.dark = false, .presentation = true};
}

// A stretch of each state, 100 ms (about 120 pixels) wide: the patterned states show their marks
// on their colour, the plain ones none.
void TestTimelineWidget::statesShowTheirPatterns()
{
    QFETCH(Appearance, appearance);
    TimelineWidget widget;
    widget.setAppearance(appearance);
    widget.resize(1000, 260);
    RunConfig config;
    config.workload = WorkloadKind::Deadlock; // its legend names "waiting for a lock" too
    widget.reset(config);
    widget.addDelta(everyState(100'000'000));
    widget.setFinished(0.7);
    const QImage image = widget.grab().toImage();
    for (int s = 0; s <= static_cast<int>(kLastWorkerState); ++s) {
        const auto state = static_cast<WorkerState>(s);
        const QRect stretch = laneArea(image, state, appearance); // its own stretch in the lane
        QVERIFY2(stretch.width() > 60, qPrintable(stateName(state)));
        const int marks = markPixels(image, stretch, state, appearance);
        if (statePattern(state) == StatePattern::Plain)
            QVERIFY2(marks == 0, qPrintable(stateName(state) + QStringLiteral(": %1").arg(marks)));
        else
            QVERIFY2(marks >= 20, qPrintable(stateName(state) + QStringLiteral(": %1").arg(marks)));
    }
}

// Stretches a pixel or two wide keep their plain colour: no pattern squeezed into them.
void TestTimelineWidget::narrowStretchesStayPlain()
{
    TimelineWidget widget;
    widget.resize(1000, 260);
    widget.reset(RunConfig{});
    const int columns = widget.width();
    widget.addDelta(everyState(1'000'000, columns / 7)); // 1 ms a state, about a pixel each
    widget.setFinished(static_cast<double>(columns / 7) * 7e-3);
    const QImage image = widget.grab().toImage();
    QVERIFY(imageHasColour(image, stateColor(WorkerState::WaitingGil)));
    const QRect lanes = laneArea(image, WorkerState::WaitingGil, {}, 0.1);
    QVERIFY(lanes.width() > 600);
    QCOMPARE(markPixels(image, lanes, WorkerState::WaitingGil), 0);
    QCOMPARE(markPixels(image, lanes, WorkerState::Io), 0);
}

// The legend's swatches carry the states' patterns, and show them.
void TestTimelineWidget::legendSwatchesCarryThePatterns()
{
    TimelineWidget widget;
    widget.resize(1000, 200);
    RunConfig config;
    config.workload = WorkloadKind::Deadlock;
    widget.reset(config);
    int states = 0;
    for (const LegendEntry &entry : widget.legend()) {
        for (int s = 0; s <= static_cast<int>(kLastWorkerState); ++s) {
            const auto state = static_cast<WorkerState>(s);
            if (entry.name != stateName(state))
                continue;
            ++states;
            QCOMPARE(entry.pattern, statePattern(state));
            QCOMPARE(entry.brush.color(), stateColor(state));
        }
    }
    QVERIFY(states >= 6); // "waiting for a core" needs the kernel's schedstat
    // Nothing but the legend is painted yet: the marks there are the swatches'.
    const QImage image = widget.grab().toImage();
    const QRect legend(0, image.height() - 60, image.width(), 60); // nothing else is painted
    QVERIFY(markPixels(image, legend, WorkerState::WaitingGil) > 0);
    QVERIFY(markPixels(image, legend, WorkerState::WaitingLock) > 0);
    QVERIFY(markPixels(image, legend, WorkerState::Io) > 0);
    QCOMPARE(markPixels(image, legend, WorkerState::Running), 0); // plain
}

// The GIL lane writes the holder's number on each stretch with room for it, and none where the
// holders take turns too fast for a number to fit.
void TestTimelineWidget::gilHoldersAreNumbered()
{
    TimelineWidget widget;
    widget.resize(900, 300);
    widget.reset(RunConfig{});
    widget.addDelta(takingTurns(20, 50'000'000)); // turns of 50 ms: about 40 pixels each
    widget.setFinished(1.0);
    const double gilLaneBottom = widget.fontMetrics().height() * 2.0;
    QVERIFY(textsPainted(widget, QStringLiteral("0"), gilLaneBottom) >= 5);
    QVERIFY(textsPainted(widget, QStringLiteral("1"), gilLaneBottom) >= 5);

    TimelineWidget fast;
    fast.resize(900, 300);
    fast.reset(RunConfig{});
    fast.addDelta(takingTurns(4000, 250'000)); // turns of 0.25 ms: a pixel shared by several
    fast.setFinished(1.0);
    QCOMPARE(textsPainted(fast, QStringLiteral("0"), gilLaneBottom), 0);
    QCOMPARE(textsPainted(fast, QStringLiteral("1"), gilLaneBottom), 0);
}

QTEST_MAIN(TestTimelineWidget)
#include "tst_timelinewidget.moc"
