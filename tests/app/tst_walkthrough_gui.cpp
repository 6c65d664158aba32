#include "apptestsupport.h"
#include "lab/labpage.h"
#include "lab/runcontroller.h"
#include "lessons/embeddedcontent.h"
#include "lessons/lessonspage.h"
#include "shell/launchoptions.h"
#include "shell/mainwindow.h"
#include "walkthrough/walkthroughcontroller.h"
#include "walkthrough/walkthroughpanel.h"
#include "walkthrough/walkthroughplayer.h"

#include <QAbstractTextDocumentLayout>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QFile>
#include <QFileInfo>
#include <QFontDatabase>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStatusBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTextBrowser>
#include <QTextEdit>

using namespace clab;

namespace {

const QString kGilLive = QStringLiteral(":/lessons/walkthroughs/gil-live.json");

// The values of every field of a config, in order: what the Lab holds compared field by field.
QStringList fieldValues(const RunConfig &config)
{
    QStringList values;
    for (const ConfigField &field : fields(config))
        values << QString::fromStdString(field.key + "=" + field.value);
    return values;
}

// A valid walkthrough of two steps; the malformed files below each break one thing of it.
std::string twoStepWalkthrough()
{
    return R"({
  "format": "concurrency-lab-walkthrough", "version": 1, "id": "two", "title": "Two steps",
  "duration_min": 5,
  "steps": [
    {"title": "First", "lesson": "gil", "section": "", "preset": "", "minutes": 2,
     "talking_points": ["One"]},
    {"title": "Second", "lesson": "threads", "section": "", "preset": "cpu-threads-2-modern", "minutes": 3,
     "talking_points": ["Two"]}
  ]
})";
}

QString writeFile(const QTemporaryDir &dir, const QString &name, const std::string &text)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(text.data(), static_cast<qint64>(text.size())) < 0)
        return {};
    return path;
}

QMessageBox *walkthroughMessage(const MainWindow &window)
{
    return window.findChild<QMessageBox *>(QStringLiteral("walkthroughMessage"));
}

} // namespace

class TestWalkthroughGui : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void menuListsTheBuiltIns();
    void nextAndPreviousStopAtTheEnds();
    void eachStepShowsItsLessonAndPreset_data();
    void eachStepShowsItsLessonAndPreset();
    void stepOpensItsSection();
    void panelShowsTheStep();
    void afterRunPointsWaitForTheRun();
    void malformedFileIsRefused_data();
    void malformedFileIsRefused();
    void refusedWhenNoneIsOpen();
    void saveAsRoundTrips();
    void saveAsFailureSaysWhy();
    void pageDownAdvancesWhenActive();
    void textFieldKeepsPageKeys();
    void presentationModeIsOfferedNotForced();
    void runInProgressKeepsTheLab();
    void launchOptions();
    void everyPanelControlIsNamedAndReachable();

private:
    QTemporaryDir m_settings;
    QTemporaryDir m_files;
};

void TestWalkthroughGui::initTestCase()
{
    test::isolateSettings(m_settings);
    QVERIFY(!QFontDatabase::families().isEmpty());
    QVERIFY(m_files.isValid());
    QCOMPARE(embeddedWalkthroughs().size(), 3);
}

