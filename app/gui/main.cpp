#include "shell/launchoptions.h"
#include "shell/mainwindow.h"
#include "shell/quitonsignal.h"

#include <QApplication>
#include <QSettings>
#include <QTemporaryDir>
#include <QThreadPool>

#include <cstdio>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("ConcurrencyLab"));
    QApplication::setApplicationName(QStringLiteral("concurrency-lab"));
    QApplication::setApplicationDisplayName(QStringLiteral("Concurrency Lab"));
    QApplication::setApplicationVersion(QStringLiteral(CLAB_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("io.github.concurrencylab.ConcurrencyLab"));

    const clab::LaunchOptions options = clab::parseLaunchOptions(QApplication::arguments());
    if (!options.error.isEmpty()) {
        std::fprintf(stderr, "concurrency-lab: invalid input: %s\n", qPrintable(options.error));
        return 2;
    }

    // Captures from the command line look the same on every machine and leave the user's settings
    // and lesson progress alone: they read and write a settings folder of their own.
    QTemporaryDir captureSettings;
    if (options.capturesAndQuits()) {
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, captureSettings.path());
    }

    int code = 0;
    {
        clab::MainWindow window;
        // Captures from the command line look the same on every machine: saved settings stay out.
        if (!options.capturesAndQuits())
            window.loadSettings();
        // A signal closes the window as Quit does: the run is stopped and cleaned up first.
        clab::QuitOnSignal quitOnSignal;
        QObject::connect(&quitOnSignal, &clab::QuitOnSignal::quitRequested, &window, &QWidget::close);
        window.show();
        window.applyLaunchOptions(options);
        code = QApplication::exec();
        if (code == 0)
            code = window.exitCode();
    }
    // Runs still being torn down are destroyed on pool threads: let them finish their joins.
    QThreadPool::globalInstance()->waitForDone();
    return code;
}
