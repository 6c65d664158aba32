#include "session/sessionactions.h"

#include "compare/comparepage.h"
#include "compare/runstablemodel.h"
#include "compare/sweepcontroller.h"
#include "lab/runcontroller.h"
#include "offthreadptr.h"
#include "shell/launchoptions.h"

#include <QAction>
#include <QFileDialog>
#include <QMenu>
#include <QMessageBox>
#include <QPointer>
#include <QTimer>
#include <QWidget>

#include <cstdio>
#include <memory>
#include <utility>

namespace clab {

namespace {

QString fileFilter()
{
    return SessionActions::tr("Concurrency Lab sessions (*.clab);;All files (*)");
}

// The Lab's last run is the latest "Lab" row with its numbers: Compare adds it as it finishes.
bool isRowOf(const RunsTableModel::Run &row, const RunResult &result)
{
    return !row.python && row.source == ComparePage::tr("Lab") && row.config.model == result.config.model
        && row.config.workers == result.config.workers && row.config.workload == result.config.workload
        && row.summary.tasksCompleted == result.summary.tasksCompleted
        && row.summary.wallSeconds == result.summary.wallSeconds;
}

// A warning in a window-modal box that does not block: the window goes on while it shows.
void warn(QWidget *window, const QString &title, const QString &message)
{
    auto *box = new QMessageBox(QMessageBox::Warning, title, message, QMessageBox::Ok, window);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

} // namespace

SessionActions::SessionActions(QWidget *window, RunController *controller, ComparePage *compare)
    : QObject(window)
    , m_window(window)
    , m_controller(controller)
    , m_compare(compare)
    , m_save(new QAction(tr("Save &session…"), this))
    , m_open(new QAction(tr("&Open session…"), this))
{
    setObjectName(QStringLiteral("sessionActions"));
    m_save->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    m_save->setToolTip(tr("Save every run of Compare and the Lab's last run in a .clab file"));
    m_open->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_O));
    m_open->setToolTip(tr("Open a .clab file: its runs replace Compare's"));
    connect(m_save, &QAction::triggered, this, &SessionActions::chooseAndSave);
    connect(m_open, &QAction::triggered, this, &SessionActions::chooseAndOpen);
    connect(this, &SessionActions::saved, this, [this](const QString &, const QString &error) {
        if (!error.isEmpty())
            warn(m_window, tr("Save session"), tr("Cannot save the session: %1").arg(error));
    });
}

void SessionActions::addTo(QMenu *menu)
{
    menu->addAction(m_open);
    menu->addAction(m_save);
}

Session SessionActions::currentSession() const
{
    Session session;
    const std::shared_ptr<const RunResult> lab = m_controller->lastResult();
    const RunsTableModel *rows = m_compare->runsModel();
    for (int number = 1; number <= rows->runCount(); ++number) {
        const RunsTableModel::Run &row = rows->run(number);
        if (row.python)
            continue;
        SessionRun run;
        run.source = row.source.toStdString();
        run.speedup = row.speedup;
        if (lab && isRowOf(row, *lab)) {
            run.result = *lab;
            session.labRun = session.runs.size();
        } else {
            run.result.config = row.config;
            run.result.machine = row.machine;
            run.result.summary = row.summary;
            run.result.samples = row.samples;
        }
        session.runs.push_back(std::move(run));
    }
    if (lab && !session.labRun) {
        session.labRun = session.runs.size();
        session.runs.push_back({*lab, ComparePage::tr("Lab").toStdString(), std::nullopt});
    }
    return session;
}

QString SessionActions::saveTo(const QString &path) const
{
    const std::optional<std::string> error = writeSessionFile(path.toStdString(), currentSession());
    return error ? QString::fromStdString(*error) : QString();
}

void SessionActions::saveInBackground(const QString &path)
{
    m_save->setEnabled(false);
    auto session = std::make_shared<const Session>(currentSession());
    QPointer<SessionActions> self(this);
    runOffThread([self, path, session] {
        const std::optional<std::string> error = writeSessionFile(path.toStdString(), *session);
        const QString message = error ? QString::fromStdString(*error) : QString();
        deliverToGuiThread(self, [path, message](SessionActions &actions) {
            actions.m_save->setEnabled(true);
            emit actions.saved(path, message);
        });
    });
}

