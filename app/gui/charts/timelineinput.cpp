#include "charts/timelinewidget.h"

#include "charts/chartstyle.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QScrollBar>
#include <QToolTip>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

// The timeline's answers to the mouse and the keyboard: zoom, pan, the worker lanes' scrolling
// and the tooltips. Its data and its painting are in timelinewidget.cpp.

namespace clab {

void TimelineWidget::fitAll()
{
    m_window.fitAll();
    update();
}

void TimelineWidget::zoomBy(double factor, double anchorX)
{
    const Layout l = layout();
    const double anchorFraction = anchorX < 0 ? 0.5 : (anchorX - l.plot.left()) / std::max(1, l.plot.width());
    m_window.zoomBy(factor, anchorFraction, static_cast<double>(runSpanNs()));
    update();
}

void TimelineWidget::panBy(double pixels)
{
    m_window.panBy(pixels / std::max(1, layout().plot.width()), static_cast<double>(runSpanNs()));
    update();
}

QString TimelineWidget::tooltipAt(const QPoint &pos) const
{
    const Layout l = layout();
    if (!l.plot.contains(pos) || pos.y() < l.laneTop || l.laneHeight <= 0)
        return {};
    const int row = (pos.y() - l.laneTop) / l.laneHeight;
    if (row < 0 || row >= l.lanesShown)
        return {};
    const int index = row + (l.scrolls ? m_firstLane : 0);
    if (index >= laneCount())
        return {};
    const Lane &lane = m_lanes[static_cast<std::size_t>(index)];
    const double t = viewStartNs() + (pos.x() - l.plot.left()) * viewSpanNs() / std::max(1, l.plot.width());
    const auto it = std::partition_point(lane.intervals.begin(), lane.intervals.end(),
        [&](const Interval &i) { return static_cast<double>(i.endNs) <= t; });
    if (it == lane.intervals.end() || static_cast<double>(it->startNs) > t)
        return laneLabel(lane);
    return tr("%1: %2\n%3 – %4 ms, on cpu%5")
        .arg(laneLabel(lane), stateName(it->state))
        .arg(static_cast<double>(it->startNs) / 1e6, 0, 'f', 2)
        .arg(static_cast<double>(it->endNs) / 1e6, 0, 'f', 2)
        .arg(it->core);
}

void TimelineWidget::wheelEvent(QWheelEvent *event)
{
    const double steps = event->angleDelta().y() / 120.0;
    if (event->modifiers() & Qt::ControlModifier) {
        zoomBy(std::pow(1.25, steps), event->position().x());
    } else if (const Layout l = layout(); l.scrolls && event->position().y() >= l.laneTop && steps != 0.0) {
        // Over the worker lanes that scroll, the wheel scrolls them, a lane a notch.
        const int by = static_cast<int>(std::lround(steps));
        m_laneScroll->setValue(m_laneScroll->value() - (by != 0 ? by : (steps > 0 ? 1 : -1)));
    } else if (!m_window.isFitting()) {
        panBy(-steps * 60.0 + event->angleDelta().x() / 120.0 * -60.0);
    } else {
        event->ignore();
        return;
    }
    event->accept();
}

void TimelineWidget::keyPressEvent(QKeyEvent *event)
{
    switch (event->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        zoomBy(1.5);
        break;
    case Qt::Key_Minus:
        zoomBy(1.0 / 1.5);
        break;
    case Qt::Key_0:
    case Qt::Key_Home:
        fitAll();
        break;
    case Qt::Key_Left:
        panBy(-80);
        break;
    case Qt::Key_Right:
        panBy(80);
        break;
    case Qt::Key_Up:
    case Qt::Key_Down:
        if (!layout().scrolls) {
            QWidget::keyPressEvent(event);
            return;
        }
        m_laneScroll->setValue(m_laneScroll->value() + (event->key() == Qt::Key_Down ? 1 : -1));
        break;
    default:
        QWidget::keyPressEvent(event);
    }
}

void TimelineWidget::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton) {
        m_dragging = true;
        m_dragFrom = event->position().toPoint();
    }
    QWidget::mousePressEvent(event);
}

void TimelineWidget::mouseMoveEvent(QMouseEvent *event)
{
    const QPoint pos = event->position().toPoint();
    if (m_dragging) {
        panBy(m_dragFrom.x() - pos.x());
        m_dragFrom = pos;
    } else {
        const QString tip = tooltipAt(pos);
        if (tip.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(event->globalPosition().toPoint(), tip, this);
    }
}

void TimelineWidget::mouseReleaseEvent(QMouseEvent *event)
{
    m_dragging = false;
    QWidget::mouseReleaseEvent(event);
}

} // namespace clab
