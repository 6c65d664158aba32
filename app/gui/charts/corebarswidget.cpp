#include "charts/corebarswidget.h"

#include "charts/chartstyle.h"

#include <QPainter>

#include <algorithm>

namespace clab {

CoreBarsWidget::CoreBarsWidget(QWidget *parent)
    : QWidget(parent)
{
    setAccessibleName(tr("Per-core bars"));
    setAccessibleDescription(tr("Busy percent of every CPU core at this moment"));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
}

void CoreBarsWidget::setBusy(const std::vector<double> &percentPerCore)
{
    m_busy = percentPerCore;
    updateGeometry();
    update();
}

void CoreBarsWidget::clear()
{
    std::fill(m_busy.begin(), m_busy.end(), 0.0);
    update();
}

void CoreBarsWidget::setAppearance(const Appearance &appearance)
{
    m_appearance = appearance;
    update();
}

QSize CoreBarsWidget::sizeHint() const
{
    const int rows = std::max<int>(1, static_cast<int>(std::min<std::size_t>(m_busy.size(), 16)));
    const int rowHeight = fontMetrics().height() + 6;
    return {240, rows * rowHeight + 8};
}

QSize CoreBarsWidget::minimumSizeHint() const
{
    return {160, fontMetrics().height() + 14};
}

void CoreBarsWidget::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.fillRect(rect(), m_appearance.panel());
    const QFontMetrics metrics = fontMetrics();
    const int count = static_cast<int>(m_busy.size());
    if (count == 0) {
        painter.setPen(m_appearance.mutedText());
        // One line high: a narrow widget says less rather than cutting the sentence at both ends.
        QString note = tr("Per-core load appears when a run starts");
        if (fontMetrics().horizontalAdvance(note) > width())
            note = tr("Per-core load");
        painter.drawText(rect(), Qt::AlignCenter, note);
        return;
    }
    // Many cores wrap into columns so each bar keeps a readable height.
    const int rowHeight = metrics.height() + 6;
    const int rowsFit = std::max(1, (height() - 8) / rowHeight);
    const int columns = (count + rowsFit - 1) / rowsFit;
    const int rows = (count + columns - 1) / columns;
    const int columnWidth = (width() - 8) / columns;
    const int labelWidth = metrics.horizontalAdvance(QStringLiteral("cpu00 "));
    const int valueWidth = metrics.horizontalAdvance(QStringLiteral(" 100%"));
    for (int core = 0; core < count; ++core) {
        const int column = core / rows;
        const int row = core % rows;
        const QRect cell(4 + column * columnWidth, 4 + row * rowHeight, columnWidth - 6, rowHeight - 4);
        const double busy = m_busy[static_cast<std::size_t>(core)];
        painter.setPen(m_appearance.text());
        painter.drawText(QRect(cell.left(), cell.top(), labelWidth, cell.height()), Qt::AlignVCenter | Qt::AlignLeft,
            QStringLiteral("cpu%1").arg(core));
        const QRect track(
            cell.left() + labelWidth, cell.top() + 2, cell.width() - labelWidth - valueWidth, cell.height() - 4);
        painter.fillRect(track, m_appearance.dark ? QColor(55, 58, 64) : QColor(228, 231, 236));
        if (busy >= 0.0) {
            const int filled = static_cast<int>(track.width() * std::clamp(busy, 0.0, 100.0) / 100.0);
            painter.fillRect(QRect(track.left(), track.top(), filled, track.height()), coreColor(core));
        }
        painter.drawText(QRect(track.right() + 2, cell.top(), valueWidth, cell.height()),
            Qt::AlignVCenter | Qt::AlignRight, busy >= 0.0 ? QStringLiteral("%1%").arg(qRound(busy)) : tr("off"));
    }
}

} // namespace clab