void TestWalkthroughGui::menuListsTheBuiltIns()
{
    MainWindow window;
    auto *menu = window.findChild<QMenu *>(QStringLiteral("walkthroughMenu"));
    QVERIFY(menu);
    QStringList texts;
    for (QAction *action : menu->actions())
        texts << action->text();
    QVERIFY2(
        texts.contains(QStringLiteral("Concurrency against parallelism in 30 minutes")), qPrintable(texts.join(u'|')));
    QVERIFY2(texts.contains(QStringLiteral("The GIL, live")), qPrintable(texts.join(u'|')));
    QVERIFY2(texts.contains(QStringLiteral("Races and deadlocks, live")), qPrintable(texts.join(u'|')));
    for (const QString &text : {QStringLiteral("&Open…"), QStringLiteral("Save &As…"), QStringLiteral("&Next step"),
             QStringLiteral("&Previous step"), QStringLiteral("&Close walkthrough")})
        QVERIFY2(texts.contains(text), qPrintable(text));
    // Between View and Help in the menu bar.
    const QList<QAction *> bar = window.menuBar()->actions();
    QCOMPARE(bar.at(bar.size() - 2)->menu(), menu);

    // Without a walkthrough, stepping and saving are off, so Page Up/Down keep their usual meaning.
    for (QAction *action : menu->actions()) {
        if (action->text() == QLatin1String("&Next step") || action->text() == QLatin1String("Save &As…"))
            QVERIFY(!action->isEnabled());
    }
    QVERIFY(window.walkthroughPanel()->isHidden());

    for (QAction *action : menu->actions()) {
        if (action->text() == QLatin1String("The GIL, live"))
            action->trigger();
    }
    QVERIFY(window.walkthrough()->isOpen());
    QCOMPARE(QString::fromStdString(window.walkthrough()->walkthrough().title), QStringLiteral("The GIL, live"));
    QCOMPARE(window.walkthrough()->currentIndex(), 0);
    QVERIFY(!window.walkthroughPanel()->isHidden());
}

void TestWalkthroughGui::nextAndPreviousStopAtTheEnds()
{
    MainWindow window;
    WalkthroughPlayer *player = window.walkthrough();
    WalkthroughPanel *panel = window.walkthroughPanel();
    QVERIFY(window.openWalkthrough(kGilLive));
    const int count = player->stepCount();
    QCOMPARE(count, 9);
    QSignalSpy steps(player, &WalkthroughPlayer::stepChanged);

    QVERIFY(!panel->previousButton()->isEnabled());
    QVERIFY(!player->previous());
    QCOMPARE(player->currentIndex(), 0);
    QCOMPARE(steps.count(), 0);

    for (int i = 1; i < count; ++i) {
        QVERIFY(panel->nextButton()->isEnabled());
        QTest::mouseClick(panel->nextButton(), Qt::LeftButton);
        QCOMPARE(player->currentIndex(), i);
        QCOMPARE(steps.count(), i);
        QCOMPARE(steps.last().at(0).toInt(), i);
    }
    QVERIFY(!panel->nextButton()->isEnabled());
    QVERIFY(!player->next());
    QCOMPARE(player->currentIndex(), count - 1);
    QCOMPARE(steps.count(), count - 1);

    QTest::mouseClick(panel->previousButton(), Qt::LeftButton);
    QCOMPARE(player->currentIndex(), count - 2);
    QVERIFY(player->goToStep(0));
    QVERIFY(!player->goToStep(count));
    QVERIFY(!player->goToStep(-1));
    QCOMPARE(player->currentIndex(), 0);

    QTest::mouseClick(panel->closeButton(), Qt::LeftButton);
    QVERIFY(!player->isOpen());
    QCOMPARE(player->currentIndex(), -1);
    QVERIFY(!player->next());
    QVERIFY(panel->isHidden());
}

void TestWalkthroughGui::eachStepShowsItsLessonAndPreset_data()
{
    QTest::addColumn<QString>("path");
    for (const QString &path : embeddedWalkthroughs())
        QTest::newRow(qPrintable(path.section(u'/', -1))) << path;
}

