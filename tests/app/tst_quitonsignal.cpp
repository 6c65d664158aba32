// The quit-signal handler leaves errno as it found it: the code a signal interrupts may be about
// to read errno, and the handler's write(2) must not change it under its feet.

#include "shell/quitonsignal.h"

#include <QSignalSpy>
#include <QTest>

#include <cerrno>
#include <csignal>

using namespace clab;

class TestQuitOnSignal : public QObject
{
    Q_OBJECT

private slots:
    void handlerKeepsErrno();
};

void TestQuitOnSignal::handlerKeepsErrno()
{
    QuitOnSignal quit;
    QSignalSpy requested(&quit, &QuitOnSignal::quitRequested);
    // raise(3) runs the handler before it returns. While the event loop does not run, every
    // signal adds a byte to the handler's pipe; once the pipe is full (64 KiB on Linux, pipe(7)),
    // the handler's write fails with EAGAIN, and errno must still be what it was.
    bool sawFull = false;
    for (int i = 0; i < 1 << 20 && !sawFull; ++i) {
        errno = EDOM;
        QCOMPARE(std::raise(SIGHUP), 0);
        QCOMPARE(errno, EDOM);
        sawFull = i > 1 << 17; // well past any pipe's capacity
    }
    QVERIFY(sawFull);
    // The pending quit still arrives, once.
    QTRY_COMPARE(requested.count(), 1);
    QCOMPARE(requested.front().front().toInt(), int(SIGHUP));
}

QTEST_GUILESS_MAIN(TestQuitOnSignal)
#include "tst_quitonsignal.moc"
