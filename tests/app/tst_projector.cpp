#include "apptestsupport.h"
#include "charts/corebarswidget.h"
#include "charts/speedupchart.h"
#include "charts/timelinewidget.h"
#include "compare/comparepage.h"
#include "compare/sweepcontroller.h"
#include "lab/labpage.h"
#include "lab/predictionwidget.h"
#include "lab/summarywidget.h"
#include "lessons/lessonspage.h"
#include "shell/mainwindow.h"
#include "textrecorder.h"
#include "walkthrough.h"
#include "walkthrough/walkthroughpanel.h"
#include "walkthrough/walkthroughplayer.h"

#include <QAbstractButton>
#include <QApplication>
#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QDir>
#include <QGraphicsScene>
#include <QGraphicsTextItem>
#include <QGroupBox>
#include <QLabel>
#include <QLegend>
#include <QLegendMarker>
#include <QPaintEngine>
#include <QPushButton>
#include <QScrollArea>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextDocument>
#include <QTextItem>

using namespace clab;
using clab::test::TextDevice;
using clab::test::TextRecorder;

// Issue 14, §1: at the sizes of classroom projectors (1280×800 and 1024×768) in presentation mode,
// light and dark, every page shows its essentials whole: no title, legend, axis or control text cut
// short, timeline lanes a back row can read, the Run button and the summary's headline in view, and
// Compare's table with at least five rows. Each screen is saved as a PNG under CLAB_SCREENSHOT_DIR
// when it is set, to be looked at.
class TestProjector : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();
    void everyPageFits_data();
    void everyPageFits();

private:
    void checkScreen(MainWindow &window, const QString &name);
    void runShortened(MainWindow &window, const QString &preset, int tasks, const QString &name);

    QTemporaryDir m_settings;
    QString m_prefix;
    QSize m_size; // the screen's
};

namespace {

constexpr QChar kEllipsis(0x2026);

// The full text of a label as drawn: mnemonic ampersands are not drawn.
QString drawnText(QString text)
{
    text.replace(QStringLiteral("&&"), QStringLiteral("\x01"));
    text.remove(QLatin1Char('&'));
    text.replace(QStringLiteral("\x01"), QStringLiteral("&"));
    return text;
}

// Shown on screen within the window, not scrolled away in a scroll area or hidden under a tab.
bool wholeInView(QWidget *widget, QWidget *window)
{
    if (widget->window() != window || !widget->isVisible())
        return false;
    const QRect inWindow(widget->mapTo(window, QPoint(0, 0)), widget->size());
    if (!window->rect().contains(inWindow))
        return false;
    // Every scroll area around it must show all of it.
    for (QWidget *parent = widget->parentWidget(); parent && parent != window; parent = parent->parentWidget()) {
        if (auto *scroll = qobject_cast<QScrollArea *>(parent); scroll && scroll->viewport()->isAncestorOf(widget)) {
            const QRect inViewport(widget->mapTo(scroll->viewport(), QPoint(0, 0)), widget->size());
            if (!scroll->viewport()->rect().contains(inViewport))
                return false;
        }
    }
    return true;
}

// Visible to the user: shown, with some of it inside the viewports around it.
bool onScreen(QWidget *widget, QWidget *window)
{
    // Menus and dialogs are windows of their own.
    if (widget->window() != window || !widget->isVisible() || widget->width() <= 0 || widget->height() <= 0)
        return false;
    for (QWidget *parent = widget->parentWidget(); parent && parent != window; parent = parent->parentWidget()) {
        if (auto *scroll = qobject_cast<QScrollArea *>(parent); scroll && scroll->viewport()->isAncestorOf(widget)) {
            const QRect inViewport(widget->mapTo(scroll->viewport(), QPoint(0, 0)), widget->size());
            if (!scroll->viewport()->rect().intersects(inViewport))
                return false;
        }
    }
    return true;
}

QString describe(QWidget *widget, const QString &text)
{
    return QStringLiteral("%1 %2 \"%3\" is %4 px wide")
        .arg(QString::fromLatin1(widget->metaObject()->className()), widget->objectName(), text)
        .arg(widget->width());
}

} // namespace

void TestProjector::initTestCase()
{
    test::isolateSettings(m_settings);
}

void TestProjector::cleanup()
{
    applyAppearance({});
}

void TestProjector::everyPageFits_data()
{
    QTest::addColumn<QSize>("size");
    QTest::addColumn<bool>("dark");
    QTest::newRow("1280x800-light") << QSize(1280, 800) << false;
    QTest::newRow("1280x800-dark") << QSize(1280, 800) << true;
    QTest::newRow("1024x768-light") << QSize(1024, 768) << false;
    QTest::newRow("1024x768-dark") << QSize(1024, 768) << true;
}

