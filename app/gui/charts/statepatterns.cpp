#include "charts/statepatterns.h"

#include "charts/chartstyle.h"

#include <QBrush>
#include <QFontMetricsF>
#include <QHash>
#include <QImage>
#include <QLineF>
#include <QPaintEngine>
#include <QPainter>
#include <QPen>

#include <array>
#include <cmath>

namespace clab {

StatePattern statePattern(WorkerState state)
{
    switch (state) {
    case WorkerState::Running:
    case WorkerState::Idle:
        return StatePattern::Plain;
    case WorkerState::WaitingCpu:
        return StatePattern::VerticalBars;
    case WorkerState::WaitingGil:
        return StatePattern::Hatch;
    case WorkerState::WaitingLock:
        return StatePattern::CrossHatch;
    case WorkerState::Io:
        return StatePattern::Dots;
    case WorkerState::Native:
        return StatePattern::HorizontalLines;
    case WorkerState::WaitingQueue:
        return StatePattern::Checks;
    }
    return StatePattern::Plain;
}

QColor inkOn(const QColor &fill, const Appearance &appearance)
{
    // Relative luminance (WCAG 2), roughly: which of black and white contrasts more.
    const auto linear = [](double c) { return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4); };
    const double luminance
        = 0.2126 * linear(fill.redF()) + 0.7152 * linear(fill.greenF()) + 0.0722 * linear(fill.blueF());
    const bool darkInk = luminance > 0.18;
    const int alpha = appearance.highContrast ? 255 : 170;
    return darkInk ? QColor(0, 0, 0, alpha) : QColor(255, 255, 255, alpha);
}

namespace {

// One tile of `pattern`, `period` pixels square at scale 1, its marks `scale` pixels thick.
// Marks are set pixel by pixel, without antialiasing, so the tiles meet without seams.
QImage patternTile(StatePattern pattern, const QColor &ink, int scale)
{
    const int period = 6;
    QImage tile(period, period, QImage::Format_ARGB32_Premultiplied);
    tile.fill(Qt::transparent);
    const QRgb mark = qPremultiply(ink.rgba());
    for (int y = 0; y < period; ++y) {
        for (int x = 0; x < period; ++x) {
            bool on = false;
            switch (pattern) {
            case StatePattern::Plain:
                break;
            case StatePattern::VerticalBars:
                on = x == 0;
                break;
            case StatePattern::Hatch:
                on = x + y == period - 1;
                break;
            case StatePattern::CrossHatch:
                on = x + y == period - 1 || x == y;
                break;
            case StatePattern::Dots:
                on = (x == 1 || x == 2) && (y == 1 || y == 2);
                break;
            case StatePattern::HorizontalLines:
                on = y == 0;
                break;
            case StatePattern::Checks:
                on = (x < period / 2) != (y < period / 2);
                break;
            }
            if (on)
                tile.setPixel(x, y, mark);
        }
    }
    return scale == 1 ? tile
                      : tile.scaled(period * scale, period * scale, Qt::IgnoreAspectRatio, Qt::FastTransformation);
}

// The same marks as lines and dots, for a vector device (PDF, SVG): a brush pattern there would
// become an embedded image, and the report's charts stay vector.
void paintVectorPattern(QPainter &painter, const QRectF &rect, StatePattern pattern, const QColor &ink, int scale)
{
    const qreal period = 6.0 * scale;
    painter.save();
    painter.setClipRect(rect, Qt::IntersectClip);
    painter.setPen(QPen(ink, scale, Qt::SolidLine, Qt::FlatCap));
    painter.setBrush(Qt::NoBrush);
    const qreal left = std::floor(rect.left() / period) * period;
    const qreal top = std::floor(rect.top() / period) * period;
    QList<QLineF> lines;
    switch (pattern) {
    case StatePattern::Plain:
        break;
    case StatePattern::VerticalBars:
        for (qreal x = left; x <= rect.right(); x += period)
            lines.append(QLineF(x, rect.top(), x, rect.bottom()));
        break;
    case StatePattern::HorizontalLines:
        for (qreal y = top; y <= rect.bottom(); y += period)
            lines.append(QLineF(rect.left(), y, rect.right(), y));
        break;
    case StatePattern::Hatch:
    case StatePattern::CrossHatch:
        // Diagonals across the whole rectangle, one period apart, clipped to it.
        for (qreal x = left - rect.height(); x <= rect.right() + rect.height(); x += period) {
            lines.append(QLineF(x, rect.bottom(), x + rect.height(), rect.top()));
            if (pattern == StatePattern::CrossHatch)
                lines.append(QLineF(x, rect.top(), x + rect.height(), rect.bottom()));
        }
        break;
    case StatePattern::Dots:
        painter.setPen(Qt::NoPen);
        painter.setBrush(ink);
        for (qreal y = top + scale; y <= rect.bottom(); y += period) {
            for (qreal x = left + scale; x <= rect.right(); x += period)
                painter.drawRect(QRectF(x, y, 2.0 * scale, 2.0 * scale));
        }
        break;
    case StatePattern::Checks:
        painter.setPen(Qt::NoPen);
        painter.setBrush(ink);
        for (qreal y = top; y <= rect.bottom(); y += period) {
            for (qreal x = left; x <= rect.right(); x += period) {
                painter.drawRect(QRectF(x + period / 2, y, period / 2, period / 2));
                painter.drawRect(QRectF(x, y + period / 2, period / 2, period / 2));
            }
        }
        break;
    }
    if (!lines.isEmpty())
        painter.drawLines(lines);
    painter.restore();
}

} // namespace