void TestWalkthroughGui::eachStepShowsItsLessonAndPreset()
{
    QFETCH(QString, path);
    MainWindow window;
    QVERIFY(window.openWalkthrough(path));
    WalkthroughPlayer *player = window.walkthrough();
    QVERIFY(player->stepCount() >= 5);
    QString lastPreset;
    for (int i = 0; i < player->stepCount(); ++i) {
        if (i > 0)
            QVERIFY(player->next());
        const WalkthroughStep &step = *player->currentStep();
        const QString where = QStringLiteral("step %1 (%2)").arg(i + 1).arg(QString::fromStdString(step.title));
        QVERIFY2(window.pages()->currentWidget() == window.lessonsPage(), qPrintable(where));
        QCOMPARE(window.lessonsPage()->currentLessonId(), QString::fromStdString(step.lesson));
        if (!step.preset.empty())
            lastPreset = QString::fromStdString(step.preset);
        // A step without a preset leaves the Lab with the last one loaded.
        if (!lastPreset.isEmpty()) {
            QCOMPARE(window.labPage()->currentPresetId(), lastPreset);
            const Preset *preset = embeddedPresets().find(lastPreset.toStdString());
            QVERIFY2(preset, qPrintable(lastPreset));
            QCOMPARE(fieldValues(window.labPage()->configFromControls()), fieldValues(preset->config));
        }
        // Stepping never starts a run.
        QVERIFY2(!window.controller()->isBusy(), qPrintable(where));
    }
    QVERIFY(!lastPreset.isEmpty());

    // Open in Lab shows the Lab with the step's experiment; Show lesson goes back.
    QVERIFY(player->goToStep(2));
    WalkthroughPanel *panel = window.walkthroughPanel();
    QVERIFY(panel->labButton()->isEnabled());
    QTest::mouseClick(panel->labButton(), Qt::LeftButton);
    QCOMPARE(window.pages()->currentWidget(), window.labPage());
    QCOMPARE(window.labPage()->currentPresetId(), QString::fromStdString(player->currentStep()->preset));
    QTest::mouseClick(panel->lessonButton(), Qt::LeftButton);
    QCOMPARE(window.pages()->currentWidget(), window.lessonsPage());
}

// A step opens its lesson scrolled to its section: the heading is at the top of the view.
void TestWalkthroughGui::stepOpensItsSection()
{
    MainWindow window;
    window.resize(1400, 900);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.openWalkthrough(kGilLive));
    WalkthroughPlayer *player = window.walkthrough();
    auto *scroll = window.lessonsPage()->findChild<QScrollArea *>(QStringLiteral("lessonScroll"));
    QVERIFY(scroll);
    for (int i = 0; i < player->stepCount(); ++i) {
        if (i > 0)
            QVERIFY(player->next());
        const WalkthroughStep &step = *player->currentStep();
        QVERIFY(!step.section.empty());
        const QString heading = QString::fromStdString(step.section);
        QTRY_VERIFY2(scroll->verticalScrollBar()->value() > 0, qPrintable(heading));
        auto *text = window.lessonsPage()->findChild<QTextEdit *>(QStringLiteral("lessonText"));
        QVERIFY(text);
        std::optional<int> top;
        for (QTextBlock block = text->document()->begin(); block.isValid(); block = block.next()) {
            if (block.blockFormat().headingLevel() == 2 && block.text() == heading) {
                const QRectF rect = text->document()->documentLayout()->blockBoundingRect(block);
                top = text->viewport()->mapTo(scroll->viewport(), QPoint(0, static_cast<int>(rect.top()))).y();
            }
        }
        QVERIFY2(top, qPrintable(heading));
        const bool atTop = *top >= -2 && *top <= 24;
        const bool atEnd = scroll->verticalScrollBar()->value() == scroll->verticalScrollBar()->maximum() && *top > 0
            && *top < scroll->viewport()->height();
        QVERIFY2(atTop || atEnd, qPrintable(QStringLiteral("%1 at %2").arg(heading).arg(*top)));
    }
}

