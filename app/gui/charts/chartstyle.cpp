#include "charts/chartstyle.h"

#include <QApplication>
#include <QChart>
#include <QFontMetricsF>
#include <QValueAxis>

#include <array>
#include <cmath>

namespace clab {

QColor stateColor(WorkerState state)
{
    switch (state) {
    case WorkerState::Running:
        return QColor(0x00, 0x9E, 0x73);
    case WorkerState::WaitingGil:
        return QColor(0xD5, 0x5E, 0x00);
    case WorkerState::Io:
        return QColor(0x00, 0x72, 0xB2);
    case WorkerState::Native:
        return QColor(0xCC, 0x79, 0xA7);
    case WorkerState::Idle:
        return QColor(0xA8, 0xA8, 0xA8);
    case WorkerState::WaitingCpu:
        return QColor(0xF0, 0xE4, 0x42);
    case WorkerState::WaitingLock:
        return QColor(0x88, 0x22, 0x55);
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
    }
    return {};
}

QColor coreColor(int core)
{
    static const std::array<QColor, 10> palette{QColor(0x1f, 0x77, 0xb4), QColor(0xff, 0x7f, 0x0e),
        QColor(0x2c, 0xa0, 0x2c), QColor(0xd6, 0x27, 0x28), QColor(0x94, 0x67, 0xbd), QColor(0x8c, 0x56, 0x4b),
        QColor(0xe3, 0x77, 0xc2), QColor(0x7f, 0x7f, 0x7f), QColor(0xbc, 0xbd, 0x22), QColor(0x17, 0xbe, 0xcf)};
    if (core < 0)
        return Qt::gray;
    const QColor base = palette[static_cast<std::size_t>(core) % palette.size()];
    // Past ten cores, later rounds are lighter so neighbours still differ.
    return core < 10 ? base : base.lighter(100 + 25 * (core / 10));
}

QColor unitColor(int unit)
{
    // Tableau 10 in an order that keeps the first holders far from the state colours.
    static const std::array<QColor, 10> palette{QColor(0x4E, 0x79, 0xA7), QColor(0x9C, 0x75, 0x5F),
        QColor(0xE1, 0x57, 0x59), QColor(0xB0, 0x7A, 0xA1), QColor(0x76, 0xB7, 0xB2), QColor(0xFF, 0x9D, 0xA7),
        QColor(0xF2, 0x8E, 0x2B), QColor(0x59, 0xA1, 0x4F), QColor(0xED, 0xC9, 0x48), QColor(0xBA, 0xB0, 0xAC)};
    return palette[static_cast<std::size_t>(std::max(unit, 0)) % palette.size()];
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
