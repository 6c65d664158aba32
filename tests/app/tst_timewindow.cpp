#include "charts/timewindow.h"

#include <QTest>

using namespace clab;

// The timeline's window on the run (charts/timewindow.h): zoom keeps the anchor in place, pan and
// zoom stay inside the run, and zooming out to the whole run is fit again. Plain C++, no widgets.
class TestTimeWindow : public QObject
{
    Q_OBJECT

private slots:
    void fitsByDefaultAndFollowsTheRun();
    void zoomKeepsTheAnchorInPlace();
    void zoomStaysInsideTheRun();
    void panStaysInsideTheRun();
    void zoomingOutFarEnoughFitsAgain();
};

namespace {
constexpr double kTotal = 1e9; // a 1 s run
}

void TestTimeWindow::fitsByDefaultAndFollowsTheRun()
{
    TimeWindow window;
    QVERIFY(window.isFitting());
    QCOMPARE(window.startNs(), 0.0);
    QCOMPARE(window.spanNs(kTotal), kTotal);
    QCOMPARE(window.spanNs(2 * kTotal), 2 * kTotal);
    window.panBy(0.5, kTotal); // nothing to pan while everything is shown
    QCOMPARE(window.startNs(), 0.0);
}

void TestTimeWindow::zoomKeepsTheAnchorInPlace()
{
    TimeWindow window;
    window.zoomBy(4.0, 0.25, kTotal); // the time a quarter of the way across: 250 ms
    QVERIFY(!window.isFitting());
    QCOMPARE(window.spanNs(kTotal), kTotal / 4);
    QCOMPARE(window.startNs() + 0.25 * window.spanNs(kTotal), 0.25 * kTotal);
}

void TestTimeWindow::zoomStaysInsideTheRun()
{
    TimeWindow window;
    window.zoomBy(2.0, 1.0, kTotal); // anchored at the very end
    QCOMPARE(window.startNs() + window.spanNs(kTotal), kTotal);
    for (int i = 0; i < 40; ++i)
        window.zoomBy(10.0, 0.9, kTotal);
    QCOMPARE(window.spanNs(kTotal), TimeWindow::kMinSpanNs);
    QVERIFY(window.startNs() >= 0.0 && window.startNs() + window.spanNs(kTotal) <= kTotal);
}

void TestTimeWindow::panStaysInsideTheRun()
{
    TimeWindow window;
    window.zoomBy(10.0, 0.5, kTotal);
    const double span = window.spanNs(kTotal);
    window.panBy(-100.0, kTotal);
    QCOMPARE(window.startNs(), 0.0);
    window.panBy(0.5, kTotal);
    QCOMPARE(window.startNs(), 0.5 * span);
    window.panBy(100.0, kTotal);
    QCOMPARE(window.startNs(), kTotal - span);
    QCOMPARE(window.spanNs(kTotal), span); // panning never changes the zoom
}

void TestTimeWindow::zoomingOutFarEnoughFitsAgain()
{
    TimeWindow window;
    window.zoomBy(3.0, 0.5, kTotal);
    window.zoomBy(1.0 / 2.0, 0.5, kTotal);
    QVERIFY(!window.isFitting());
    window.zoomBy(1.0 / 2.0, 0.5, kTotal);
    QVERIFY(window.isFitting());
    QCOMPARE(window.startNs(), 0.0);
}

QTEST_MAIN(TestTimeWindow)
#include "tst_timewindow.moc"
