#include "apptestsupport.h"
#include "shell/launchoptions.h"
#include "shell/mainwindow.h"
#include "walkthrough.h"
#include "walkthrough/presenterwindow.h"
#include "walkthrough/walkthroughcontroller.h"
#include "walkthrough/walkthroughpanel.h"
#include "walkthrough/walkthroughplayer.h"

#include <QApplication>
#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QScreen>
#include <QTemporaryDir>
#include <QTest>

using namespace clab;

// The presenter view with two screens, as in a lecture hall (a laptop and a projector): the
// offscreen platform is given two screens before the application starts (see main() below).
class TestPresenter : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void twoScreensGiveThePresenterAWindow();
    void screenOptionPicksTheAudienceScreen();
    void presenterFollowsTheAppearance();

private:
    QTemporaryDir m_settings;
};

namespace {

const QString kGilLive = QStringLiteral(":/lessons/walkthroughs/gil-live.json");

// Every label text the window shows, its own and its children's, as it reads on screen.
QString visibleText(QWidget *window)
{
    QStringList texts;
    for (QLabel *label : window->findChildren<QLabel *>()) {
        if (label->isVisibleTo(window) && label->window() == window)
            texts << label->text();
    }
    return texts.join(QLatin1Char('\n'));
}

} // namespace

void TestPresenter::initTestCase()
{
    test::isolateSettings(m_settings);
    QCOMPARE(QGuiApplication::screens().size(), 2);
}

void TestPresenter::twoScreensGiveThePresenterAWindow()
{
    QScreen *laptop = QGuiApplication::screens().at(0);
    QScreen *projector = QGuiApplication::screens().at(1);
    MainWindow window;
    window.setScreen(projector);
    window.setGeometry(projector->availableGeometry());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCOMPARE(window.screen(), projector);
    QVERIFY(!window.walkthroughController()->presenter());

    QVERIFY(window.openWalkthrough(kGilLive));
    QVERIFY(window.walkthrough()->goToStep(2));
    PresenterWindow *presenter = window.walkthroughController()->presenter();
    QVERIFY(presenter);
    QVERIFY(QTest::qWaitForWindowExposed(presenter));
    QCOMPARE(presenter->screen(), laptop);

    // The audience's window shows no talking points and no answers; the presenter's has both,
    // the answers marked as not shown yet.
    const WalkthroughStep step = *window.walkthrough()->currentStep();
    QVERIFY(!step.afterRun.empty());
    QVERIFY(window.walkthroughPanel()->isHidden());
    const QString audience = visibleText(&window);
    const QString presenterText = presenter->stepText();
    for (const std::string &point : step.talkingPoints) {
        QVERIFY2(!audience.contains(QString::fromStdString(point).toHtmlEscaped()), point.c_str());
        QVERIFY2(presenterText.contains(QString::fromStdString(point)), point.c_str());
    }
    for (const std::string &point : step.afterRun) {
        QVERIFY2(!audience.contains(QString::fromStdString(point).toHtmlEscaped()), point.c_str());
        QVERIFY2(presenterText.contains(QString::fromStdString(point)), point.c_str());
    }
    QVERIFY2(presenterText.contains(QStringLiteral("not shown to the class yet")), qPrintable(presenterText));
    if (const QString dir = qEnvironmentVariable("CLAB_SCREENSHOT_DIR"); !dir.isEmpty()) {
        QVERIFY(presenter->grab().save(dir + QStringLiteral("/presenter.png")));
        QVERIFY(window.grab().save(dir + QStringLiteral("/audience.png")));
    }
    QVERIFY2(presenterText.contains(QStringLiteral("Step 3 of 9")), qPrintable(presenterText));
    QVERIFY2(presenterText.contains(
                 QStringLiteral("Next: ") + QString::fromStdString(window.walkthrough()->walkthrough().steps[3].title)),
        qPrintable(presenterText));

    // Reveal shows the answers earlier; the next step hides its own again.
    presenter->revealButton()->click();
    QVERIFY(window.walkthrough()->isAfterRunShown());
    QVERIFY(!presenter->stepText().contains(QStringLiteral("not shown to the class yet")));
    QVERIFY(window.walkthrough()->next());
    QVERIFY(!window.walkthrough()->isAfterRunShown());
    QVERIFY(presenter->stepText().contains(QStringLiteral("Step 4 of 9")));

    // Closing the walkthrough closes the presenter's window.
    window.walkthrough()->close();
    QTRY_VERIFY(!window.walkthroughController()->presenter());
}

