#include "shell/screenfit.h"

#include <QEvent>
#include <QResizeEvent>
#include <QTimer>
#include <QWidget>

#include <algorithm>

namespace clab {

ScreenFit::ScreenFit(QWidget *window)
    : QObject(window)
    , m_window(window)
{
    window->installEventFilter(this);
}

int ScreenFit::fittedWidth(int width, int wanted, int minimum)
{
    if (wanted <= 0)
        return width;
    return std::min(width, std::max(wanted, minimum));
}

bool ScreenFit::eventFilter(QObject *watched, QEvent *event)
{
    if (watched != m_window)
        return QObject::eventFilter(watched, event);
    const QEvent::Type type = event->type();
    if (type == QEvent::Resize) {
        // Grown to the minimum by a layout, or given by the program, the window manager or the user.
        const int width = static_cast<QResizeEvent *>(event)->size().width();
        if (width != m_window->minimumWidth())
            m_wanted = width;
    }
    // A layout request is where a page's minimum changes: check once everything is laid out.
    if (!m_pending && (type == QEvent::LayoutRequest || type == QEvent::Resize)) {
        m_pending = true;
        QTimer::singleShot(0, this, &ScreenFit::fit);
    }
    return QObject::eventFilter(watched, event);
}

void ScreenFit::fit()
{
    m_pending = false;
    if (!m_window->isVisible() || m_window->isMaximized() || m_window->isFullScreen())
        return;
    const int width = fittedWidth(m_window->width(), m_wanted, m_window->minimumSizeHint().width());
    if (width < m_window->width())
        m_window->resize(width, m_window->height());
}

} // namespace clab