void TestWalkthroughGui::panelShowsTheStep()
{
    MainWindow window;
    QVERIFY(window.openWalkthrough(kGilLive));
    QVERIFY(window.walkthrough()->goToStep(2));
    const WalkthroughPanel *panel = window.walkthroughPanel();
    const auto text
        = [panel](const char *name) { return panel->findChild<QLabel *>(QString::fromLatin1(name))->text(); };
    QCOMPARE(text("walkthroughTitle"), QStringLiteral("Walkthrough: The GIL, live"));
    QCOMPARE(text("walkthroughStep"), QStringLiteral("Step 3 of 9 · Two CPU-bound threads"));
    const QString where = text("walkthroughWhere");
    QVERIFY2(where.contains(QStringLiteral("The GIL › What it costs")), qPrintable(where));
    const Preset *preset = embeddedPresets().find("cpu-threads-2-modern");
    QVERIFY2(where.contains(QString::fromStdString(preset->title)), qPrintable(where));
    const QString timing = text("walkthroughTiming");
    QVERIFY2(timing.startsWith(QStringLiteral("5 min planned · 0:0")), qPrintable(timing));
    QVERIFY2(timing.endsWith(QStringLiteral("of 45 min in all")), qPrintable(timing));
    const QString points = text("walkthroughPoints");
    for (const std::string &point : window.walkthrough()->currentStep()->talkingPoints)
        QVERIFY2(points.contains(QString::fromStdString(point).toHtmlEscaped()), point.c_str());

    // The talking points fold away to give the Lab room, and come back.
    auto *pointsLabel = panel->findChild<QLabel *>(QStringLiteral("walkthroughPoints"));
    QVERIFY(!pointsLabel->isHidden());
    panel->pointsCheck()->setChecked(false);
    QVERIFY(pointsLabel->isHidden());
    QVERIFY(window.walkthrough()->next());
    QVERIFY(pointsLabel->isHidden());
    panel->pointsCheck()->setChecked(true);
    QVERIFY(!pointsLabel->isHidden());
}

// What would give a step's result away shows only once the step's experiment has run, so the
// projector does not answer before the class has predicted; the next step hides its own again.
void TestWalkthroughGui::afterRunPointsWaitForTheRun()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.openWalkthrough(kGilLive));
    QVERIFY(window.walkthrough()->goToStep(2));
    const WalkthroughStep step = *window.walkthrough()->currentStep();
    QVERIFY(!step.afterRun.empty());
    const WalkthroughPanel *panel = window.walkthroughPanel();
    auto points = [panel] { return panel->findChild<QLabel *>(QStringLiteral("walkthroughPoints"))->text(); };
    for (const std::string &point : step.afterRun)
        QVERIFY2(!points().contains(QString::fromStdString(point).toHtmlEscaped()), point.c_str());
    QVERIFY2(points().contains(QStringLiteral("after the run")), qPrintable(points()));

    panel->labButton()->click();
    QCOMPARE(window.labPage()->currentPresetId(), QString::fromStdString(step.preset));
    RunConfig config = window.labPage()->configFromControls();
    config.tasks = 4;
    config.cpuSteps = 200;
    window.labPage()->setControls(config);
    window.labPage()->setPresetSelection(QString::fromStdString(step.preset)); // a shortened run of it
    QVERIFY(window.labPage()->startRun());
    QTRY_VERIFY_WITH_TIMEOUT(!window.controller()->isBusy(), 30000);
    QVERIFY(panel->isAfterRunShown());
    for (const std::string &point : step.afterRun)
        QVERIFY2(points().contains(QString::fromStdString(point).toHtmlEscaped()), point.c_str());

    QVERIFY(window.walkthrough()->next());
    QVERIFY(!panel->isAfterRunShown());
    for (const std::string &point : window.walkthrough()->currentStep()->afterRun)
        QVERIFY2(!points().contains(QString::fromStdString(point).toHtmlEscaped()), point.c_str());

    // With one screen there is no presenter window; the reveal key shows the answers early.
    QVERIFY(!window.walkthroughController()->presenter());
    QAction *reveal = nullptr;
    for (QAction *action : window.findChildren<QAction *>()) {
        if (action->shortcut() == QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A))
            reveal = action;
    }
    QVERIFY(reveal && reveal->isEnabled());
    reveal->trigger();
    QVERIFY(panel->isAfterRunShown());
    QVERIFY(!reveal->isEnabled());
    for (const std::string &point : window.walkthrough()->currentStep()->afterRun)
        QVERIFY2(points().contains(QString::fromStdString(point).toHtmlEscaped()), point.c_str());
}

