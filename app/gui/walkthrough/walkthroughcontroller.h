#pragma once

#include "shell/appearance.h"

#include <QObject>
#include <QPointer>
#include <QStringList>

class QAction;
class QMainWindow;
class QMenu;
class QTabWidget;

namespace clab {

class LabPage;
class PresenterWindow;
class LessonsPage;
class RunController;
class WalkthroughPanel;
class WalkthroughPlayer;

// Wires an instructor walkthrough into the window: the Walkthrough menu (the built-in walkthroughs,
// Open, Save As, Next / Previous step on Page Down / Page Up, Close), the presenter panel, and what
// a step does: it shows its lesson and loads its preset into the Lab. Stepping never starts a run,
// and a run going on keeps the Lab's settings until it ends. Messages go to the window's status bar
// or a non-blocking message box.
class WalkthroughController : public QObject
{
    Q_OBJECT

public:
    // The pages and the controller belong to `window` and must outlive this object;
    // `presentationAction` is the window's View ▸ Presentation mode, which the panel toggles.
    WalkthroughController(QMainWindow *window, QTabWidget *pages, LessonsPage *lessons, LabPage *lab,
        RunController *controller, QAction *presentationAction);

    WalkthroughPlayer *player() const { return m_player; }
    // The presenter panel, to be laid out above the pages (the window takes it over).
    WalkthroughPanel *panel() const { return m_panel; }
    // The presenter's window on a second screen while a walkthrough is open there; null with one
    // screen (the panel shows the step instead).
    PresenterWindow *presenter() const;
    // Places (or removes) the presenter window for the screens there are now.
    void updatePresenter();
    // Opening a step's experiment in the Lab folds the strip's talking points in presentation mode
    // on a window shorter than this, unless the presenter showed or hid them by hand.
    static constexpr int kFoldPointsBelowHeight = 900;
    // The window's theme and presentation font, which the presenter window follows too.
    void setAppearance(const Appearance &appearance);
    // The Walkthrough menu, to be inserted into the window's menu bar.
    QMenu *menu() const { return m_menu; }

    // Opens a walkthrough file or resource; a bad one gets a (non-blocking) message listing where it
    // is wrong, and the walkthrough being presented stays as it was.
    bool open(const QString &path);
    // Writes the open walkthrough; on failure a message says why.
    bool saveAs(const QString &path);
    // For the command line: opens a built-in walkthrough by its id (or a file) at `step` (1-based,
    // 0 for the first). Returns the problems; none when it opened. Shows no message.
    QStringList openAtStep(const QString &idOrPath, int step);
    void showMessage(const QString &title, const QString &text, const QStringList &details);

private:
    void buildMenu();
    void showStep();
    void openInLab();
    void loadPreset();
    void updateActions();
    void openInteractively();
    void saveInteractively();

    QMainWindow *m_window;
    QTabWidget *m_pages;
    LessonsPage *m_lessons;
    LabPage *m_lab;
    RunController *m_controller;
    WalkthroughPlayer *m_player;
    WalkthroughPanel *m_panel;
    QMenu *m_menu = nullptr;
    QAction *m_nextAction = nullptr;
    QAction *m_previousAction = nullptr;
    QAction *m_saveAction = nullptr;
    QAction *m_closeAction = nullptr;
    QAction *m_revealAction = nullptr;
    QPointer<PresenterWindow> m_presenter; // a child window of m_window
    bool m_presetPending = false; // the step's preset waits for the run going on to end
    Appearance m_appearance;
    bool m_pointsChosen = false; // the presenter showed or hid the talking points by hand
};

} // namespace clab
