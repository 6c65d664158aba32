#include "shell/launchcapture.h"

#include "compare/sweepcontroller.h"
#include "lab/runcontroller.h"
#include "platform/system.h"
#include "textutil.h"

#include <QApplication>
#include <QBuffer>
#include <QImage>
#include <QTimer>
#include <QWidget>

#include <cstdio>

namespace clab {

LaunchCapture::LaunchCapture(QWidget *window, RunController *controller, Exporter exporter, QObject *parent)
    : QObject(parent)
    , m_window(window)
    , m_controller(controller)
    , m_exporter(std::move(exporter))
{}

void LaunchCapture::arm(const LaunchOptions &options, SweepController *sweeps)
{
    m_options = options;
    if (!options.capturesAndQuits())
        return;
    if (options.quitAfterMs >= 0)
        QTimer::singleShot(options.quitAfterMs, this, &LaunchCapture::captureAndQuit);
    // Let the last frame and the summary paint before grabbing.
    connect(m_controller, &RunController::runFinished, this, [this] {
        if (m_controller->phase() != RunController::Phase::Python) // else once it has run in Python too
            captureSoon(400);
    });
    connect(m_controller, &RunController::pythonFinished, this, [this] { captureSoon(400); });
    if (!options.sweepModels.empty())
        connect(sweeps, &SweepController::sweepEnded, this, [this] { captureSoon(400); });
    else if (!options.run && options.quitAfterMs < 0)
        captureSoon(500); // nothing runs: capture what the options show
}

void LaunchCapture::captureSoon(int ms)
{
    if (m_options.capturesAndQuits())
        QTimer::singleShot(ms, this, &LaunchCapture::captureAndQuit);
}

void LaunchCapture::captureAndQuit()
{
    if (m_captured)
        return;
    m_captured = true;
    if (!m_options.screenshot.isEmpty()) {
        const QImage image = m_window->grab().toImage();
        QByteArray bytes;
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::WriteOnly);
        image.save(&buffer, "PNG");
        // writeFileAtomically, not QSaveFile, whose commit() ignores a failed fsync(2) (a full disk).
        if (auto error = platform::writeFileAtomically(toStdString(m_options.screenshot), bytes.toStdString())) {
            std::fprintf(stderr, "concurrency-lab: screenshot: %s\n", error->c_str());
            m_exitCode = 1;
        } else {
            std::fprintf(stdout, "Wrote screenshot to %s\n", qPrintable(m_options.screenshot));
        }
    }
    if (!m_options.exportDir.isEmpty()) {
        m_exporter(m_options.exportDir, [this](const RunExporter::Outcome &outcome) {
            report(outcome);
            quit();
        });
        return;
    }
    quit();
}

void LaunchCapture::report(const RunExporter::Outcome &outcome)
{
    std::fprintf(stdout, "Exported %d file(s) to %s\n", static_cast<int>(outcome.written.size()),
        qPrintable(m_options.exportDir));
    for (const QString &error : outcome.errors)
        std::fprintf(stderr, "concurrency-lab: export: %s\n", qPrintable(error));
    if (!outcome.ok())
        m_exitCode = 1;
}

void LaunchCapture::quit()
{
    std::fflush(stdout);
    m_controller->stop();
    emit captured();
    QTimer::singleShot(0, qApp, [] { QApplication::exit(); });
}

} // namespace clab
