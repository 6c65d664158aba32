#include "shell/mainwindow.h"

#include "compare/comparepage.h"
#include "lab/labpage.h"
#include "lab/pythondescription.h"
#include "lab/pythoninterpreters.h"
#include "lab/pythontab.h"
#include "shell/launchcapture.h"
#include "shell/preferencesdialog.h"

#include <QAction>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>

#include <cstdio>

// The window's part of running experiments on real Python interpreters: the interpreters, looked
// for when the window is made, File ▸ Preferences that lists them, the status bar while one runs,
// and Compare's row for its result. The rest of MainWindow is in mainwindow.cpp.

namespace clab {

void MainWindow::buildPython()
{
    m_interpreters = new PythonInterpreters(this);
    m_lab->setInterpreters(m_interpreters);
    m_interpreters->search(); // off the GUI thread: it starts the interpreters it finds

    auto *preferences = new QAction(tr("&Preferences…"), this);
    preferences->setObjectName(QStringLiteral("preferencesAction"));
    preferences->setShortcut(QKeySequence::Preferences);
    connect(preferences, &QAction::triggered, this, &MainWindow::showPreferences);
    // In the File menu, above Quit.
    if (QMenu *file = menuBar()->actions().constFirst()->menu()) {
        QAction *quit = file->actions().constLast();
        file->insertAction(quit, preferences);
        file->insertSeparator(quit);
    }

    const PythonRunner *runner = m_controller->pythonRunner();
    connect(runner, &PythonRunner::phaseChanged, this, [this, runner](PythonRunner::Phase phase) {
        if (phase != PythonRunner::Phase::Idle)
            m_stateLabel->setText(pythonRunningText(runner->interpreter(), phase));
    });
    connect(m_controller, &RunController::pythonFinished, m_compare, &ComparePage::addPythonRun);
    m_compare->setInterpreters(m_interpreters);
}

void MainWindow::chooseLaunchPython(std::function<void()> then)
{
    const QString path = m_launch.python;
    if (path.isEmpty()) {
        then();
        return;
    }
    // Once, whichever answer comes first.
    auto *context = new QObject(this);
    connect(m_interpreters, &PythonInterpreters::added, context, [this, context, path, then](const QString &added) {
        if (added != path)
            return;
        context->deleteLater();
        m_lab->pythonTab()->setRunInPython(path);
        then();
    });
    connect(m_interpreters, &PythonInterpreters::addFailed, context,
        [this, context, path](const QString &failed, const QString &error) {
            if (failed != path)
                return;
            context->deleteLater();
            std::fprintf(stderr, "concurrency-lab: python: %s: %s\n", qPrintable(path), qPrintable(error));
            m_exitCode = 2;
            m_capture->captureSoon(300);
        });
    m_interpreters->add(path);
}

PreferencesDialog *MainWindow::showPreferences()
{
    if (!m_preferences)
        m_preferences = new PreferencesDialog(m_interpreters, this);
    m_preferences->show();
    m_preferences->raise();
    return m_preferences;
}

} // namespace clab