void TestWalkthroughGui::malformedFileIsRefused_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("where");
    const std::string good = twoStepWalkthrough();
    auto replaced = [&good](const std::string &from, const std::string &to) {
        std::string text = good;
        text.replace(text.find(from), from.size(), to);
        return QByteArray::fromStdString(text);
    };
    QTest::newRow("bad JSON") << QByteArray::fromStdString(good.substr(0, good.size() / 2)) << QStringLiteral("line ");
    QTest::newRow("unknown preset") << replaced("cpu-threads-2-modern", "no-such-preset")
                                    << QStringLiteral("step 2 (\"Second\"): preset 'no-such-preset' does not exist");
    QTest::newRow("unknown lesson") << replaced("\"lesson\": \"gil\"", "\"lesson\": \"nope\"")
                                    << QStringLiteral("step 1 (\"First\"): lesson 'nope' does not exist");
    QTest::newRow("empty steps") << QByteArray(R"({"format": "concurrency-lab-walkthrough", "version": 1,
        "id": "e", "title": "E", "duration_min": 1, "steps": []})")
                                 << QStringLiteral("steps: missing, or not a non-empty array");
    QTest::newRow("not a walkthrough") << QByteArray("[1, 2, 3]") << QStringLiteral("one JSON object");
}

void TestWalkthroughGui::malformedFileIsRefused()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, where);
    // The good file really opens: what the bad rows change is what makes them fail.
    {
        WalkthroughPlayer player(embeddedLessons(), embeddedPresets());
        QVERIFY(player.open(twoStepWalkthrough(), QStringLiteral("good")).isEmpty());
    }
    const QString path = writeFile(m_files, QStringLiteral("bad.json"), text.toStdString());
    QVERIFY(!path.isEmpty());

    MainWindow window;
    QVERIFY(window.openWalkthrough(kGilLive));
    QVERIFY(window.walkthrough()->goToStep(2));
    const std::string json = window.walkthrough()->walkthrough().toJson();
    const QString lesson = window.lessonsPage()->currentLessonId();
    const QStringList config = fieldValues(window.labPage()->configFromControls());
    const QString step = window.walkthroughPanel()->findChild<QLabel *>(QStringLiteral("walkthroughStep"))->text();
    QSignalSpy steps(window.walkthrough(), &WalkthroughPlayer::stepChanged);

    QVERIFY(!window.openWalkthrough(path));

    QMessageBox *box = walkthroughMessage(window);
    QVERIFY(box);
    QVERIFY(box->isVisible());
    QVERIFY2(box->text().contains(QStringLiteral("bad.json")), qPrintable(box->text()));
    QVERIFY2(box->text().contains(QStringLiteral("stays open")), qPrintable(box->text()));
    QVERIFY2(box->informativeText().contains(where), qPrintable(box->informativeText()));
    // Nothing changed: the walkthrough, its step, the lesson, the Lab and the panel.
    QCOMPARE(steps.count(), 0);
    QCOMPARE(window.walkthrough()->walkthrough().toJson(), json);
    QCOMPARE(window.walkthrough()->currentIndex(), 2);
    QCOMPARE(window.walkthrough()->source(), kGilLive);
    QCOMPARE(window.lessonsPage()->currentLessonId(), lesson);
    QCOMPARE(fieldValues(window.labPage()->configFromControls()), config);
    QCOMPARE(window.walkthroughPanel()->findChild<QLabel *>(QStringLiteral("walkthroughStep"))->text(), step);
    box->accept();
}

void TestWalkthroughGui::refusedWhenNoneIsOpen()
{
    MainWindow window;
    const QString missing = m_files.filePath(QStringLiteral("missing.json"));
    QVERIFY(!window.openWalkthrough(missing));
    QMessageBox *box = walkthroughMessage(window);
    QVERIFY(box);
    QVERIFY2(box->text().contains(QStringLiteral("nothing was opened")), qPrintable(box->text()));
    QVERIFY2(box->informativeText().contains(missing + QStringLiteral(": cannot be read")),
        qPrintable(box->informativeText()));
    QVERIFY(!window.walkthrough()->isOpen());
    QVERIFY(window.walkthroughPanel()->isHidden());
    box->accept();

    // Too large to be a walkthrough: refused before it is parsed.
    const QString big = writeFile(m_files, QStringLiteral("big.json"),
        std::string(static_cast<std::size_t>(WalkthroughPlayer::kMaxFileBytes) + 1, ' '));
    const QStringList errors = window.walkthrough()->openFile(big);
    QCOMPARE(errors.size(), 1);
    QVERIFY2(errors.front().contains(QStringLiteral("too large")), qPrintable(errors.front()));
    QVERIFY(!window.walkthrough()->isOpen());

    // A device that says it is empty and never ends: refused once past the limit, not read for ever.
    const QStringList zero = window.walkthrough()->openFile(QStringLiteral("/dev/zero"));
    QCOMPARE(zero.size(), 1);
    QVERIFY2(zero.front().contains(QStringLiteral("/dev/zero: too large")), qPrintable(zero.front()));
    QVERIFY(!window.walkthrough()->isOpen());
}