void TestPresenter::screenOptionPicksTheAudienceScreen()
{
    LaunchOptions options = parseLaunchOptions({QStringLiteral("concurrency-lab"), QStringLiteral("--walkthrough"),
        QStringLiteral("gil-live"), QStringLiteral("--presentation"), QStringLiteral("--screen"), QStringLiteral("2")});
    QVERIFY2(options.error.isEmpty(), qPrintable(options.error));
    QCOMPARE(options.screen, 2);
    MainWindow window;
    window.applyLaunchOptions(options);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCOMPARE(window.screen(), QGuiApplication::screens().at(1));
    PresenterWindow *presenter = window.walkthroughController()->presenter();
    QVERIFY(presenter);
    QCOMPARE(presenter->screen(), QGuiApplication::screens().at(0));

    const LaunchOptions bad
        = parseLaunchOptions({QStringLiteral("concurrency-lab"), QStringLiteral("--screen"), QStringLiteral("0")});
    QVERIFY2(
        bad.error.startsWith(QStringLiteral("screen: expected a screen number of 1 or more")), qPrintable(bad.error));
}

void TestPresenter::presenterFollowsTheAppearance()
{
    MainWindow window;
    window.setScreen(QGuiApplication::screens().at(1));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.openWalkthrough(kGilLive));
    PresenterWindow *presenter = window.walkthroughController()->presenter();
    QVERIFY(presenter);
    auto *points = presenter->findChild<QLabel *>(QStringLiteral("presenterPoints"));
    QVERIFY(points);
    const qreal desktopPoints = points->font().pointSizeF();

    // Dark and presentation mode after the window was made: its colours and its larger font follow.
    const Appearance projector{.dark = true, .presentation = true};
    window.setAppearance(projector);
    QCOMPARE(presenter->palette().color(QPalette::Window), projector.background());
    QCOMPARE(points->palette().color(QPalette::WindowText), projector.text());
    QVERIFY2(points->font().pointSizeF() > desktopPoints * 1.3,
        qPrintable(QStringLiteral("%1 pt, %2 pt on a desktop").arg(points->font().pointSizeF()).arg(desktopPoints)));
    auto *title = presenter->findChild<QLabel *>(QStringLiteral("presenterTitle"));
    QVERIFY(title);
    QCOMPARE(title->font().pointSizeF(), QApplication::font().pointSizeF()); // the app's, enlarged
    QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest); // laid out in the new font
    if (const QString dir = qEnvironmentVariable("CLAB_SCREENSHOT_DIR"); !dir.isEmpty())
        QVERIFY(presenter->grab().save(dir + QStringLiteral("/presenter-dark.png")));

    window.setAppearance({});
    QCOMPARE(presenter->palette().color(QPalette::Window), Appearance{}.background());
    QCOMPARE(points->font().pointSizeF(), desktopPoints);
    window.walkthrough()->close();
}

// Two offscreen screens side by side: a 1280×800 laptop and a 1024×768 projector.
int main(int argc, char **argv)
{
    QTemporaryDir config;
    const QString path = config.filePath(QStringLiteral("screens.json"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return 1;
    file.write(R"({"screens": [
        {"name": "laptop", "x": 0, "y": 0, "width": 1280, "height": 800, "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1},
        {"name": "projector", "x": 1280, "y": 0, "width": 1024, "height": 768, "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]})");
    file.close();
    qputenv("QT_QPA_PLATFORM", "offscreen:configfile=" + path.toLocal8Bit());
    QApplication app(argc, argv);
    TestPresenter test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_presenter.moc"
