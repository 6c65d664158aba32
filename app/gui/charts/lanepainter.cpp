#include "charts/lanepainter.h"

#include <QColor>
#include <QPainter>

namespace clab {

LanePainter::LanePainter(QPainter &painter, const QRectF &lane, LaneDecoration decoration, LaneFill fill)
    : m_painter(painter)
    , m_lane(lane)
    , m_decoration(std::move(decoration))
    , m_fill(std::move(fill))
{}

void LanePainter::add(double x0, double x1, LaneColour color)
{
    x0 = std::max(x0, 0.0);
    x1 = std::min(x1, m_lane.width());
    if (x1 <= x0)
        return;
    if (m_open && color == m_color && x0 <= m_x1 + 0.5) {
        m_x1 = std::max(m_x1, x1);
        return;
    }
    flush();
    m_open = true;
    m_color = color;
    m_x0 = x0;
    m_x1 = x1;
}

void LanePainter::addShares(double column, std::vector<ColumnShare> shares)
{
    if (shares.size() == 1) {
        add(column, column + 1.0, shares.front().first);
        return;
    }
    flush();
    // The same colour at the same height in every column: bands read as stripes, not a blend.
    std::sort(shares.begin(), shares.end());
    if (column < 0.0 || column >= m_lane.width())
        return;
    double total = 0.0;
    for (const auto &share : shares)
        total += share.second;
    const double height = m_lane.height();
    double y = m_lane.top();
    for (std::size_t i = 0; i < shares.size(); ++i) {
        const double band = i + 1 == shares.size() ? m_lane.bottom() - y
                                                   : std::max(1.0, std::round(height * shares[i].second / total));
        if (band <= 0.0)
            break;
        m_painter.fillRect(QRectF(m_lane.left() + column, y, 1.0, band), fillOf(shares[i].first));
        y += band;
    }
}

void LanePainter::flush()
{
    if (!m_open)
        return;
    const QRectF stretch(m_lane.left() + m_x0, m_lane.top(), std::max(m_x1 - m_x0, 1.0), m_lane.height());
    m_painter.fillRect(stretch, fillOf(m_color));
    if (m_decoration)
        m_decoration(stretch, m_color);
    m_open = false;
}

void paintColumnShares(QPainter &painter, const QRectF &lane, const ColumnShares &columns, const LaneFill &colourOf,
    const LaneDecoration &decoration)
{
    LanePainter whole(painter, lane, decoration, colourOf);
    for (int column = 0; column < columns.columnCount(); ++column) {
        std::vector<ColumnShare> shares = columns.column(column);
        if (shares.empty())
            continue;
        const double x = static_cast<double>(column);
        if (const LaneColour fill = columns.fillOf(column); fill != kNoColour) {
            whole.add(x, x + 1.0, fill);
            continue;
        }
        whole.flush();
        std::sort(shares.begin(), shares.end());
        double y = lane.bottom();
        for (const auto &[colour, part] : shares) {
            const double band = std::max(1.0, std::round(lane.height() * std::min(part, 1.0)));
            y -= band;
            painter.fillRect(QRectF(lane.left() + x, std::max(y, lane.top()), 1.0, band), colourOf(colour));
        }
    }
}

} // namespace clab