void TestWalkthroughGui::saveAsRoundTrips()
{
    MainWindow window;
    QVERIFY(window.openWalkthrough(kGilLive));
    const QString path = m_files.filePath(QStringLiteral("saved.json"));
    QVERIFY(window.saveWalkthroughAs(path));
    QVERIFY(!walkthroughMessage(window));

    const WalkthroughParse back = parseWalkthrough(readAll(path), embeddedLessons(), embeddedPresets());
    QVERIFY2(back.ok(), back.errors.empty() ? "" : back.errors.front().c_str());
    const Walkthrough &original = window.walkthrough()->walkthrough();
    QCOMPARE(back.walkthrough.id, original.id);
    QCOMPARE(back.walkthrough.title, original.title);
    QCOMPARE(back.walkthrough.durationMin, original.durationMin);
    QCOMPARE(back.walkthrough.steps.size(), original.steps.size());
    for (std::size_t i = 0; i < original.steps.size(); ++i) {
        const WalkthroughStep &a = original.steps[i];
        const WalkthroughStep &b = back.walkthrough.steps[i];
        QCOMPARE(b.title, a.title);
        QCOMPARE(b.lesson, a.lesson);
        QCOMPARE(b.section, a.section);
        QCOMPARE(b.preset, a.preset);
        QCOMPARE(b.minutes, a.minutes);
        QCOMPARE(b.talkingPoints, a.talkingPoints);
    }

    // The saved file opens in another window, at its first step.
    MainWindow other;
    QVERIFY(other.openWalkthrough(path));
    QCOMPARE(other.walkthrough()->walkthrough().toJson(), original.toJson());
    QCOMPARE(other.walkthrough()->currentIndex(), 0);
}

void TestWalkthroughGui::saveAsFailureSaysWhy()
{
    MainWindow window;
    QVERIFY(window.walkthrough()
                ->saveAs(m_files.filePath(QStringLiteral("none.json")))
                .contains(QStringLiteral("no walkthrough")));
    QVERIFY(window.openWalkthrough(kGilLive));
    // Into a "folder" that is a file: refused, with the path and the reason, and the file untouched.
    const QString file = writeFile(m_files, QStringLiteral("plain.json"), "keep me");
    const QString inside = file + QStringLiteral("/w.json");
    QVERIFY(!window.saveWalkthroughAs(inside));
    QMessageBox *box = walkthroughMessage(window);
    QVERIFY(box);
    QCOMPARE(box->text(), QStringLiteral("The walkthrough was not saved."));
    QVERIFY2(
        box->informativeText().contains(inside) && box->informativeText().contains(QStringLiteral("Not a directory")),
        qPrintable(box->informativeText()));
    QCOMPARE(readAll(file), std::string("keep me"));
    box->accept();

    // Onto a folder.
    QVERIFY(window.walkthrough()->saveAs(m_files.path()).contains(QStringLiteral("it is a folder")));
    QVERIFY(QFileInfo(m_files.path()).isDir());
}

