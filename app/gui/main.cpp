#include "shell/launchoptions.h"
#include "shell/mainwindow.h"
#include "shell/quitonsignal.h"

#include <QApplication>
#include <QCoreApplication>
#include <QSettings>
#include <QTemporaryDir>
#include <QThreadPool>

#include <cstdio>

namespace {

void setIdentity()
{
    QCoreApplication::setOrganizationName(QStringLiteral("ConcurrencyLab"));
    QCoreApplication::setApplicationName(QStringLiteral("concurrency-lab"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CLAB_VERSION));
}

} // namespace

int main(int argc, char *argv[])
{
    // --help and --version are answered before the window exists, by a QCoreApplication, which
    // needs no display (help2man runs them at build time for the man page). Arguments the window's
    // parser refuses here (Qt's own, such as -platform) go on to QApplication as before.
    QStringList rawArguments;
    for (int i = 0; i < argc; ++i)
        rawArguments.append(QString::fromLocal8Bit(argv[i]));
    if (clab::parseLaunchOptions(rawArguments, clab::HelpAndVersion::Detect).helpOrVersion) {
        const QCoreApplication app(argc, argv);
        setIdentity();
        clab::parseLaunchOptions(QCoreApplication::arguments()); // prints and exits
    }

    QApplication app(argc, argv);
    setIdentity();
    QApplication::setApplicationDisplayName(QStringLiteral("Concurrency Lab"));
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
