#pragma once

#include <QObject>

class QWidget;

namespace clab {

// Gives a top-level window back the width it was given. A window grows to its minimum when a page
// asks more than it has (the Lab's open settings on a 1024×768 projector, before they fold) but
// never shrinks back on its own, and then runs off the screen: once the pages need less again,
// ScreenFit narrows it to the width it had, or to its minimum where that is wider. Maximized and
// full-screen windows are the window manager's.
class ScreenFit : public QObject
{
    Q_OBJECT
public:
    explicit ScreenFit(QWidget *window);

    // The width to hand back: `wanted`, or the window's minimum where that is wider; never more
    // than the window has now.
    static int fittedWidth(int width, int wanted, int minimum);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void fit();

    QWidget *m_window;
    int m_wanted = 0; // the last width the window was given rather than grew to; 0 before any
    bool m_pending = false;
};

} // namespace clab