void TestWalkthroughGui::pageDownAdvancesWhenActive()
{
    MainWindow window;
    window.show();
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QVERIFY(window.openWalkthrough(kGilLive));
    WalkthroughPlayer *player = window.walkthrough();

    // From the read-only lesson text, where a class's clicker leaves focus after a click.
    auto *lessonText = window.lessonsPage()->findChild<QTextBrowser *>(QStringLiteral("lessonText"));
    lessonText->setFocus();
    QTRY_COMPARE(QApplication::focusWidget(), lessonText);
    QTest::keyClick(lessonText, Qt::Key_PageDown);
    QCOMPARE(player->currentIndex(), 1);
    QTest::keyClick(lessonText, Qt::Key_PageDown);
    QCOMPARE(player->currentIndex(), 2);
    QTest::keyClick(lessonText, Qt::Key_PageUp);
    QCOMPARE(player->currentIndex(), 1);

    // From a button of the panel.
    window.walkthroughPanel()->nextButton()->setFocus();
    QTest::keyClick(window.walkthroughPanel()->nextButton(), Qt::Key_PageDown);
    QCOMPARE(player->currentIndex(), 2);

    // At the last step Page Down changes nothing; at the first, Page Up.
    QVERIFY(player->goToStep(player->stepCount() - 1));
    QTest::keyClick(lessonText, Qt::Key_PageDown);
    QCOMPARE(player->currentIndex(), player->stepCount() - 1);
    QVERIFY(player->goToStep(0));
    QTest::keyClick(lessonText, Qt::Key_PageUp);
    QCOMPARE(player->currentIndex(), 0);

    // Closed, Page Down is the lesson's own again and steps nothing.
    player->close();
    QTest::keyClick(lessonText, Qt::Key_PageDown);
    QVERIFY(!player->isOpen());
}

void TestWalkthroughGui::textFieldKeepsPageKeys()
{
    MainWindow window;
    window.show();
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QVERIFY(window.openWalkthrough(kGilLive));
    WalkthroughPlayer *player = window.walkthrough();
    QVERIFY(player->goToStep(1));
    window.pages()->setCurrentWidget(window.labPage());
    auto *workers = window.labPage()->findChild<QSpinBox *>(QStringLiteral("workersSpin"));
    QVERIFY(workers);
    workers->setValue(2);
    workers->setFocus();
    QTRY_VERIFY(workers->hasFocus());
    QVERIFY(WalkthroughPanel::keepsPageKeys(QApplication::focusWidget()));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_PageUp);
    QCOMPARE(player->currentIndex(), 1); // not stepped back
    QCOMPARE(workers->value(), 2 + 10); // the spin box's own page step

    QVERIFY(!WalkthroughPanel::keepsPageKeys(window.lessonsPage()->findChild<QTextBrowser *>()));
    QVERIFY(!WalkthroughPanel::keepsPageKeys(window.walkthroughPanel()->nextButton()));
    QVERIFY(!WalkthroughPanel::keepsPageKeys(nullptr));
}

void TestWalkthroughGui::presentationModeIsOfferedNotForced()
{
    MainWindow window;
    window.setAppearance({.dark = true, .presentation = false});
    QVERIFY(window.openWalkthrough(kGilLive));
    QVERIFY(!window.appearance().presentation);
    QCheckBox *offer = window.walkthroughPanel()->presentationCheck();
    QVERIFY(!offer->isChecked());
    const qreal normal = QApplication::font().pointSizeF();
    offer->click();
    QVERIFY(window.appearance().presentation);
    QVERIFY(window.appearance().dark);
    QVERIFY(QApplication::font().pointSizeF() > normal * 1.3);
    // The talking points read larger than the controls in presentation mode.
    auto *points = window.walkthroughPanel()->findChild<QLabel *>(QStringLiteral("walkthroughPoints"));
    QVERIFY(points->font().pointSizeF() > QApplication::font().pointSizeF());
    // The View menu's switch and the panel's stay in step.
    window.setAppearance({});
    QVERIFY(!offer->isChecked());
}

