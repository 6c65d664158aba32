#include "walkthrough/walkthroughcontroller.h"

#include "lab/labpage.h"
#include "lab/runcontroller.h"
#include "lessons/embeddedcontent.h"
#include "lessons/lessonspage.h"
#include "textutil.h"
#include "walkthrough/presenterwindow.h"
#include "walkthrough/walkthroughpanel.h"
#include "walkthrough/walkthroughplayer.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QGuiApplication>
#include <QMainWindow>
#include <QMenu>
#include <QMessageBox>
#include <QScreen>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>

#include <vector>

namespace clab {

namespace {

// The walkthroughs shipped in the program, parsed: their titles fill the Walkthrough menu and their
// ids name them on the command line.
const std::vector<std::pair<QString, WalkthroughParse>> &builtInWalkthroughs()
{
    static const std::vector<std::pair<QString, WalkthroughParse>> parsed = [] {
        std::vector<std::pair<QString, WalkthroughParse>> out;
        for (const QString &path : embeddedWalkthroughs())
            out.emplace_back(path, parseWalkthrough(readAll(path), embeddedLessons(), embeddedPresets()));
        return out;
    }();
    return parsed;
}

} // namespace

WalkthroughController::WalkthroughController(QMainWindow *window, QTabWidget *pages, LessonsPage *lessons, LabPage *lab,
    RunController *controller, QAction *presentationAction)
    : QObject(window)
    , m_window(window)
    , m_pages(pages)
    , m_lessons(lessons)
    , m_lab(lab)
    , m_controller(controller)
    , m_player(new WalkthroughPlayer(embeddedLessons(), embeddedPresets(), this))
    , m_panel(new WalkthroughPanel(m_player))
{
    buildMenu();
    connect(m_player, &WalkthroughPlayer::stepChanged, this, &WalkthroughController::showStep);
    connect(m_player, &WalkthroughPlayer::opened, this, [this] {
        updateActions();
        updatePresenter();
    });
    connect(m_player, &WalkthroughPlayer::closed, this, [this] {
        m_presetPending = false;
        updateActions();
        updatePresenter();
    });
    connect(m_player, &WalkthroughPlayer::afterRunRevealed, this, &WalkthroughController::updateActions);
    // A projector plugged in or out during the class moves the presenter's view.
    connect(qApp, &QGuiApplication::screenAdded, this, &WalkthroughController::updatePresenter);
    connect(qApp, &QGuiApplication::screenRemoved, this, &WalkthroughController::updatePresenter);
    connect(m_panel, &WalkthroughPanel::lessonRequested, this, [this] { m_pages->setCurrentWidget(m_lessons); });
    connect(m_panel, &WalkthroughPanel::labRequested, this, &WalkthroughController::openInLab);
    connect(m_panel->pointsCheck(), &QCheckBox::clicked, this, [this] { m_pointsChosen = true; });
    connect(m_panel, &WalkthroughPanel::presentationRequested, presentationAction, &QAction::setChecked);
    // The step's experiment has run (the Lab still on its preset): its after-the-run points show.
    connect(m_controller, &RunController::runFinished, this, [this](const RunResult &result) {
        const WalkthroughStep *step = m_player->currentStep();
        if (step && !step->preset.empty() && result.summary.error.empty()
            && m_lab->currentPresetId() == toQString(step->preset))
            m_player->revealAfterRun();
    });
    updateActions();
}

void WalkthroughController::buildMenu()
{
    // Walk&through: Alt+W is the Lab's Workers field.
    m_menu = new QMenu(tr("Walk&through"), m_window);
    m_menu->setObjectName(QStringLiteral("walkthroughMenu"));
    for (const auto &[path, parsed] : builtInWalkthroughs()) {
        const QString title = parsed.walkthrough.title.empty() ? QFileInfo(path).completeBaseName()
                                                               : toQString(parsed.walkthrough.title);
        QAction *action = m_menu->addAction(title);
        action->setToolTip(tr("Start the built-in walkthrough \"%1\"").arg(title));
        connect(action, &QAction::triggered, this, [this, path = path] { open(path); });
    }
    m_menu->addSeparator();
    QAction *openAction = m_menu->addAction(tr("&Open…"));
    connect(openAction, &QAction::triggered, this, &WalkthroughController::openInteractively);
    m_saveAction = m_menu->addAction(tr("Save &As…"));
    m_saveAction->setToolTip(tr("Save the open walkthrough as a file to share with a class"));
    connect(m_saveAction, &QAction::triggered, this, &WalkthroughController::saveInteractively);
    m_menu->addSeparator();
    // Page Down / Page Up are what presenter clickers send. They step from wherever focus was left,
    // except in a field the user types into (WalkthroughPanel::keepsPageKeys).
    m_nextAction = m_menu->addAction(tr("&Next step"));
    m_nextAction->setShortcut(QKeySequence(Qt::Key_PageDown));
    connect(m_nextAction, &QAction::triggered, m_player, &WalkthroughPlayer::next);
    m_previousAction = m_menu->addAction(tr("&Previous step"));
    m_previousAction->setShortcut(QKeySequence(Qt::Key_PageUp));
    connect(m_previousAction, &QAction::triggered, m_player, &WalkthroughPlayer::previous);
    // The answers wait for the step's run; the presenter may show them earlier.
    m_revealAction = m_menu->addAction(tr("&Reveal the step's answers"));
    m_revealAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A));
    connect(m_revealAction, &QAction::triggered, m_player, &WalkthroughPlayer::revealAfterRun);
    m_menu->addSeparator();
    m_closeAction = m_menu->addAction(tr("&Close walkthrough"));
    connect(m_closeAction, &QAction::triggered, m_player, &WalkthroughPlayer::close);
}

