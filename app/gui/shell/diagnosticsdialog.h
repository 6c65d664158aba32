#pragma once

#include <QDialog>
#include <QTimer>

class QLabel;

namespace clab {

class LatencyProbe;

// How responsive the window is: the event loop's lateness (p50, p99, max) measured by the
// LatencyProbe, refreshed twice a second while the dialog is open.
class DiagnosticsDialog : public QDialog
{
    Q_OBJECT

public:
    DiagnosticsDialog(const LatencyProbe *probe, QWidget *parent = nullptr);

    void refresh();

private:
    const LatencyProbe *m_probe;
    QLabel *m_text;
    QTimer m_timer;
};

} // namespace clab
