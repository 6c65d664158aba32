#include "legendplacement.h"

#include <QChart>
#include <QGraphicsLayout>
#include <QLegend>
#include <QFontMetricsF>
#include <QLegendMarker>

#include <algorithm>
#include <cmath>
#include <vector>

namespace clab {

namespace {

constexpr qreal kPad = 8.0;
constexpr int kBaseMargin = 4; // styleChart's margins

// Entries of visible series. (A marker's own isVisible() is its item's, which a detached legend
// reports hidden until its next layout: no use for sizing that layout.)
int entryCount(QLegend *legend)
{
    const QList<QLegendMarker *> markers = legend->markers();
    return static_cast<int>(
        std::count_if(markers.begin(), markers.end(), [](QLegendMarker *m) { return m->series()->isVisible(); }));
}

// The widest entry and the height of one, from the legend's own size hint (which is the largest
// entry plus the legend's margins when no constraint is given).
struct EntrySize
{
    qreal width = 0.0;
    qreal height = 0.0;
    qreal frame = 0.0; // the margins around all entries, vertically
};

EntrySize entrySize(QLegend *legend)
{
    // The hint is cached: markers, labels and fonts may have changed since it was taken.
    if (legend->layout())
        legend->layout()->invalidate();
    static_cast<QGraphicsLayoutItem &>(*legend).updateGeometry(); // protected in QGraphicsWidget only
    const QSizeF hint = legend->effectiveSizeHint(Qt::PreferredSize);
    qreal left = 0, top = 0, right = 0, bottom = 0;
    legend->getContentsMargins(&left, &top, &right, &bottom);
    qreal layoutLeft = 0, layoutTop = 0, layoutRight = 0, layoutBottom = 0;
    if (legend->layout())
        legend->layout()->getContentsMargins(&layoutLeft, &layoutTop, &layoutRight, &layoutBottom);
    EntrySize size;
    size.frame = top + bottom + layoutTop + layoutBottom;
    size.width = hint.width() + 2.0; // a pixel of slack each side, so no label is cut by rounding
    size.height = hint.height() - size.frame;
    return size;
}

} // namespace

void placeLegendInPlot(QChart *chart)
{
    QLegend *legend = chart->legend();
    if (legend->isAttachedToChart())
        legend->detachFromChart();
    legend->setAlignment(Qt::AlignLeft);
    const int entries = entryCount(legend);
    const QRectF plot = chart->plotArea();
    if (entries == 0 || plot.isEmpty()) {
        legend->setGeometry(QRectF());
        return;
    }
    const EntrySize entry = entrySize(legend);
    const QSizeF size(std::min(entry.width, plot.width() - 2 * kPad), entries * entry.height + entry.frame);
    legend->setGeometry(QRectF(plot.topLeft() + QPointF(kPad, kPad), size));
    legend->update();
}

void placeLegendBelow(QChart *chart)
{
    QLegend *legend = chart->legend();
    if (legend->isAttachedToChart())
        legend->detachFromChart();
    legend->setAlignment(Qt::AlignTop); // detached, this only orders the rows: first row on top
    const QSizeF chartSize = chart->size();
    const qreal width = std::max(0.0, chartSize.width() - 2 * kPad);
    qreal height = 0.0;
    if (legend->isVisible() && entryCount(legend) > 0) {
        const EntrySize entry = entrySize(legend);
        // Each entry is its label plus what the marker and margins add; the size hint tells that
        // for the widest entry. The rows are counted the way the detached legend fills them.
        const QFontMetricsF metrics(legend->font());
        std::vector<qreal> labels;
        for (QLegendMarker *marker : legend->markers()) {
            if (marker->series()->isVisible())
                labels.push_back(metrics.horizontalAdvance(marker->label()));
        }
        const qreal extra = entry.width - *std::max_element(labels.begin(), labels.end());
        qreal left = 0, top = 0, right = 0, bottom = 0;
        if (legend->layout())
            legend->layout()->getContentsMargins(&left, &top, &right, &bottom);
        const qreal limit = kPad + width - 2 * right;
        qreal x = 0.0;
        int rows = 1;
        for (std::size_t i = 0; i < labels.size(); ++i) {
            const qreal w = labels[i] + extra;
            x += w;
            if (x + w > limit) {
                x = 0.0;
                if (i + 1 < labels.size())
                    ++rows;
            }
        }
        height = rows * entry.height + entry.frame;
    }
    QMargins margins = chart->margins();
    margins.setBottom(kBaseMargin + static_cast<int>(std::ceil(height)));
    if (margins != chart->margins())
        chart->setMargins(margins);
    legend->setGeometry(QRectF(kPad, chartSize.height() - kBaseMargin - height, width, height));
    legend->update();
}

} // namespace clab