PresenterWindow *WalkthroughController::presenter() const
{
    return m_presenter.data();
}

void WalkthroughController::updatePresenter()
{
    // With a second screen the presenter gets a window of their own there, and the audience's
    // window shows only the lesson or the Lab; with one screen the strip above the pages stays.
    QScreen *audience = m_window->screen();
    QScreen *presenterScreen = nullptr;
    for (QScreen *screen : QGuiApplication::screens()) {
        if (screen != audience) {
            presenterScreen = screen;
            break;
        }
    }
    const bool wanted = m_player->isOpen() && presenterScreen;
    if (!wanted) {
        delete m_presenter.data();
        m_panel->setPresenterElsewhere(false);
        return;
    }
    if (!m_presenter) {
        m_presenter = new PresenterWindow(m_player, m_window);
        m_presenter->setAppearance(m_appearance);
    }
    m_presenter->setScreen(presenterScreen);
    m_presenter->setGeometry(presenterScreen->availableGeometry());
    m_presenter->show();
    m_panel->setPresenterElsewhere(true);
}

void WalkthroughController::setAppearance(const Appearance &appearance)
{
    m_appearance = appearance;
    m_panel->setAppearance(appearance);
    if (m_presenter)
        m_presenter->setAppearance(appearance);
}

void WalkthroughController::updateActions()
{
    const bool isOpen = m_player->isOpen();
    m_nextAction->setEnabled(m_player->canGoNext());
    m_previousAction->setEnabled(m_player->canGoPrevious());
    m_saveAction->setEnabled(isOpen);
    m_closeAction->setEnabled(isOpen);
    m_revealAction->setEnabled(isOpen && !m_player->currentStep()->afterRun.empty() && !m_player->isAfterRunShown());
}

// A step shows its lesson first, so the class reads the idea; its preset is loaded into the Lab at
// the same time, so Run (Ctrl+R) or Open in Lab goes straight to the experiment. Nothing runs by
// itself: the class predicts first.
void WalkthroughController::showStep()
{
    const WalkthroughStep *step = m_player->currentStep();
    if (!step)
        return;
    // At the step's section; a section the lesson no longer has opens the lesson at its top.
    if (step->section.empty() || !m_lessons->showLesson(toQString(step->lesson), toQString(step->section)))
        m_lessons->showLesson(toQString(step->lesson));
    m_presetPending = !step->preset.empty();
    loadPreset();
    m_pages->setCurrentWidget(m_lessons);
    updateActions();
}

void WalkthroughController::loadPreset()
{
    const WalkthroughStep *step = m_player->currentStep();
    if (!step || !m_presetPending)
        return;
    // Like a lesson's Try-it: a run going on keeps the Lab's settings until it ends.
    if (m_controller->isBusy()) {
        m_window->statusBar()->showMessage(tr("A run is going on: this step's experiment loads when it has ended "
                                              "and you press Open in Lab"),
            10000);
        return;
    }
    m_lab->loadPreset(toQString(step->preset));
    m_presetPending = false;
}