void TestProjector::checkScreen(MainWindow &window, const QString &name)
{
    // Let the layouts, the charts' scenes and the legends settle.
    for (int i = 0; i < 3; ++i) {
        QApplication::processEvents();
        QTest::qWait(20);
    }
    const QString dir = qEnvironmentVariable("CLAB_SCREENSHOT_DIR");
    if (!dir.isEmpty()) {
        QDir().mkpath(dir);
        QVERIFY(window.grab().save(QDir(dir).filePath(QStringLiteral("%1-%2.png").arg(m_prefix, name))));
    }
    const QString where = m_prefix + QLatin1Char(' ') + name + QStringLiteral(": ");

    // Whatever the window is, it is the size asked for: nothing forces it larger than the screen.
    QVERIFY2(window.width() <= m_size.width() && window.height() <= m_size.height(),
        qPrintable(where + QStringLiteral("window of %1x%2").arg(window.width()).arg(window.height())));

    // Labels that changed their text a moment ago (the status bar's live figures) get their new
    // width with the layout pass already asked for.
    QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
    for (QWidget *widget : window.findChildren<QWidget *>()) {
        if (!onScreen(widget, &window))
            continue;
        if (auto *label = qobject_cast<QLabel *>(widget)) {
            const QString text = label->text();
            if (label->wordWrap() || text.isEmpty() || Qt::mightBeRichText(text) || label->textFormat() == Qt::RichText)
                continue;
            const QString drawn = label->buddy() ? drawnText(text) : text;
            int widest = 0;
            for (const QString &line : drawn.split(QLatin1Char('\n')))
                widest = std::max(widest, label->fontMetrics().horizontalAdvance(line));
            QVERIFY2(widest <= label->contentsRect().width() + 1, qPrintable(where + describe(label, drawn)));
        } else if (auto *button = qobject_cast<QAbstractButton *>(widget)) {
            if (button->text().isEmpty() || button->inherits("QTabBar"))
                continue;
            QVERIFY2(button->width() >= button->minimumSizeHint().width(),
                qPrintable(where + describe(button, button->text())));
        } else if (auto *scroll = qobject_cast<QScrollArea *>(widget);
                   scroll && scroll->widget() && scroll->horizontalScrollBarPolicy() == Qt::ScrollBarAlwaysOff) {
            // With no scroll bar to reach it, content wider than the view is cut at the side. The
            // message names the widest thing inside, which is what to look at.
            QWidget *widest = scroll->widget();
            const int needed = widest->minimumSizeHint().width();
            for (QWidget *inside : scroll->widget()->findChildren<QWidget *>()) {
                if (inside->isVisible() && inside->minimumSizeHint().width() >= needed - 60)
                    widest = inside;
            }
            QVERIFY2(scroll->widget()->width() <= scroll->viewport()->width(),
                qPrintable(where
                    + QStringLiteral("%1 shows %2 of %3 px (%4 %5 needs %6)")
                          .arg(scroll->objectName())
                          .arg(scroll->viewport()->width())
                          .arg(scroll->widget()->width())
                          .arg(QString::fromLatin1(widest->metaObject()->className()), widest->objectName())
                          .arg(widest->minimumSizeHint().width())));
        } else if (auto *box = qobject_cast<QGroupBox *>(widget)) {
            const int title = box->fontMetrics().horizontalAdvance(drawnText(box->title()));
            QVERIFY2(title <= box->width(), qPrintable(where + describe(box, box->title())));
        }
    }

    // Charts: every text drawn in the scene is whole; the title is the chart's own.
    for (QChartView *view : window.findChildren<QChartView *>()) {
        if (!onScreen(view, &window))
            continue;
        QChart *chart = view->chart();
        bool titleSeen = chart->title().isEmpty();
        for (QGraphicsItem *item : view->scene()->items()) {
            auto *text = dynamic_cast<QGraphicsTextItem *>(item);
            if (!text || !text->isVisible())
                continue;
            const QString drawn = text->toPlainText();
            QVERIFY2(!drawn.contains(kEllipsis) && !drawn.contains(QStringLiteral("...")),
                qPrintable(where + view->objectName() + QStringLiteral(" draws \"") + drawn + QLatin1Char('"')));
            if (drawn == chart->title())
                titleSeen = true;
            // Nor does any text run past the chart's edge (a legend row too long for it). The text
            // item's document margin may, a few pixels of nothing.
            const QRectF chartRect = chart->sceneBoundingRect().adjusted(-5, -5, 5, 5);
            QVERIFY2(chartRect.contains(text->sceneBoundingRect()),
                qPrintable(where + view->objectName() + QStringLiteral(" cuts \"") + drawn + QLatin1Char('"')));
        }
        QVERIFY2(titleSeen, qPrintable(where + view->objectName() + QStringLiteral(" title ") + chart->title()));
        // The legend's labels, measured against the legend's width.
        const QFontMetricsF metrics(chart->legend()->font());
        if (chart->legend()->isVisible()) {
            for (QLegendMarker *marker : chart->legend()->markers()) {
                if (!marker->isVisible() || !marker->series()->isVisible())
                    continue;
                QCOMPARE(metrics.elidedText(marker->label(), Qt::ElideRight, chart->legend()->size().width()),
                    marker->label());
            }
        }
    }

    // Custom-painted words (the timeline's labels and axis, the core bars' names and figures) lie
    // whole inside their widget: nothing drawn with QPainter runs past an edge.
    for (QWidget *painted :
        {static_cast<QWidget *>(window.labPage()->timeline()), static_cast<QWidget *>(window.labPage()->coreBars())}) {
        if (!onScreen(painted, &window))
            continue;
        TextDevice device(painted->size());
        painted->render(&device, QPoint(), QRegion(), QWidget::DrawChildren);
        int texts = 0;
        for (const TextRecorder::Text &text : device.texts()) {
            if (text.text.trimmed().isEmpty())
                continue;
            ++texts;
            const QRectF inside = QRectF(painted->rect()).adjusted(-1, -1, 1, 1);
            QVERIFY2(inside.contains(text.rect),
                qPrintable(where + painted->objectName()
                    + QStringLiteral(" paints \"%1\" at %2,%3 %4x%5 in %6x%7")
                          .arg(text.text)
                          .arg(text.rect.x())
                          .arg(text.rect.y())
                          .arg(text.rect.width())
                          .arg(text.rect.height())
                          .arg(painted->width())
                          .arg(painted->height())));
            QVERIFY2(!text.text.contains(kEllipsis), qPrintable(where + text.text));
        }
        QVERIFY2(texts > 0, qPrintable(where + painted->objectName() + QStringLiteral(" painted no text")));
    }

    LabPage *lab = window.labPage();
    if (window.pages()->currentWidget() == lab) {
        QVERIFY2(wholeInView(lab->runButton(), &window), qPrintable(where + QStringLiteral("Run button out of view")));
        QVERIFY2(onScreen(lab->predictionWidget(), &window), qPrintable(where + QStringLiteral("prediction hidden")));
        for (const char *key : {"summary_speedup", "summary_throughput", "summary_wall"}) {
            auto *value = lab->summary()->findChild<QLabel *>(QLatin1String(key));
            QVERIFY(value);
            QVERIFY2(
                wholeInView(value, &window), qPrintable(where + QLatin1String(key) + QStringLiteral(" out of view")));
        }
        TimelineWidget *timeline = lab->timeline();
        if (timeline->laneCount() > 0) {
            QVERIFY2(timeline->laneHeight() >= TimelineWidget::kMinLaneHeight,
                qPrintable(where + QStringLiteral("lanes of %1 px").arg(timeline->laneHeight())));
            if (window.height() >= 800)
                QVERIFY2(timeline->lanesShown() >= std::min(8, timeline->laneCount()),
                    qPrintable(where
                        + QStringLiteral("%1 of %2 lanes").arg(timeline->lanesShown()).arg(timeline->laneCount())));
        }
    }
    if (window.pages()->currentWidget() == window.comparePage()) {
        QTableView *table = window.comparePage()->table();
        const int rows = table->model()->rowCount();
        QVERIFY2(rows >= 5, qPrintable(where + QStringLiteral("%1 runs").arg(rows)));
        int whole = 0;
        for (int row = 0; row < rows; ++row) {
            const QRect cell = table->visualRect(table->model()->index(row, 0));
            if (table->viewport()->rect().contains(cell))
                ++whole;
        }
        QVERIFY2(whole >= 5, qPrintable(where + QStringLiteral("%1 rows in view").arg(whole)));
        QWidget *speedup = window.comparePage()->speedupChart();
        QVERIFY2(wholeInView(speedup, &window), qPrintable(where + QStringLiteral("speedup chart out of view")));
    }
}

