#include "shell/failurenotice.h"

#include "compare/sweepcontroller.h"
#include "lab/runcontroller.h"
#include "textutil.h"

#include <QMessageBox>

namespace clab {

FailureNotice::FailureNotice(QWidget *window, const RunController *runs, const SweepController *sweeps, QObject *parent)
    : QObject(parent)
    , m_window(window)
{
    // A failed baseline ends the experiment before it ran; a failed run finishes with its error.
    connect(runs, &RunController::runFailed, this,
        [this](const QString &error) { show(tr("The run failed"), tr("The run failed: %1").arg(error)); });
    connect(runs, &RunController::runFinished, this, [this](const RunResult &result) {
        if (!result.summary.error.empty())
            show(tr("The run failed"), tr("The run failed: %1").arg(toQString(result.summary.error)));
    });
    connect(
        sweeps, &SweepController::sweepEnded, this, [this](SweepController::Outcome outcome, const QString &message) {
            if (outcome == SweepController::Outcome::Failed)
                show(tr("The sweep stopped"), message);
        });
}

QMessageBox *FailureNotice::box() const
{
    return m_box.data();
}

void FailureNotice::show(const QString &title, const QString &text)
{
    if (QMessageBox *shown = m_box.data()) {
        shown->setWindowTitle(title);
        shown->setText(text);
        shown->raise();
        return;
    }
    auto *box = new QMessageBox(QMessageBox::Warning, title, text, QMessageBox::Ok, m_window);
    box->setObjectName(QStringLiteral("failureMessage"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setInformativeText(tr("The window is still usable: change the settings and run again."));
    m_box = box;
    box->open();
}

} // namespace clab