void WalkthroughController::openInLab()
{
    loadPreset();
    // On a projector's short window the strip's talking points would leave the Lab's charts no
    // room: they fold (the check box shows them again) unless the presenter has chosen.
    if (m_appearance.presentation && m_window->height() < kFoldPointsBelowHeight && !m_pointsChosen)
        m_panel->pointsCheck()->setChecked(false);
    m_pages->setCurrentWidget(m_lab);
}

bool WalkthroughController::open(const QString &path)
{
    const bool wasOpen = m_player->isOpen();
    const QStringList errors = m_player->openFile(path);
    if (errors.isEmpty()) {
        m_window->statusBar()->showMessage(
            tr("Walkthrough \"%1\": Page Down for the next step, Page Up for the previous")
                .arg(toQString(m_player->walkthrough().title)),
            8000);
        return true;
    }
    const QString name = path.startsWith(QLatin1Char(':')) ? path : QFileInfo(path).fileName();
    showMessage(tr("Open walkthrough"),
        wasOpen ? tr("“%1” is not a usable walkthrough; the one you are presenting stays open.").arg(name)
                : tr("“%1” is not a usable walkthrough; nothing was opened.").arg(name),
        errors);
    return false;
}

QStringList WalkthroughController::openAtStep(const QString &idOrPath, int step)
{
    // An id of a built-in walkthrough, or a file.
    QString path = idOrPath;
    for (const auto &[builtInPath, parsed] : builtInWalkthroughs()) {
        if (toQString(parsed.walkthrough.id) == idOrPath)
            path = builtInPath;
    }
    QStringList errors = m_player->openFile(path);
    if (errors.isEmpty() && step > m_player->stepCount())
        errors << QStringLiteral("step: the walkthrough has %1 steps, got %2").arg(m_player->stepCount()).arg(step);
    else if (errors.isEmpty() && step > 0)
        m_player->goToStep(step - 1);
    return errors;
}

bool WalkthroughController::saveAs(const QString &path)
{
    const QString error = m_player->saveAs(path);
    if (error.isEmpty()) {
        m_window->statusBar()->showMessage(tr("Saved the walkthrough to %1").arg(QDir::toNativeSeparators(path)), 8000);
        return true;
    }
    showMessage(tr("Save walkthrough"), tr("The walkthrough was not saved."), {error});
    return false;
}

void WalkthroughController::openInteractively()
{
    QSettings settings;
    const QString start = settings.value(QStringLiteral("walkthrough/lastDir")).toString();
    const QString path = QFileDialog::getOpenFileName(
        m_window, tr("Open walkthrough"), start, tr("Walkthroughs (*.json);;All files (*)"));
    if (path.isEmpty())
        return;
    settings.setValue(QStringLiteral("walkthrough/lastDir"), QFileInfo(path).absolutePath());
    open(path);
}

void WalkthroughController::saveInteractively()
{
    if (!m_player->isOpen())
        return;
    QSettings settings;
    const QString dir = settings.value(QStringLiteral("walkthrough/lastDir"), QDir::homePath()).toString();
    const QString name
        = toQString(m_player->walkthrough().id.empty() ? std::string("walkthrough") : m_player->walkthrough().id);
    QString path = QFileDialog::getSaveFileName(m_window, tr("Save walkthrough as"),
        QDir(dir).filePath(name + QStringLiteral(".json")), tr("Walkthroughs (*.json)"));
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".json");
    settings.setValue(QStringLiteral("walkthrough/lastDir"), QFileInfo(path).absolutePath());
    saveAs(path);
}

void WalkthroughController::showMessage(const QString &title, const QString &text, const QStringList &details)
{
    // Window-modal and non-blocking (open(), not exec()): the run and the charts go on behind it.
    auto *box = new QMessageBox(QMessageBox::Warning, title, text, QMessageBox::Ok, m_window);
    box->setObjectName(QStringLiteral("walkthroughMessage"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    constexpr int kShown = 12;
    QStringList shown = details.mid(0, kShown);
    if (details.size() > kShown)
        shown << tr("… and %n more (Show Details)", nullptr, static_cast<int>(details.size() - kShown));
    box->setInformativeText(shown.join(QLatin1Char('\n')));
    if (details.size() > kShown)
        box->setDetailedText(details.join(QLatin1Char('\n')));
    box->open();
}

} // namespace clab
