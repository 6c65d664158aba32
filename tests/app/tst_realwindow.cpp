// The program itself in a real X window (Xvfb, the xcb platform), as a user starts it: a
// screenshot taken mid-run, and quitting mid-run, which must end the program within 2 s with no
// worker process left behind.

#include "../engine/testsupport.h"
#include "apptestsupport.h"

#include <QElapsedTimer>
#include <QFile>
#include <QImage>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <set>

using namespace clab;

namespace {

std::string commandName(int pid)
{
    QFile file(QStringLiteral("/proc/%1/comm").arg(pid));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll().trimmed().toStdString();
}

// Alive: exists and is not a zombie waiting for its parent.
bool isAlive(int pid)
{
    const auto stat = platform::readTaskStat(pid, pid);
    return stat && stat->state != 'Z';
}

std::vector<int> named(const std::vector<int> &pids, const std::string &name)
{
    std::vector<int> out;
    for (const int pid : pids) {
        if (commandName(pid) == name)
            out.push_back(pid);
    }
    return out;
}

} // namespace

class TestRealWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void screenshotMidRun();
    void quittingMidRunLeavesNoChild();
    void projectorWindowStaysOnScreen_data();
    void projectorWindowStaysOnScreen();

private:
    // Starts the program under xvfb-run on the xcb platform with `arguments`.
    void start(QProcess &process, const QStringList &arguments, const QString &screen = QStringLiteral("1600x1000"));

    QString m_xvfbRun;
    QTemporaryDir m_dir;
};

void TestRealWindow::initTestCase()
{
    m_xvfbRun = QStandardPaths::findExecutable(QStringLiteral("xvfb-run"));
    QVERIFY2(!m_xvfbRun.isEmpty(), "xvfb-run is missing: scripts/setup.sh installs it");
    QVERIFY(QFile::exists(QStringLiteral(CLAB_APP_PATH)));
    QVERIFY(m_dir.isValid());
}

void TestRealWindow::start(QProcess &process, const QStringList &arguments, const QString &screen)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("xcb"));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir.filePath(QStringLiteral("config")));
    process.setProcessEnvironment(env);
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(m_xvfbRun,
        QStringList{QStringLiteral("-a"), QStringLiteral("-s"), QStringLiteral("-screen 0 %1x24").arg(screen),
            QStringLiteral(CLAB_APP_PATH)}
            + arguments);
    QVERIFY(process.waitForStarted(10000));
}

void TestRealWindow::screenshotMidRun()
{
    const QString png = m_dir.filePath(QStringLiteral("lab.png"));
    // Long enough (800 tasks of 10,000 steps, about 5 s on two cores) that the capture at 3.5 s falls mid-run.
    QProcess process;
    QElapsedTimer elapsed;
    elapsed.start();
    start(process,
        {QStringLiteral("--preset"), QStringLiteral("cpu-processes-4"), QStringLiteral("--set"),
            QStringLiteral("tasks=800"), QStringLiteral("--run"), QStringLiteral("--screenshot"), png,
            QStringLiteral("--quit-after-ms"), QStringLiteral("3500")});
    QVERIFY(process.waitForFinished(60000));
    QVERIFY2(elapsed.elapsed() >= 3500, "captured by the timer, while the run was going on");
    QVERIFY2(process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0, process.readAll().constData());
    const QImage image(png);
    QVERIFY2(!image.isNull(), "the screenshot decodes");
    QVERIFY2(image.width() >= 1000 && image.height() >= 600,
        qPrintable(QStringLiteral("%1x%2").arg(image.width()).arg(image.height())));
    QVERIFY(test::hasSeveralColours(image));
}

void TestRealWindow::projectorWindowStaysOnScreen_data()
{
    QTest::addColumn<QSize>("screen");
    // The window outgrew a 1024x768 screen in some starts and not in others (it depends on when
    // the interpreters' search and the first layout land), so that size is tried more than once.
    for (int attempt = 1; attempt <= 4; ++attempt)
        QTest::addRow("1024x768 #%d", attempt) << QSize(1024, 768);
    QTest::newRow("1280x800") << QSize(1280, 800);
}

// On a projector the window is never wider or taller than the screen, not even after the Lab's
// open settings asked for more than 1024 px before they folded (issue 14, §1). The screenshot is
// the window's own picture, so its size is the window's.
void TestRealWindow::projectorWindowStaysOnScreen()
{
    QFETCH(QSize, screen);
    const QString png = m_dir.filePath(QStringLiteral("projector.png"));
    QFile::remove(png);
    QProcess process;
    start(process,
        {QStringLiteral("--presentation"), QStringLiteral("--page"), QStringLiteral("lab"), QStringLiteral("--preset"),
            QStringLiteral("cpu-threads-2-modern"), QStringLiteral("--set"), QStringLiteral("tasks=40"),
            QStringLiteral("--run"), QStringLiteral("--screenshot"), png},
        QStringLiteral("%1x%2").arg(screen.width()).arg(screen.height()));
    QVERIFY(process.waitForFinished(60000));
    QVERIFY2(process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0, process.readAll().constData());
    const QImage image(png);
    QVERIFY2(!image.isNull(), "the screenshot decodes");
    QVERIFY2(image.width() <= screen.width() && image.height() <= screen.height(),
        qPrintable(QStringLiteral("window %1x%2 on a %3x%4 screen")
                       .arg(image.width())
                       .arg(image.height())
                       .arg(screen.width())
                       .arg(screen.height())));
    QVERIFY2(image.width() >= screen.width() * 9 / 10, "the window uses the projector's width");
}

void TestRealWindow::quittingMidRunLeavesNoChild()
{
    QProcess process;
    start(process, {QStringLiteral("--preset"), QStringLiteral("cpu-processes-4"), QStringLiteral("--run")});
    const int root = static_cast<int>(process.processId());

    // Wait for the run's worker processes (after the sequential baseline has been measured).
    std::vector<int> app;
    std::vector<int> workers;
    QElapsedTimer waited;
    waited.start();
    while (workers.size() < 4 && waited.elapsed() < 30000) {
        QTest::qWait(50);
        const std::vector<int> tree = test::descendantsOf(root);
        app = named(tree, "concurrency-lab");
        workers = named(tree, "clab-worker");
    }
    QCOMPARE(app.size(), std::size_t(1));
    QVERIFY2(workers.size() == 4, "the processes run started its four workers");

    // Quit as the desktop does (a signal closes the window like File > Quit).
    QElapsedTimer quitting;
    quitting.start();
    QVERIFY(::kill(app.front(), SIGTERM) == 0);
    while (isAlive(app.front()) && quitting.elapsed() < 5000)
        QTest::qWait(10);
    const qint64 exitMs = quitting.elapsed();
    QVERIFY2(exitMs <= 2000, qPrintable(QStringLiteral("the program took %1 ms to end").arg(exitMs)));
    for (const int pid : workers)
        QVERIFY2(!isAlive(pid) || commandName(pid) != "clab-worker",
            qPrintable(QStringLiteral("worker %1 outlived the program").arg(pid)));
    QVERIFY(process.waitForFinished(10000));
    QCOMPARE(process.exitCode(), 0);
}

QTEST_GUILESS_MAIN(TestRealWindow)
#include "tst_realwindow.moc"
