#pragma once

#include "results/session.h"

#include <QObject>
#include <QString>

class QAction;
class QMenu;
class QWidget;

namespace clab {

class ComparePage;
class RunController;
class SweepController;
struct LaunchOptions;

// File ▸ Save session… and Open session…: the session's runs in a .clab file
// (docs/session-format.md). Saving writes Compare's rows and the Lab's last run in full (with its
// timelines), built and written off the GUI thread; opening reads the file off it too, then replaces Compare's rows
// with the file's runs. A file that cannot be read changes nothing: a message box says what is wrong. The Lab page
// shows only runs it ran itself (its charts are fed while a run goes): an opened session's runs are shown in Compare.
class SessionActions : public QObject
{
    Q_OBJECT

public:
    SessionActions(QWidget *window, RunController *controller, ComparePage *compare);

    // Adds both actions to `menu`.
    void addTo(QMenu *menu);
    QAction *saveAction() const { return m_save; }
    QAction *openAction() const { return m_open; }

    // The session as it stands: Compare's engine runs in table order, with the Lab's last run in
    // full in place of its row (appended when Compare no longer has it). Rows run on a Python
    // interpreter are not engine runs and are left out.
    Session currentSession() const;
    // Writes the session to `path`; the error, or an empty string.
    QString saveTo(const QString &path) const;
    // The same with the JSON built and the file written off the GUI thread (a Lab run can hold a
    // million intervals); saved() tells the outcome. The session is taken as it stands now.
    void saveInBackground(const QString &path);
    // Reads `path` off the GUI thread, then restores it (opened()) or shows why not (openFailed()).
    // Refused while a run or a sweep goes, as their rows would land among the file's.
    void open(const QString &path);

    // The command line's session: opens `options.sessionFile`, and saves into `options.saveSession`
    // once the launch's run (and its Python run) or sweep has ended, after the file when one is
    // opened, else at once. Says on stdout what it saved, on stderr what failed.
    void applyLaunch(const LaunchOptions &options, SweepController *sweeps);

signals:
    void saved(const QString &path, const QString &error); // error: empty when it was written
    void opened(const QString &path, int runs);
    void openFailed(const QString &message);

private:
    void chooseAndSave();
    void chooseAndOpen();
    void restore(const QString &path, Session session);
    void fail(const QString &message);
    void saveForLaunch();

    QWidget *m_window;
    RunController *m_controller;
    ComparePage *m_compare;
    QAction *m_save;
    QAction *m_open;
    bool m_opening = false;
    QString m_launchSave; // --save-session, until it has been saved
};

} // namespace clab
