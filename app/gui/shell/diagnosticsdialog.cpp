#include "shell/diagnosticsdialog.h"

#include "shell/latencyprobe.h"
#include "textutil.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QThread>
#include <QVBoxLayout>

namespace clab {

DiagnosticsDialog::DiagnosticsDialog(const LatencyProbe *probe, QWidget *parent)
    : QDialog(parent)
    , m_probe(probe)
    , m_text(new QLabel)
{
    setWindowTitle(tr("Diagnostics"));
    setAccessibleName(tr("Diagnostics"));
    m_text->setObjectName(QStringLiteral("diagnosticsText"));
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_text->setFocusPolicy(Qt::StrongFocus);
    m_text->setAccessibleName(tr("Event loop latency"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_text);
    layout->addWidget(buttons);
    m_timer.setInterval(500);
    connect(&m_timer, &QTimer::timeout, this, &DiagnosticsDialog::refresh);
    m_timer.start();
    refresh();
}

void DiagnosticsDialog::refresh()
{
    m_text->setText(tr("<b>Event-loop lateness</b> (a %1 ms timer, last %2 ticks)<br>"
                       "p50: %3 ms<br>p99: %4 ms<br>max: %5 ms<br><br>"
                       "The window must never freeze: charts are pulled 30 times a second and "
                       "the engine's threads do all the joining and waiting.<br>"
                       "Logical CPUs: %6")
                        .arg(m_probe->intervalMs())
                        .arg(m_probe->sampleCount())
                        .arg(formatFixed(m_probe->percentileMs(50), 2), formatFixed(m_probe->percentileMs(99), 2),
                            formatFixed(m_probe->maxMs(), 2))
                        .arg(QThread::idealThreadCount()));
}

} // namespace clab
