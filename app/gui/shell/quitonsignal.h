#pragma once

#include <QObject>

class QSocketNotifier;

namespace clab {

// SIGTERM, SIGINT and SIGHUP (a logout, Ctrl+C in the terminal, `kill`) close the window like
// Quit does, so a run in progress is stopped and its threads and worker processes are cleaned
// up before the program ends. The handler only writes a byte to a pipe; the rest happens on the
// GUI thread's event loop. One per program.
class QuitOnSignal : public QObject
{
    Q_OBJECT

public:
    explicit QuitOnSignal(QObject *parent = nullptr);
    ~QuitOnSignal() override;

signals:
    void quitRequested(int signalNumber);

private:
    void onReadable();

    QSocketNotifier *m_notifier = nullptr;
};

} // namespace clab