void TestWalkthroughGui::runInProgressKeepsTheLab()
{
    MainWindow window;
    QVERIFY(window.openWalkthrough(kGilLive));
    WalkthroughPlayer *player = window.walkthrough();
    QVERIFY(player->goToStep(1)); // cpu-threads-1
    const QString running = window.labPage()->currentPresetId();
    QVERIFY(!running.isEmpty());
    RunConfig config = window.labPage()->configFromControls();
    config.tasks = 100000; // long enough to still be going when we step
    window.labPage()->setControls(config);
    QSignalSpy busy(window.controller(), &RunController::busyChanged);
    QVERIFY(window.labPage()->startRun());
    QVERIFY(window.controller()->isBusy());

    QVERIFY(player->next()); // a step with another preset
    const QString wanted = QString::fromStdString(player->currentStep()->preset);
    QVERIFY(!wanted.isEmpty() && wanted != running);
    QCOMPARE(window.labPage()->currentPresetId(), running);
    QVERIFY2(window.statusBar()->currentMessage().contains(QStringLiteral("Open in Lab")),
        qPrintable(window.statusBar()->currentMessage()));

    window.labPage()->stopRun();
    QTRY_VERIFY_WITH_TIMEOUT(!window.controller()->isBusy(), 30000);
    QTest::mouseClick(window.walkthroughPanel()->labButton(), Qt::LeftButton);
    QCOMPARE(window.pages()->currentWidget(), window.labPage());
    QCOMPARE(window.labPage()->currentPresetId(), wanted);
}

void TestWalkthroughGui::launchOptions()
{
    const QString program = QStringLiteral("concurrency-lab");
    LaunchOptions options = parseLaunchOptions({program, QStringLiteral("--walkthrough"), QStringLiteral("gil-live"),
        QStringLiteral("--step"), QStringLiteral("4")});
    QVERIFY2(options.error.isEmpty(), qPrintable(options.error));
    QCOMPARE(options.walkthrough, QStringLiteral("gil-live"));
    QCOMPARE(options.walkthroughStep, 4);
    QVERIFY(parseLaunchOptions(
        {program, QStringLiteral("--walkthrough"), QStringLiteral("x"), QStringLiteral("--step"), QStringLiteral("0")})
                .error.startsWith(QStringLiteral("step: ")));
    QCOMPARE(parseLaunchOptions({program, QStringLiteral("--step"), QStringLiteral("2")}).error,
        QStringLiteral("step: needs --walkthrough"));

    {
        MainWindow window;
        window.applyLaunchOptions(options);
        QCOMPARE(window.exitCode(), 0);
        QCOMPARE(QString::fromStdString(window.walkthrough()->walkthrough().id), QStringLiteral("gil-live"));
        QCOMPARE(window.walkthrough()->currentIndex(), 3);
    }
    {
        // A file path works as well as an id.
        const QString path = writeFile(m_files, QStringLiteral("two.json"), twoStepWalkthrough());
        MainWindow window;
        LaunchOptions fromFile;
        fromFile.walkthrough = path;
        fromFile.walkthroughStep = 2;
        window.applyLaunchOptions(fromFile);
        QCOMPARE(window.exitCode(), 0);
        QCOMPARE(window.walkthrough()->source(), path);
        QCOMPARE(window.walkthrough()->currentIndex(), 1);
    }
    {
        MainWindow window;
        options.walkthroughStep = 99;
        window.applyLaunchOptions(options);
        QCOMPARE(window.exitCode(), 2);
        QCOMPARE(window.walkthrough()->currentIndex(), 0);
    }
    {
        MainWindow window;
        LaunchOptions unknown;
        unknown.walkthrough = QStringLiteral("no-such-walkthrough");
        window.applyLaunchOptions(unknown);
        QCOMPARE(window.exitCode(), 2);
        QVERIFY(!window.walkthrough()->isOpen());
    }
}

void TestWalkthroughGui::everyPanelControlIsNamedAndReachable()
{
    MainWindow window;
    QVERIFY(window.openWalkthrough(kGilLive));
    const auto buttons = window.walkthroughPanel()->findChildren<QAbstractButton *>();
    QCOMPARE(buttons.size(), 7);
    for (QAbstractButton *button : buttons) {
        QVERIFY2(!button->accessibleName().isEmpty(), qPrintable(button->objectName()));
        QVERIFY2(button->focusPolicy() & Qt::TabFocus, qPrintable(button->objectName()));
    }
    for (QLabel *label : window.walkthroughPanel()->findChildren<QLabel *>())
        QVERIFY2(!label->accessibleName().isEmpty(), qPrintable(label->objectName()));
}

QTEST_MAIN(TestWalkthroughGui)
#include "tst_walkthrough_gui.moc"
