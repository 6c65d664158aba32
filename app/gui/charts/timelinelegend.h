#pragma once

#include "charts/statepatterns.h"
#include "shell/appearance.h"

#include <QBrush>
#include <QString>

#include <vector>

class QFontMetrics;
class QPainter;
class QRect;

namespace clab {

// The timeline's legend below its axis: a swatch and a name per entry, wrapped into rows. A
// state's swatch shows its pattern over its colour, as the lanes do.
struct LegendEntry
{
    QBrush brush;
    QString name;
    StatePattern pattern = StatePattern::Plain;
};

// Rows of entries that fit `width`, as indexes into `entries`; at least one row.
std::vector<std::vector<std::size_t>> legendRows(
    const std::vector<LegendEntry> &entries, const QFontMetrics &metrics, int width);
void paintLegend(QPainter &painter, const QRect &area, const std::vector<LegendEntry> &entries,
    const QFontMetrics &metrics, const Appearance &appearance);

} // namespace clab
