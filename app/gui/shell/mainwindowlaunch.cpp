#include "shell/mainwindow.h"

#include "compare/comparepage.h"
#include "lab/labpage.h"
#include "lessons/lessonspage.h"
#include "session/sessionactions.h"
#include "shell/launchcapture.h"
#include "shell/themechooser.h"
#include "walkthrough/walkthroughcontroller.h"

#include <QGuiApplication>
#include <QScreen>
#include <QSpinBox>
#include <QTabWidget>
#include <QTimer>

#include <cstdio>

// The window's part of the command line: the options a launch gives (`--preset … --run`, `--page`,
// `--walkthrough`, `--sweep`, `--screen`, `--theme`) applied once the window is made, and the run
// they start. What the window captures and writes afterwards is LaunchCapture's. The rest of
// MainWindow is in mainwindow.cpp.

namespace clab {

void MainWindow::applyLaunchOptions(const LaunchOptions &options)
{
    m_launch = options;
    findChild<SessionActions *>()->applyLaunch(options, m_compare->sweepController());
    // The audience's screen first: a walkthrough then puts the presenter's view on another.
    if (options.screen > 0) {
        const QList<QScreen *> screens = QGuiApplication::screens();
        if (options.screen <= screens.size()) {
            setScreen(screens[options.screen - 1]);
            setGeometry(screens[options.screen - 1]->availableGeometry());
        } else
            std::fprintf(stderr, "concurrency-lab: screen: there are %d screens, so no screen %d; using the first\n",
                static_cast<int>(screens.size()), options.screen);
    }
    if (options.theme || options.presentation || options.capturesAndQuits()) {
        Appearance appearance = m_appearance;
        if (options.presentation)
            appearance.presentation = *options.presentation;
        const QSignalBlocker blocker(m_theme); // one setAppearance() for both
        // Captures look the same on every machine: light, not the system's, unless --theme says.
        m_theme->setChoice(options.theme.value_or(options.capturesAndQuits() ? ThemeChoice::Light : m_theme->choice()));
        setAppearance(m_theme->resolve(appearance));
    }
    if (!options.walkthrough.isEmpty()) {
        const QStringList errors = m_walk->openAtStep(options.walkthrough, options.walkthroughStep);
        for (const QString &error : errors)
            std::fprintf(stderr, "concurrency-lab: walkthrough: %s\n", qPrintable(error));
        if (!errors.isEmpty()) {
            m_exitCode = 2;
            if (!options.capturesAndQuits())
                m_walk->showMessage(tr("Open walkthrough"),
                    tr("The walkthrough “%1” could not be opened as asked.").arg(options.walkthrough), errors);
        }
    }
    // The lesson first, so switching to the page marks only that lesson as opened.
    if (!options.lesson.isEmpty()) {
        const bool shown = options.section.isEmpty() ? m_lessons->showLesson(options.lesson)
                                                     : m_lessons->showLesson(options.lesson, options.section);
        if (!shown) {
            std::fprintf(stderr, "concurrency-lab: lesson: no lesson '%s'%s\n", qPrintable(options.lesson),
                options.section.isEmpty() ? ""
                                          : qPrintable(QStringLiteral(" with a section '%1'").arg(options.section)));
            m_exitCode = 2;
        }
    }
    if (options.page == QLatin1String("lessons") || (!options.lesson.isEmpty() && options.page.isEmpty()))
        m_pages->setCurrentWidget(m_lessons);
    else if (options.page == QLatin1String("compare"))
        m_pages->setCurrentWidget(m_compare);
    else if (!options.preset.isEmpty() || options.run || options.page == QLatin1String("lab")
        || options.page == QLatin1String("python"))
        m_pages->setCurrentWidget(m_lab);
    if (options.page == QLatin1String("python"))
        m_lab->showPythonTab();
    if (!options.preset.isEmpty() && !m_lab->loadPreset(options.preset)) {
        std::fprintf(stderr, "concurrency-lab: preset: no preset '%s'\n", qPrintable(options.preset));
        m_exitCode = 2;
    }
    if (!options.settings.empty()) {
        RunConfig config = m_lab->configFromControls();
        for (const auto &[key, value] : options.settings)
            setField(config, key, value); // each checked by parseLaunchOptions
        if (const auto problem = validate(config)) {
            std::fprintf(stderr, "concurrency-lab: set: %s\n", problem->toString().c_str());
            m_exitCode = 2;
        } else {
            m_lab->setControls(config);
        }
    }
    m_capture->arm(options, m_compare->sweepController());
    if (!options.sweepModels.empty()) {
        m_pages->setCurrentWidget(m_compare);
        // With --python, once the interpreter is known, the sweep runs on it too.
        QTimer::singleShot(0, this, [this] {
            chooseLaunchPython([this] {
                const int maxWorkers = m_launch.sweepMax > 0
                    ? m_launch.sweepMax
                    : m_compare->findChild<QSpinBox *>(QStringLiteral("maxWorkersSpin"))->value();
                if (!m_compare->startSweep(m_launch.sweepModels, m_launch.sweepPolicies, maxWorkers, m_launch.python)) {
                    std::fprintf(stderr, "concurrency-lab: sweep: %s\n", qPrintable(m_compare->sweepMessage()));
                    m_exitCode = 2;
                    m_capture->captureSoon(300);
                }
            });
        });
    }
    if (options.run || (!options.python.isEmpty() && options.sweepModels.empty()))
        QTimer::singleShot(0, this, [this] { chooseLaunchPython([this] { startLaunchRun(); }); });
}

void MainWindow::startLaunchRun()
{
    if (!m_launch.run || m_lab->startRun())
        return;
    std::fprintf(stderr, "concurrency-lab: %s\n", qPrintable(m_lab->validationMessage()));
    m_exitCode = 2;
    m_capture->captureSoon(300);
}

} // namespace clab