void paintStatePattern(
    QPainter &painter, const QRectF &rect, StatePattern pattern, const QColor &fill, const Appearance &appearance)
{
    if (pattern == StatePattern::Plain || rect.isEmpty())
        return;
    const int scale = appearance.presentation ? 2 : 1;
    const QColor ink = inkOn(fill, appearance);
    if (const QPaintEngine *engine = painter.paintEngine(); engine && engine->type() != QPaintEngine::Raster) {
        paintVectorPattern(painter, rect, pattern, ink, scale);
        return;
    }
    // A handful of tiles: eight states' inks at two scales (GUI thread only).
    static QHash<quint64, QBrush> cache;
    const quint64 key
        = (static_cast<quint64>(ink.rgba()) << 8) | (static_cast<quint64>(pattern) << 2) | static_cast<quint64>(scale);
    auto found = cache.find(key);
    if (found == cache.end())
        found = cache.insert(key, QBrush(patternTile(pattern, ink, scale)));
    painter.fillRect(rect, *found);
}

LaneDecoration statePatternDecoration(QPainter &painter, const Appearance &appearance)
{
    // The eight states' colours and patterns, looked up by colour on each stretch.
    constexpr int kStates = static_cast<int>(kLastWorkerState) + 1;
    std::array<std::pair<LaneColour, StatePattern>, kStates> patterns{};
    for (int s = 0; s < kStates; ++s) {
        const auto state = static_cast<WorkerState>(s);
        patterns[static_cast<std::size_t>(s)] = {stateColor(state, appearance).rgb(), statePattern(state)};
    }
    return [&painter, appearance, patterns](const QRectF &stretch, LaneColour colour) {
        if (stretch.width() < kMinPatternWidth)
            return;
        for (const auto &[rgb, pattern] : patterns) {
            if (rgb == colour) {
                paintStatePattern(painter, stretch, pattern, QColor::fromRgb(colour), appearance);
                return;
            }
        }
    };
}

LaneDecoration holderNumberDecoration(QPainter &painter, const Appearance &appearance)
{
    const QFontMetricsF metrics(painter.font());
    const double room = metrics.horizontalAdvance(QStringLiteral("00"));
    return [&painter, appearance, room](const QRectF &stretch, LaneColour value) {
        const int unit = static_cast<int>(value) - 1;
        const QString number = QString::number(unit);
        const QFontMetricsF fm(painter.font());
        if (stretch.width() < std::max(room, fm.horizontalAdvance(number) + 4.0) || stretch.height() < fm.ascent())
            return;
        QColor ink = inkOn(holderFill(value), appearance);
        ink.setAlpha(255);
        painter.setPen(ink);
        painter.drawText(stretch, Qt::AlignCenter, number);
    };
}

LaneColour holderValue(int unit)
{
    return static_cast<LaneColour>(std::max(unit, 0)) + 1;
}

QColor holderFill(LaneColour value)
{
    return unitColor(static_cast<int>(value) - 1);
}

} // namespace clab
