#include "charts/chartstyle.h"

#include <QApplication>
#include <QChart>
#include <QFontMetricsF>
#include <QLegend>
#include <QPainter>
#include <QPen>
#include <QPolygonF>
#include <QValueAxis>

#include <array>
#include <cmath>

namespace clab {

QColor stateColor(WorkerState state)
{
    return stateColor(state, Appearance{});
}

// Okabe & Ito (2008), "Color Universal Design": bluish green, yellow, vermillion, blue and reddish
// purple; waiting for a lock in Paul Tol's wine (light) or purple (dark), waiting on the pipeline's
// queue a dark brown (light, high contrast) or sand (dark), the hues left once the others are
// taken, with a pattern of its own (checks), idle a plain grey. Every
// pair stays apart under Machado, Oliveira & Fernandes (2009) deuteranopia and protanopia
// (tests/app/tst_chartstyle.cpp checks CIEDE2000 differences). The dark theme's blue is Okabe-Ito's
// sky blue and its grey darker, to read on the dark panel; high contrast saturates them all.
QColor stateColor(WorkerState state, const Appearance &appearance)
{
    struct Set
    {
        QRgb running, waitingCpu, waitingGil, waitingLock, io, native, idle, waitingQueue;
    };
    static constexpr Set light{0x009E73, 0xF0E442, 0xD55E00, 0x882255, 0x0072B2, 0xCC79A7, 0xD9D9D9, 0x663311};
    static constexpr Set dark{0x009E73, 0xF0E442, 0xD55E00, 0xAA4499, 0x56B4E9, 0xCC79A7, 0x5A5F66, 0xE8D5B0};
    static constexpr Set contrast{0x00A060, 0xFFE800, 0xE04000, 0x6B0050, 0x0040C0, 0xE050B8, 0xC8C8C8, 0x3A1A00};
    const Set &set = appearance.highContrast ? contrast : appearance.dark ? dark : light;
    switch (state) {
    case WorkerState::Running:
        return QColor(set.running);
    case WorkerState::WaitingGil:
        return QColor(set.waitingGil);
    case WorkerState::Io:
        return QColor(set.io);
    case WorkerState::Native:
        return QColor(set.native);
    case WorkerState::Idle:
        return QColor(set.idle);
    case WorkerState::WaitingCpu:
        return QColor(set.waitingCpu);
    case WorkerState::WaitingLock:
        return QColor(set.waitingLock);
    case WorkerState::WaitingQueue:
        return QColor(set.waitingQueue);
    }
    return Qt::gray;
}

QString stateName(WorkerState state)
{
    switch (state) {
    case WorkerState::Running:
        return QApplication::translate("Timeline", "Running bytecode");
    case WorkerState::WaitingGil:
        return QApplication::translate("Timeline", "Waiting for the GIL");
    case WorkerState::Io:
        return QApplication::translate("Timeline", "I/O");
    case WorkerState::Native:
        return QApplication::translate("Timeline", "Native code");
    case WorkerState::Idle:
        return QApplication::translate("Timeline", "Idle");
    case WorkerState::WaitingCpu:
        return QApplication::translate("Timeline", "Waiting for a core");
    case WorkerState::WaitingLock:
        return QApplication::translate("Timeline", "Waiting for a lock");
    case WorkerState::WaitingQueue:
        return QApplication::translate("Timeline", "Waiting on the queue");
    }
    return {};
}

QColor coreColor(int core)
{
    // Paul Tol's "vibrant" scheme (designed to stay apart with colour-blindness), then Okabe-Ito's
    // orange and Tol's olive, indigo and sand: none of them a state's colour, so a lane coloured by
    // core never reads as a state. Each core's line also has a dash (seriesDash), so two cores
    // never differ by colour alone.
    static const std::array<QColor, 10> palette{QColor(0x00, 0x77, 0xBB), QColor(0xEE, 0x77, 0x33),
        QColor(0x00, 0x99, 0x88), QColor(0xEE, 0x33, 0x77), QColor(0x33, 0xBB, 0xEE), QColor(0xCC, 0x33, 0x11),
        QColor(0xE6, 0x9F, 0x00), QColor(0x99, 0x99, 0x33), QColor(0x33, 0x22, 0x88), QColor(0xDD, 0xCC, 0x77)};
    if (core < 0)
        return Qt::gray;
    const QColor base = palette[static_cast<std::size_t>(core) % palette.size()];
    // Past ten cores, later rounds are lighter so neighbours still differ.
    return core < 10 ? base : base.lighter(100 + 25 * (core / 10));
}

QColor unitColor(int unit)
{
    // The GIL's holders: Okabe-Ito's sky blue and orange (the two no state uses), then Paul Tol's
    // colours, in an order that keeps the first holders far from the state colours. The GIL lane
    // also writes each holder's number on its stretches.
    static const std::array<QColor, 10> palette{QColor(0x56, 0xB4, 0xE9), QColor(0xE6, 0x9F, 0x00),
        QColor(0x33, 0x22, 0x88), QColor(0x99, 0x99, 0x33), QColor(0x88, 0xCC, 0xEE), QColor(0xAA, 0x44, 0x99),
        QColor(0x11, 0x77, 0x33), QColor(0xDD, 0xCC, 0x77), QColor(0x44, 0xAA, 0x99), QColor(0xCC, 0x66, 0x77)};
    return palette[static_cast<std::size_t>(std::max(unit, 0)) % palette.size()];
}

QVector<qreal> seriesDash(int index)
{
    // In pen widths, dash then gap: solid, dashed, dotted, dash-dot, long dash, dash-dot-dot.
    static const std::array<QVector<qreal>, 6> dashes{QVector<qreal>{}, QVector<qreal>{4, 2}, QVector<qreal>{1, 2},
        QVector<qreal>{5, 2, 1, 2}, QVector<qreal>{9, 3}, QVector<qreal>{5, 2, 1, 2, 1, 2}};
    return dashes[static_cast<std::size_t>(std::max(index, 0)) % dashes.size()];
}

void setSeriesDash(QPen &pen, int index)
{
    const QVector<qreal> dash = seriesDash(index);
    if (dash.isEmpty())
        pen.setStyle(Qt::SolidLine);
    else
        pen.setDashPattern(dash);
}

QImage seriesMarker(int index, const QColor &colour, int size)
{
    QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(colour);
    const qreal s = size;
    const auto polygon = [&](std::initializer_list<QPointF> points) { painter.drawPolygon(QPolygonF(points)); };
    switch (std::max(index, 0) % 6) {
    case 0:
        painter.drawEllipse(QRectF(0.1 * s, 0.1 * s, 0.8 * s, 0.8 * s));
        break;
    case 1:
        painter.drawRect(QRectF(0.15 * s, 0.15 * s, 0.7 * s, 0.7 * s));
        break;
    case 2:
        polygon({QPointF(0.5 * s, 0.05 * s), QPointF(0.95 * s, 0.9 * s), QPointF(0.05 * s, 0.9 * s)});
        break;
    case 3:
        polygon({QPointF(0.5 * s, 0.0), QPointF(s, 0.5 * s), QPointF(0.5 * s, s), QPointF(0.0, 0.5 * s)});
        break;
    case 4:
        polygon({QPointF(0.05 * s, 0.1 * s), QPointF(0.95 * s, 0.1 * s), QPointF(0.5 * s, 0.95 * s)});
        break;
    default: // a plus
        painter.drawRect(QRectF(0.35 * s, 0.0, 0.3 * s, s));
        painter.drawRect(QRectF(0.0, 0.35 * s, s, 0.3 * s));
        break;
    }
    return image;
}

void styleChart(QChart *chart, const Appearance &appearance)
{
    chart->setTheme(appearance.dark ? QChart::ChartThemeDark : QChart::ChartThemeLight);
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->setBackgroundRoundness(0);
    chart->setBackgroundBrush(appearance.panel());
    chart->setPlotAreaBackgroundVisible(false);
    chart->setMargins(QMargins(4, 4, 4, 4));
    QFont titleFont = QApplication::font();
    titleFont.setBold(true);
    chart->setTitleFont(titleFont);
    chart->setTitleBrush(appearance.text());
    QFont legendFont = QApplication::font();
    chart->legend()->setFont(legendFont);
    chart->legend()->setLabelColor(appearance.text());
}

void styleAxis(QValueAxis *axis, const Appearance &appearance)
{
    QFont font = QApplication::font();
    axis->setLabelsFont(font);
    axis->setLabelsColor(appearance.text());
    axis->setTitleFont(font);
    axis->setTitleBrush(appearance.mutedText());
    axis->setGridLineColor(appearance.grid());
    axis->setLinePenColor(appearance.mutedText());
    if (appearance.presentation) {
        QPen grid(appearance.grid());
        grid.setWidthF(1.5);
        axis->setGridLinePen(grid);
    }
}

namespace {

struct NiceRange
{
    double step = 1.0;
    double max = 1.0;
    int decimals = 0;
};

NiceRange niceRange(double value, int maxTicks)
{
    NiceRange range;
    range.step = niceStep(std::max(value, 1e-9) / maxTicks);
    range.max = std::max(range.step * std::ceil(value / range.step - 1e-9), range.step);
    // Whole numbers print without decimals; fractional steps keep as many as they need to differ
    // (a step of 0.005 s prints 0.005, 0.010, ...).
    range.decimals = range.step >= 1.0 ? 0 : static_cast<int>(std::ceil(-std::log10(range.step) - 1e-9));
    return range;
}

} // namespace

double setNiceRange(QValueAxis *axis, double value, int maxTicks)
{
    const NiceRange range = niceRange(value, maxTicks);
    axis->setTickType(QValueAxis::TicksDynamic);
    axis->setTickAnchor(0.0);
    axis->setTickInterval(range.step);
    axis->setRange(0.0, range.max);
    axis->setLabelFormat(QStringLiteral("%.") + QString::number(range.decimals) + QStringLiteral("f"));
    return range.max;
}

double setNiceRangeFitting(QValueAxis *axis, double value, qreal length, int maxTicks)
{
    const QFontMetricsF metrics(axis->labelsFont());
    const bool horizontal = axis->orientation() == Qt::Horizontal;
    int ticks = std::max(1, maxTicks);
    for (; ticks > 1; --ticks) {
        const NiceRange range = niceRange(value, ticks);
        const int labels = static_cast<int>(std::lround(range.max / range.step)) + 1;
        qreal need = 2.0 * metrics.height();
        if (horizontal) {
            qreal widest = 0.0;
            for (int i = 0; i < labels; ++i)
                widest
                    = std::max(widest, metrics.horizontalAdvance(QString::number(i * range.step, 'f', range.decimals)));
            need = widest + metrics.height();
        }
        if (need * labels <= length)
            break;
    }
    return setNiceRange(axis, value, ticks);
}

void fitAxisTitles(QChart *chart, QValueAxis *x, QValueAxis *y, double yMax)
{
    // Qt Charts gives the axes on each side at most 0.4 of the chart's width (left) or of the
    // height its title and legend leave (bottom), and elides their numbers past that: a small chart
    // drops an axis title rather than its numbers (the legend and the chart's title name the unit).
    constexpr qreal kAxisPortion = 0.4;
    constexpr qreal kPadding = 8.0; // between labels, title and plot
    if (y) {
        const qreal numbers = QFontMetricsF(y->labelsFont()).horizontalAdvance(QString::number(yMax, 'f', 0));
        const qreal title = QFontMetricsF(y->titleFont()).height();
        // (The title runs up the axis: it is cut short where the plot is lower than it is long.)
        const qreal along = QFontMetricsF(y->titleFont()).horizontalAdvance(y->titleText());
        const bool fits = numbers + 3.0 * title <= kAxisPortion * chart->size().width()
            && along + title <= chart->plotArea().height();
        if (y->isTitleVisible() != fits)
            y->setTitleVisible(fits);
    }
    if (x) {
        const qreal labels = QFontMetricsF(x->labelsFont()).height();
        const qreal title = QFontMetricsF(x->titleFont()).height();
        // The height the axes share: the plot's and the bottom axis's as it is now, so that
        // showing or hiding the title does not change the answer.
        const qreal axisNow = labels + kPadding + (x->isTitleVisible() ? title : 0.0);
        const qreal shared = chart->plotArea().height() + axisNow;
        const bool fits = labels + title + kPadding <= kAxisPortion * shared;
        if (x->isTitleVisible() != fits)
            x->setTitleVisible(fits);
    }
}

void setFittingTitle(QChart *chart, const QStringList &titles)
{
    if (titles.isEmpty())
        return;
    const QFontMetricsF metrics(chart->titleFont());
    // The chart's margins and a little room each side of the title.
    // (Qt Charts lays the title out inside the background's own padding too: two text heights
    // leave room for it at every font size.)
    const qreal room
        = chart->size().width() - chart->margins().left() - chart->margins().right() - 2.0 * metrics.height();
    for (const QString &title : titles) {
        if (metrics.horizontalAdvance(title) <= room) {
            if (chart->title() != title)
                chart->setTitle(title);
            return;
        }
    }
    if (chart->title() != titles.constLast())
        chart->setTitle(titles.constLast());
}

double niceStep(double value)
{
    if (!(value > 0.0))
        return 1.0;
    const double magnitude = std::pow(10.0, std::floor(std::log10(value)));
    for (const double candidate : {1.0, 2.0, 5.0}) {
        if (candidate * magnitude >= value * (1 - 1e-9))
            return candidate * magnitude;
    }
    return 10.0 * magnitude;
}

double niceCeiling(double value)
{
    if (!(value > 0.0))
        return 1.0;
    const double magnitude = std::pow(10.0, std::floor(std::log10(value)));
    for (const double step : {1.0, 2.0, 2.5, 5.0, 10.0}) {
        if (step * magnitude >= value * (1 - 1e-9))
            return step * magnitude;
    }
    return 10.0 * magnitude;
}

} // namespace clab