void SessionActions::open(const QString &path)
{
    if (m_opening || m_controller->isBusy() || m_compare->sweepController()->isBusy()) {
        fail(tr("A run, a sweep or another session is still going: wait for it or stop it, then open the "
                "session."));
        return;
    }
    m_opening = true;
    m_open->setEnabled(false);
    QPointer<SessionActions> self(this);
    runOffThread([self, path] {
        auto read = std::make_shared<SessionReadResult>(readSessionFile(path.toStdString()));
        deliverToGuiThread(self, [path, read](SessionActions &actions) {
            actions.m_opening = false;
            actions.m_open->setEnabled(true);
            if (!read->session)
                actions.fail(tr("Cannot open %1: %2").arg(path, QString::fromStdString(read->error)));
            else
                actions.restore(path, std::move(*read->session));
        });
    });
}

void SessionActions::restore(const QString &path, Session session)
{
    // A run or a sweep may have started while the file was read: its rows would mix with the file's.
    if (m_controller->isBusy() || m_compare->sweepController()->isBusy()) {
        fail(tr("A run or a sweep started while %1 was read: it was not opened.").arg(path));
        return;
    }
    m_compare->clear();
    for (SessionRun &run : session.runs)
        m_compare->addSavedRun(run.result, run.speedup, QString::fromStdString(run.source));
    emit opened(path, static_cast<int>(session.runs.size()));
}

void SessionActions::fail(const QString &message)
{
    warn(m_window, tr("Open session"), message);
    emit openFailed(message);
}

void SessionActions::applyLaunch(const LaunchOptions &options, SweepController *sweeps)
{
    m_launchSave = options.saveSession;
    if (!options.sessionFile.isEmpty()) {
        connect(this, &SessionActions::openFailed, this,
            [](const QString &message) { std::fprintf(stderr, "concurrency-lab: %s\n", qPrintable(message)); });
        connect(this, &SessionActions::opened, this, &SessionActions::saveForLaunch);
        connect(this, &SessionActions::openFailed, this, &SessionActions::saveForLaunch);
        open(options.sessionFile);
        return;
    }
    if (m_launchSave.isEmpty())
        return;
    if (!options.run && options.sweepModels.empty()) {
        QTimer::singleShot(0, this, &SessionActions::saveForLaunch);
        return;
    }
    // As the capture waits (shell/launchcapture.cpp): the run, then its Python run if it has one.
    connect(m_controller, &RunController::runFinished, this, [this] {
        if (m_controller->phase() != RunController::Phase::Python)
            saveForLaunch();
    });
    connect(m_controller, &RunController::pythonFinished, this, &SessionActions::saveForLaunch);
    connect(m_controller, &RunController::runFailed, this, &SessionActions::saveForLaunch);
    if (!options.sweepModels.empty())
        connect(sweeps, &SweepController::sweepEnded, this, &SessionActions::saveForLaunch);
}

void SessionActions::saveForLaunch()
{
    if (m_launchSave.isEmpty())
        return;
    const QString path = std::exchange(m_launchSave, QString());
    if (const QString error = saveTo(path); !error.isEmpty())
        std::fprintf(stderr, "concurrency-lab: save-session: %s\n", qPrintable(error));
    else
        std::fprintf(stdout, "Saved the session to %s\n", qPrintable(path));
    std::fflush(stdout);
}

void SessionActions::chooseAndSave()
{
    QString path = QFileDialog::getSaveFileName(m_window, tr("Save session"), QString(), fileFilter());
    if (path.isEmpty())
        return;
    if (!path.endsWith(QStringLiteral(".clab")))
        path += QStringLiteral(".clab");
    saveInBackground(path);
}

void SessionActions::chooseAndOpen()
{
    const QString path = QFileDialog::getOpenFileName(m_window, tr("Open session"), QString(), fileFilter());
    if (!path.isEmpty())
        open(path);
}

} // namespace clab