void TestProjector::runShortened(MainWindow &window, const QString &preset, int tasks, const QString &name)
{
    LabPage *lab = window.labPage();
    QVERIFY(lab->loadPreset(preset));
    RunConfig config = lab->configFromControls();
    config.tasks = tasks;
    lab->setControls(config);
    QVERIFY2(lab->startRun(), qPrintable(lab->validationMessage()));
    // Mid-run: the timeline has its lanes (or the run is already over on a fast machine).
    QTRY_VERIFY_WITH_TIMEOUT(lab->timeline()->laneCount() > 0 || !window.controller()->isBusy(), 60000);
    checkScreen(window, name + QStringLiteral("-running"));
    if (QTest::currentTestFailed())
        return;
    QTRY_VERIFY_WITH_TIMEOUT(!window.controller()->isBusy(), 120000);
    checkScreen(window, name + QStringLiteral("-finished"));
}

void TestProjector::everyPageFits()
{
    QFETCH(QSize, size);
    QFETCH(bool, dark);
    m_size = size;
    m_prefix = QStringLiteral("%1x%2-%3")
                   .arg(size.width())
                   .arg(size.height())
                   .arg(dark ? QStringLiteral("dark") : QStringLiteral("light"));

    MainWindow window;
    window.setAppearance({.dark = dark, .presentation = true});
    window.resize(size);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTRY_COMPARE(window.size(), size);

    window.pages()->setCurrentWidget(window.labPage());
    QVERIFY(window.labPage()->loadPreset(QStringLiteral("cpu-threads-2-modern")));
    checkScreen(window, QStringLiteral("lab-idle"));
    if (QTest::currentTestFailed())
        return;
    window.labPage()->showPythonTab();
    checkScreen(window, QStringLiteral("lab-python"));
    if (QTest::currentTestFailed())
        return;
    for (const auto &[preset, name] : {std::pair{"cpu-threads-2-modern", "lab-threads"},
             std::pair{"cpu-processes-4", "lab-processes"}, std::pair{"convoy-sleep-hog-5ms", "lab-convoy"}}) {
        runShortened(window, QLatin1String(preset), 60, QLatin1String(name));
        if (QTest::currentTestFailed())
            return;
    }

    // Compare after a small sweep of the Lab's (threads) workload.
    QVERIFY(window.labPage()->loadPreset(QStringLiteral("cpu-threads-2-modern")));
    RunConfig config = window.labPage()->configFromControls();
    config.tasks = 40;
    window.labPage()->setControls(config);
    window.pages()->setCurrentWidget(window.comparePage());
    QVERIFY2(window.comparePage()->startSweep({ExecutionModel::Threads}, {GilPolicy::Modern}, 3),
        qPrintable(window.comparePage()->sweepMessage()));
    QTRY_VERIFY_WITH_TIMEOUT(!window.comparePage()->sweepController()->isBusy(), 120000);
    checkScreen(window, QStringLiteral("compare"));
    if (QTest::currentTestFailed())
        return;

    QVERIFY(window.lessonsPage()->showLesson(QStringLiteral("gil")));
    window.pages()->setCurrentWidget(window.lessonsPage());
    checkScreen(window, QStringLiteral("lesson"));
    if (QTest::currentTestFailed())
        return;

    QVERIFY(window.openWalkthrough(QStringLiteral(":/lessons/walkthroughs/gil-live.json")));
    checkScreen(window, QStringLiteral("walkthrough"));
    if (QTest::currentTestFailed())
        return;

    // A step with an experiment, opened in the Lab from the presenter strip, which stays above it:
    // the Lab's essentials still fit below the strip, before and after the step's run.
    WalkthroughPlayer *player = window.walkthrough();
    int labStep = -1;
    for (int i = 0; i < player->stepCount() && labStep < 0; ++i) {
        if (!player->walkthrough().steps[static_cast<std::size_t>(i)].preset.empty())
            labStep = i;
    }
    QVERIFY(labStep >= 0);
    QVERIFY(player->goToStep(labStep));
    auto *openLab = window.findChild<QPushButton *>(QStringLiteral("walkthroughLab"));
    QVERIFY(openLab);
    openLab->click();
    QCOMPARE(window.pages()->currentWidget(), window.labPage());
    // On a projector the strip is compact: two rows of buttons, the talking points folded (the
    // presenter view or the tick box has them), and the Lab below shows a worker lane.
    auto *panel = window.findChild<WalkthroughPanel *>(QStringLiteral("walkthroughPanel"));
    QVERIFY(panel);
    QVERIFY(panel->isCompact());
    QVERIFY(!panel->pointsCheck()->isChecked());
    QVERIFY(window.labPage()->timeline()->lanesShown() > 0);
    checkScreen(window, QStringLiteral("walkthrough-lab"));
    if (QTest::currentTestFailed())
        return;
    RunConfig stepConfig = window.labPage()->configFromControls();
    stepConfig.tasks = 60;
    window.labPage()->setControls(stepConfig);
    QVERIFY2(window.labPage()->startRun(), qPrintable(window.labPage()->validationMessage()));
    QTRY_VERIFY_WITH_TIMEOUT(!window.controller()->isBusy(), 120000);
    checkScreen(window, QStringLiteral("walkthrough-lab-finished"));
    player->close();
}

QTEST_MAIN(TestProjector)
#include "tst_projector.moc"
