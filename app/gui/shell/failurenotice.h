#pragma once

#include <QObject>
#include <QPointer>

class QMessageBox;
class QWidget;

namespace clab {

class RunController;
class SweepController;

// Tells the user, in a message box, that a run or a sweep failed and why (the Lab's summary and
// Compare's panel say it too, inline). The box is window-modal and non-blocking (open(), never
// exec()): the window stays usable and live behind it. One box at a time: a failure while one is
// shown replaces its text, so failures never pile up into a stack of boxes.
class FailureNotice : public QObject
{
    Q_OBJECT

public:
    // Watches both controllers; `window` is the boxes' parent. All three must outlive this.
    FailureNotice(QWidget *window, const RunController *runs, const SweepController *sweeps, QObject *parent);

    void show(const QString &title, const QString &text);
    // The box shown now, or null.
    QMessageBox *box() const;

private:
    QWidget *m_window;
    QPointer<QMessageBox> m_box;
};

} // namespace clab
