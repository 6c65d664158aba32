#include "launchoptions.h"
#include "mainwindow.h"

#include <QApplication>
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

    int code = 0;
    {
        clab::MainWindow window;
        // Captures from the command line look the same on every machine: saved settings stay out.
        if (!options.capturesAndQuits())
            window.loadSettings();
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
