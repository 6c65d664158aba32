#include "charts/timelinelegend.h"

#include <QFontMetrics>
#include <QPainter>
#include <QRect>

namespace clab {

std::vector<std::vector<std::size_t>> legendRows(
    const std::vector<LegendEntry> &entries, const QFontMetrics &metrics, int width)
{
    const int box = metrics.height() - 4;
    std::vector<std::vector<std::size_t>> rows(1);
    int x = 8;
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const int w = box + 6 + metrics.horizontalAdvance(entries[i].name) + 16;
        if (x + w > width && !rows.back().empty()) {
            rows.emplace_back();
            x = 8;
        }
        rows.back().push_back(i);
        x += w;
    }
    return rows;
}

void paintLegend(QPainter &painter, const QRect &area, const std::vector<LegendEntry> &entries,
    const QFontMetrics &metrics, const Appearance &appearance)
{
    const int box = metrics.height() - 4;
    const int rowHeight = metrics.height() + 6;
    int y = area.top();
    for (const std::vector<std::size_t> &row : legendRows(entries, metrics, area.width())) {
        int x = area.left() + 8;
        for (const std::size_t index : row) {
            const LegendEntry &entry = entries[index];
            const int w = box + 6 + metrics.horizontalAdvance(entry.name) + 16;
            const QRect swatch(x, y + (rowHeight - box) / 2, box, box);
            painter.fillRect(swatch, entry.brush);
            paintStatePattern(painter, swatch, entry.pattern, entry.brush.color(), appearance);
            painter.setPen(appearance.mutedText());
            painter.drawRect(swatch.adjusted(0, 0, -1, -1));
            painter.setPen(appearance.text());
            painter.drawText(QRect(x + box + 6, y, w, rowHeight), Qt::AlignLeft | Qt::AlignVCenter, entry.name);
            x += w;
        }
        y += rowHeight;
    }
}

} // namespace clab
