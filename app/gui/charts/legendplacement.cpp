#include "charts/legendplacement.h"

#include <QChart>
#include <QFontMetricsF>
#include <QGraphicsLayout>
#include <QLegend>
#include <QLegendMarker>

#include <algorithm>
#include <cmath>
#include <vector>

namespace clab {

namespace {

constexpr qreal kPad = 8.0;
constexpr int kBaseMargin = 4; // styleChart's margins

// The entries of visible series, by label width. (A marker's own isVisible() is its item's, which a
// detached legend reports hidden until its next layout: no use for sizing that layout.)
std::vector<qreal> labelWidths(QLegend *legend)
{
    const QFontMetricsF metrics(legend->font());
    std::vector<qreal> widths;
    for (QLegendMarker *marker : legend->markers()) {
        if (marker->series()->isVisible() && !marker->series()->property(kNoLegendEntry).toBool())
            widths.push_back(metrics.horizontalAdvance(marker->label()));
    }
    return widths;
}

struct Entries
{
    std::vector<qreal> widths; // each entry: its label and what the marker and margins add
    qreal height = 0.0; // of one entry
    qreal frame = 0.0; // around all entries, vertically and horizontally
    qreal layoutRight = 0.0;
};

Entries measure(QLegend *legend)
{
    Entries e;
    const std::vector<qreal> labels = labelWidths(legend);
    if (labels.empty())
        return e;
    // The hint is cached: markers, labels and fonts may have changed since it was taken. With no
    // constraint it is the largest entry plus the legend's margins.
    if (legend->layout())
        legend->layout()->invalidate();
    static_cast<QGraphicsLayoutItem &>(*legend).updateGeometry(); // protected in QGraphicsWidget only
    const QSizeF hint = legend->effectiveSizeHint(Qt::PreferredSize);
    qreal left = 0, top = 0, right = 0, bottom = 0;
    legend->getContentsMargins(&left, &top, &right, &bottom);
    qreal layoutLeft = 0, layoutTop = 0, layoutRight = 0, layoutBottom = 0;
    if (legend->layout())
        legend->layout()->getContentsMargins(&layoutLeft, &layoutTop, &layoutRight, &layoutBottom);
    e.frame = top + bottom + layoutTop + layoutBottom;
    e.height = hint.height() - e.frame;
    e.layoutRight = layoutRight;
    // A pixel of slack each side, so no label is cut by rounding.
    const qreal extra = hint.width() + 2.0 - *std::max_element(labels.begin(), labels.end());
    for (const qreal label : labels)
        e.widths.push_back(label + extra);
    return e;
}

// Rows the detached legend fills in `width`, counted the way it fills them: QLegend's detached
// layout places an entry, then starts a new row when the entry just placed would not fit again.
// So a wide entry after a narrow one can run past the edge: `overflows` says so.
struct Rows
{
    int count = 1;
    bool overflows = false;
};

Rows rowsIn(const Entries &e, qreal width)
{
    const qreal limit = kPad + width - 2 * e.layoutRight;
    Rows rows;
    qreal x = 0.0;
    for (std::size_t i = 0; i < e.widths.size(); ++i) {
        if (x + e.widths[i] > width)
            rows.overflows = true;
        x += e.widths[i];
        if (x + e.widths[i] > limit) {
            x = 0.0;
            if (i + 1 < e.widths.size())
                ++rows.count;
        }
    }
    return rows;
}

} // namespace

void placeLegend(QChart *chart)
{
    QLegend *legend = chart->legend();
    if (legend->isAttachedToChart())
        legend->detachFromChart();
    const QSizeF chartSize = chart->size();
    const Entries entries = legend->isVisible() ? measure(legend) : Entries{};
    QMargins margins = chart->margins();
    if (entries.widths.empty() || chartSize.isEmpty()) {
        margins.setRight(kBaseMargin);
        margins.setBottom(kBaseMargin);
        if (margins != chart->margins())
            chart->setMargins(margins);
        legend->setGeometry(QRectF());
        return;
    }

    // The choice is made from the chart's size and fonts alone, never from the plot area of the
    // moment: that lags a margin change until the next layout, and a choice read from it would
    // flip back and forth. The plot is roughly the chart less a title and the axes' labels and
    // titles, a few lines of text each way.
    const qreal line = QFontMetricsF(legend->font()).height();
    const qreal freeWidth = chartSize.width() - 2 * kBaseMargin - 6 * line;
    const qreal freeHeight = chartSize.height() - 2 * kBaseMargin - 5 * line;

    const qreal belowWidth = std::max(0.0, chartSize.width() - 2 * kPad);
    // In rows where they fit; else one entry a row (a detached column never wraps here: its
    // layout compares a local position with the legend's bottom in chart coordinates).
    const Rows rows = rowsIn(entries, belowWidth);
    const int belowRows = rows.overflows ? static_cast<int>(entries.widths.size()) : rows.count;
    const qreal belowHeight = belowRows * entries.height + entries.frame;
    const qreal besideWidth = *std::max_element(entries.widths.begin(), entries.widths.end()) + kPad;
    const qreal besideHeight = static_cast<qreal>(entries.widths.size()) * entries.height + entries.frame;
    const qreal belowScore = std::min(freeWidth, freeHeight - belowHeight);
    // Beside only in one column that fits, leaving the plot at least two fifths of the width.
    const bool besideFits = besideHeight <= freeHeight && besideWidth <= chartSize.width() * 0.6;
    const qreal besideScore = besideFits ? std::min(freeWidth - besideWidth, freeHeight) : -1.0;
    const bool beside = besideScore > belowScore;

    if (beside) {
        legend->setAlignment(Qt::AlignLeft); // detached, this stacks the entries in a column
        margins.setRight(kBaseMargin + static_cast<int>(std::ceil(besideWidth)));
        margins.setBottom(kBaseMargin);
    } else {
        // Detached, AlignTop fills rows (the first on top) and AlignLeft stacks a column.
        legend->setAlignment(rows.overflows ? Qt::AlignLeft : Qt::AlignTop);
        margins.setRight(kBaseMargin);
        margins.setBottom(kBaseMargin + static_cast<int>(std::ceil(belowHeight)));
    }
    if (margins != chart->margins())
        chart->setMargins(margins);
    if (beside) {
        const qreal top = std::max(kPad, chart->plotArea().top()); // the title above does not move
        legend->setGeometry(QRectF(
            chartSize.width() - kBaseMargin - besideWidth + kPad / 2, top, besideWidth - kPad / 2, besideHeight));
    } else {
        legend->setGeometry(QRectF(kPad, chartSize.height() - kBaseMargin - belowHeight, belowWidth, belowHeight));
    }
    legend->update();
}

} // namespace clab
