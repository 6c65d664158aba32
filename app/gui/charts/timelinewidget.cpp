#include "charts/timelinewidget.h"

#include "charts/chartstyle.h"
#include "charts/lanepainter.h"
#include "charts/statepatterns.h"
#include "charts/timelinelegend.h"
#include "platform/system.h"

#include <QHelpEvent>
#include <QKeyEvent>
#include <QLinearGradient>
#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>
#include <QStyle>
#include <QToolTip>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>
#include <map>

namespace clab {

TimelineWidget::TimelineWidget(QWidget *parent)
    : QWidget(parent)
{
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);
    setAccessibleName(tr("Worker timeline"));
    setAccessibleDescription(tr("One lane per worker coloured by state or core, and who holds the GIL. "
                                "Plus and minus zoom, arrows pan, 0 fits the whole run."));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    m_laneScroll = new QScrollBar(Qt::Vertical, this);
    m_laneScroll->setObjectName(QStringLiteral("timelineLaneScroll"));
    m_laneScroll->setAccessibleName(tr("Worker lanes"));
    m_laneScroll->setSingleStep(1);
    m_laneScroll->setVisible(false);
    connect(m_laneScroll, &QScrollBar::valueChanged, this, [this](int first) {
        m_firstLane = first;
        update();
    });
}

void TimelineWidget::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    updateLaneScroll();
}

void TimelineWidget::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange)
        updateLaneScroll(); // the lanes' room follows the text's height
}

bool TimelineWidget::lanesScroll() const
{
    return layout().scrolls;
}

void TimelineWidget::scrollLanesTo(int first)
{
    updateLaneScroll();
    m_laneScroll->setValue(first); // clamped to the lanes there are; valueChanged repaints
}

void TimelineWidget::updateLaneScroll()
{
    const Layout l = layout();
    m_laneScroll->setVisible(l.scrolls);
    const QSignalBlocker blocker(m_laneScroll);
    m_laneScroll->setRange(0, l.scrolls ? laneCount() - l.lanesShown : 0);
    m_laneScroll->setPageStep(std::max(1, l.lanesShown));
    if (l.scrolls)
        m_laneScroll->setGeometry(l.scrollBar);
    m_firstLane = m_laneScroll->value();
    // Room for the GIL lanes, the first two worker lanes with their labels, the axis and the legend as wrapped at
    // this width: the page above gives up height before a lane disappears (a projector's Lab).
    const int lanes = std::min(2, laneCount());
    const int readable = std::max(kMinLaneHeight, fontMetrics().height() + 2); // a label at full size
    const int needed = l.laneTop + lanes * readable + (height() - l.plot.bottom()) + 2;
    if (needed != m_minimumHeight) {
        m_minimumHeight = needed;
        updateGeometry();
    }
}

int TimelineWidget::naturalHeight() const
{
    // The lanes at their tallest, and everything around them as laid out at this width.
    const Layout l = layout();
    const int lanes = std::max(1, laneCount());
    return l.laneTop + lanes * fontMetrics().height() * m_laneCap + (height() - l.plot.bottom()) + 2;
}

void TimelineWidget::setLaneCap(int textLines)
{
    m_laneCap = std::max(1, textLines);
    updateLaneScroll();
    update();
}

QSize TimelineWidget::minimumSizeHint() const
{
    return {320, std::max(140, m_minimumHeight)};
}

void TimelineWidget::reset(const RunConfig &config)
{
    m_config = config;
    m_lanes.clear();
    m_nowNs = 0;
    m_coresSeen = 0;
    m_unitCount = 0;
    m_live = true;
    m_window = {};
    m_laneScroll->setValue(0);
    updateLaneScroll();
    update();
}

void TimelineWidget::addDelta(const TimelineDelta &delta)
{
    m_unitCount = std::max({m_unitCount, delta.unitCount, delta.units.size()});
    if (m_lanes.size() < delta.units.size() && m_lanes.size() < kMaxLanes) {
        for (std::size_t i = m_lanes.size(); i < std::min(delta.units.size(), kMaxLanes); ++i) {
            Lane lane;
            lane.unit = delta.units[i].index;
            lane.role = delta.units[i].role;
            lane.interpreter = delta.units[i].interpreter;
            m_lanes.push_back(std::move(lane));
        }
    }
    for (std::size_t i = 0; i < m_lanes.size() && i < delta.units.size(); ++i) {
        m_lanes[i].finished = delta.units[i].finished;
        m_lanes[i].current = delta.units[i].current;
        if (Interval *current = m_lanes[i].current ? &*m_lanes[i].current : nullptr) {
            current->startNs -= delta.startNs;
            current->endNs -= delta.startNs;
        }
    }
    for (const auto &[unit, intervals] : delta.added) {
        if (unit < 0 || static_cast<std::size_t>(unit) >= m_lanes.size())
            continue;
        std::vector<Interval> &lane = m_lanes[static_cast<std::size_t>(unit)].intervals;
        for (Interval interval : intervals) {
            m_coresSeen = std::max(m_coresSeen, interval.core + 1);
            interval.startNs -= delta.startNs;
            interval.endNs -= delta.startNs;
            lane.push_back(interval);
        }
    }
    m_nowNs = std::max(m_nowNs, static_cast<std::int64_t>(delta.elapsedSeconds * 1e9));
    updateLaneScroll();
    update();
}

void TimelineWidget::setFinished(double wallSeconds)
{
    m_live = false;
    for (Lane &lane : m_lanes)
        lane.current.reset();
    m_nowNs = std::max(m_nowNs, static_cast<std::int64_t>(wallSeconds * 1e9));
    updateLaneScroll(); // the legend loses "not reported yet"
    update();
}

void TimelineWidget::setColorMode(ColorMode mode)
{
    m_colorMode = mode;
    updateLaneScroll(); // the legend's rows change
    update();
}

void TimelineWidget::setAppearance(const Appearance &appearance)
{
    m_appearance = appearance;
    updateLaneScroll();
    update();
}

std::optional<Interval> TimelineWidget::currentOf(const Lane &lane) const
{
    if (!m_live || lane.finished || !lane.current)
        return std::nullopt;
    Interval now = *lane.current;
    if (!lane.intervals.empty())
        now.startNs = std::max(now.startNs, lane.intervals.back().endNs);
    if (now.endNs <= now.startNs)
        return std::nullopt;
    return now;
}

std::size_t TimelineWidget::intervalCount() const
{
    std::size_t total = 0;
    for (const Lane &lane : m_lanes)
        total += lane.intervals.size();
    return total;
}

int TimelineWidget::lanesShowingActivity() const
{
    return static_cast<int>(std::count_if(m_lanes.begin(), m_lanes.end(), [this](const Lane &lane) {
        return lane.role == WorkerRole::Worker && (!lane.intervals.empty() || currentOf(lane));
    }));
}

std::int64_t TimelineWidget::runSpanNs() const
{
    std::int64_t span = m_nowNs;
    for (const Lane &lane : m_lanes) {
        if (!lane.intervals.empty())
            span = std::max(span, lane.intervals.back().endNs);
    }
    return std::max<std::int64_t>(span, 100'000'000); // at least 100 ms on screen
}

double TimelineWidget::viewStartNs() const
{
    return m_window.startNs();
}

double TimelineWidget::viewSpanNs() const
{
    return m_window.spanNs(static_cast<double>(runSpanNs()));
}

std::vector<int> TimelineWidget::gilInterpreters() const
{
    std::map<int, int> unitsPer;
    for (const Lane &lane : m_lanes)
        ++unitsPer[lane.interpreter];
    std::vector<int> shown;
    for (const auto &[interpreter, count] : unitsPer) {
        if (count >= 2 || unitsPer.size() == 1)
            shown.push_back(interpreter);
    }
    return shown;
}

TimelineWidget::Layout TimelineWidget::layout() const
{
    Layout l;
    const QFontMetrics metrics = fontMetrics();
    const int text = metrics.height();
    l.labelWidth = metrics.horizontalAdvance(QStringLiteral("GIL interp 00")) + 12;
    const int legendRowCount = static_cast<int>(legendRows(fittedLegend(metrics), metrics, width()).size());
    const int legendHeight = legendRowCount * (text + 6) + 2;
    l.legend = QRect(0, height() - legendHeight, width(), legendHeight);
    l.axis = QRect(l.labelWidth, l.legend.top() - text - 6, width() - l.labelWidth - 8, text + 6);
    const int top = 4;
    l.plot = QRect(l.labelWidth, top, width() - l.labelWidth - 8, l.axis.top() - top);

    const bool gilShown = m_config.gil != GilPolicy::Off && !gilInterpreters().empty();
    const int gilLanes = gilShown ? std::min<int>(4, static_cast<int>(gilInterpreters().size())) : 1;
    // A line of text, so the "GIL holder" label is never cut.
    l.gilRowHeight = text + 4;
    l.gilRows = gilLanes;
    l.laneTop = l.plot.top() + gilLanes * (l.gilRowHeight + 2) + 6;
    // Units past kMaxLanes have no lane: a row below the lanes counts them.
    const bool uncounted = m_unitCount > m_lanes.size();
    const int available = l.plot.bottom() - l.laneTop - (uncounted ? text : 0);
    const int lanes = static_cast<int>(m_lanes.size());
    l.laneHeight = lanes > 0
        ? std::clamp(available / std::max(1, lanes), kMinLaneHeight, std::max(kMinLaneHeight, text * m_laneCap))
        : text + 8;
    l.lanesShown = std::min(lanes, std::max(0, available / l.laneHeight));
    // The lanes that do not fit scroll: a scroll bar right of them takes its width from the plot
    // (the GIL lane and the axis too, so that one time stays one x).
    l.scrolls = l.lanesShown < lanes && l.lanesShown > 0;
    if (l.scrolls) {
        const int bar = style()->pixelMetric(QStyle::PM_ScrollBarExtent, nullptr, this);
        l.plot.setWidth(l.plot.width() - bar - 4);
        l.axis.setWidth(l.plot.width());
        l.scrollBar = QRect(l.plot.right() + 5, l.laneTop, bar, l.lanesShown * l.laneHeight);
    }
    return l;
}

int TimelineWidget::laneHeight() const
{
    return layout().laneHeight;
}

int TimelineWidget::lanesShown() const
{
    return layout().lanesShown;
}

QString TimelineWidget::laneLabel(const Lane &lane) const
{
    if (lane.role == WorkerRole::Hog)
        return tr("hog %1").arg(lane.unit);
    return tr("worker %1").arg(lane.unit);
}

void TimelineWidget::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.fillRect(rect(), m_appearance.panel());
    const Layout l = layout();
    const QFontMetrics metrics = fontMetrics();
    const double t0 = viewStartNs();
    const double nsPerPx = viewSpanNs() / std::max(1, l.plot.width());
    const QColor text = m_appearance.text();
    const QColor muted = m_appearance.mutedText();

    if (m_lanes.empty()) {
        painter.setPen(muted);
        painter.drawText(
            l.plot, Qt::AlignCenter | Qt::TextWordWrap, tr("The workers' timeline appears here when a run starts."));
        paintLegend(painter, l.legend, fittedLegend(metrics), metrics, m_appearance);
        return;
    }

    // GIL lanes: per interpreter, the Running intervals of its units in the unit's colour.
    const std::vector<int> interpreters = gilInterpreters();
    for (int row = 0; row < l.gilRows; ++row) {
        const QRect laneRect(l.plot.left(), l.plot.top() + row * (l.gilRowHeight + 2), l.plot.width(), l.gilRowHeight);
        painter.fillRect(laneRect, m_appearance.dark ? QColor(44, 47, 53) : QColor(238, 240, 243));
        painter.setPen(text);
        if (m_config.gil == GilPolicy::Off || interpreters.empty()) {
            painter.drawText(QRect(0, laneRect.top(), l.labelWidth - 6, laneRect.height()),
                Qt::AlignRight | Qt::AlignVCenter, tr("GIL"));
            painter.setPen(muted);
            const bool off = m_config.gil == GilPolicy::Off;
            QString note = off ? tr("No GIL (free-threaded): workers run bytecode in parallel")
                               : tr("Each worker has its own interpreter and its own GIL");
            if (metrics.horizontalAdvance(note) > laneRect.width() - 6) // said shorter, never cut
                note = off ? tr("No GIL: parallel bytecode") : tr("A GIL per worker");
            painter.drawText(laneRect.adjusted(6, 0, 0, 0), Qt::AlignLeft | Qt::AlignVCenter, note);
            continue;
        }
        const int interpreter = interpreters[static_cast<std::size_t>(row)];
        painter.drawText(QRect(0, laneRect.top(), l.labelWidth - 6, laneRect.height()),
            Qt::AlignRight | Qt::AlignVCenter,
            interpreters.size() > 1 ? tr("GIL interp %1").arg(interpreter) : tr("GIL holder"));
        ColumnShares holders(laneRect.width()); // by holderValue(unit): the number, then the colour
        const LaneBuckets buckets(t0, nsPerPx, laneRect.width());
        for (const Lane &lane : m_lanes) {
            if (lane.interpreter != interpreter)
                continue;
            const LaneColour colour = holderValue(lane.unit);
            // A holder the OS has taken off its core still holds the GIL: nobody else may run bytecode.
            const auto running = [&](const Interval &i) {
                return i.state == WorkerState::Running || i.state == WorkerState::WaitingCpu ? colour : kNoColour;
            };
            buckets.tally(holders, lane.intervals, running);
            if (const std::optional<Interval> now = currentOf(lane))
                buckets.tally(holders, std::vector<Interval>{*now}, running);
        }
        paintColumnShares(painter, laneRect, holders, holderFill, holderNumberDecoration(painter, m_appearance));
    }

    // Worker lanes.
    // Lane labels shrink with the lanes so a line of text fits the lane (less its gap) whole.
    const bool labels = l.laneHeight >= 8;
    QFont labelFont = font();
    if (l.laneHeight - 2 < metrics.height())
        labelFont.setPixelSize(std::max(7, (l.laneHeight - 2) * 5 / 6));
    painter.setFont(labelFont);
    const QBrush unreported(m_appearance.dark ? QColor(120, 124, 132) : QColor(170, 174, 182), Qt::BDiagPattern);
    const LaneColour offCpu = (m_appearance.dark ? QColor(70, 74, 80) : QColor(222, 224, 228)).rgb();
    const int first = l.scrolls ? std::clamp(m_firstLane, 0, laneCount() - l.lanesShown) : 0;
    // Colour by state: each state's pattern too. By core there is no state to mark.
    const LaneDecoration patterns
        = m_colorMode == ColorMode::State ? statePatternDecoration(painter, m_appearance) : LaneDecoration{};
    for (int row = 0; row < l.lanesShown; ++row) {
        const Lane &lane = m_lanes[static_cast<std::size_t>(first + row)];
        const int gap = l.laneHeight >= 6 ? 2 : 0;
        const QRect laneRect(l.plot.left(), l.laneTop + row * l.laneHeight, l.plot.width(), l.laneHeight - gap);
        if (labels) {
            painter.setPen(lane.role == WorkerRole::Hog ? muted : text);
            painter.drawText(QRect(0, laneRect.top(), l.labelWidth - 6, laneRect.height()),
                Qt::AlignRight | Qt::AlignVCenter, laneLabel(lane));
        }
        const std::optional<Interval> now = currentOf(lane);
        const auto colourOf = [&](const Interval &i) {
            if (m_colorMode == ColorMode::State)
                return stateColor(i.state, m_appearance).rgb();
            const bool onCpu = i.state == WorkerState::Running || i.state == WorkerState::Native;
            return onCpu ? coreColor(i.core).rgb() : offCpu;
        };
        paintIntervals(painter, laneRect, lane.intervals, t0, nsPerPx, colourOf, patterns);
        if (now)
            paintIntervals(painter, laneRect, std::vector<Interval>{*now}, t0, nsPerPx, colourOf, patterns);
        // Time nothing has been reported for yet (worker processes report an interval when it ends).
        if (m_live && !lane.finished) {
            double from = lane.intervals.empty() ? 0.0 : static_cast<double>(lane.intervals.back().endNs);
            if (now)
                from = std::max(from, static_cast<double>(now->endNs));
            const double x0 = std::max(0.0, (from - t0) / nsPerPx);
            const double x1
                = std::min(static_cast<double>(laneRect.width()), (static_cast<double>(m_nowNs) - t0) / nsPerPx);
            if (x1 > x0)
                painter.fillRect(QRectF(laneRect.left() + x0, laneRect.top(), x1 - x0, laneRect.height()), unreported);
        }
    }
    painter.setFont(font());
    if (m_unitCount > m_lanes.size()) {
        painter.setPen(muted);
        painter.drawText(QRect(l.plot.left(), l.plot.bottom() - metrics.height() + 1, l.plot.width(), metrics.height()),
            Qt::AlignLeft | Qt::AlignVCenter,
            tr("+%1 more workers not drawn").arg(static_cast<qlonglong>(m_unitCount - m_lanes.size())));
    }
    paintAxis(painter, l);
    paintLegend(painter, l.legend, fittedLegend(metrics), metrics, m_appearance);
}

void TimelineWidget::paintAxis(QPainter &painter, const Layout &l) const
{
    const double spanSeconds = viewSpanNs() / 1e9;
    const double startSeconds = viewStartNs() / 1e9;
    const int maxTicks
        = std::max(2, l.axis.width() / (fontMetrics().horizontalAdvance(QStringLiteral("00.00 s")) + 24));
    const double step = niceStep(spanSeconds / maxTicks);
    painter.setPen(m_appearance.mutedText());
    painter.drawLine(l.axis.topLeft(), l.axis.topRight());
    for (double t = std::ceil(startSeconds / step) * step; t <= startSeconds + spanSeconds + 1e-12; t += step) {
        const int x = l.plot.left() + static_cast<int>((t - startSeconds) / spanSeconds * l.plot.width());
        painter.drawLine(x, l.axis.top(), x, l.axis.top() + 4);
        const QString label = formatAxisTime(t, step);
        const int w = fontMetrics().horizontalAdvance(label);
        painter.drawText(QRect(std::min(x - w / 2, l.axis.right() - w), l.axis.top() + 4, w + 2, l.axis.height() - 4),
            Qt::AlignCenter, label);
    }
    if (!m_window.isFitting()) {
        // Where the view is within the whole run.
        const double total = static_cast<double>(runSpanNs());
        const int x0 = l.plot.left() + static_cast<int>(viewStartNs() / total * l.plot.width());
        const int w = std::max(6, static_cast<int>(viewSpanNs() / total * l.plot.width()));
        painter.fillRect(QRect(x0, l.axis.top() - 3, w, 3), palette().highlight());
    }
}

// On a narrow window (a projector's), the legend takes no more than two rows where shorter names
// of the GIL's holders get it there: the lanes keep the height.
std::vector<LegendEntry> TimelineWidget::fittedLegend(const QFontMetrics &metrics) const
{
    std::vector<LegendEntry> entries = legendEntries(false);
    if (legendRows(entries, metrics, width()).size() > 2)
        entries = legendEntries(true);
    return entries;
}

std::vector<LegendEntry> TimelineWidget::legendEntries(bool compact) const
{
    std::vector<LegendEntry> entries;
    if (m_colorMode == ColorMode::State) {
        for (const WorkerState state :
            {WorkerState::Running, WorkerState::WaitingCpu, WorkerState::WaitingGil, WorkerState::WaitingLock,
                WorkerState::WaitingQueue, WorkerState::Io, WorkerState::Native, WorkerState::Idle}) {
            // Without the kernel's schedstat nobody can tell "waiting for a core": the state is absent.
            if (state == WorkerState::WaitingCpu && !platform::hasSchedStat())
                continue;
            // Only the race workload's lock and the deadlock workload's are waited for.
            if (state == WorkerState::WaitingLock && m_config.workload != WorkloadKind::Deadlock
                && !(m_config.workload == WorkloadKind::Race && m_config.raceMode == RaceMode::Locked))
                continue;
            // Only the pipeline workload's workers wait on its queue.
            if (state == WorkerState::WaitingQueue && m_config.workload != WorkloadKind::Pipeline)
                continue;
            entries.push_back({stateColor(state, m_appearance), stateName(state), statePattern(state)});
        }
    } else {
        for (int core = 0; core < std::min(m_coresSeen, 16); ++core)
            entries.push_back({coreColor(core), QStringLiteral("cpu%1").arg(core)});
        entries.push_back({m_appearance.dark ? QColor(70, 74, 80) : QColor(222, 224, 228), tr("off CPU")});
    }
    if (m_live)
        entries.push_back({QBrush(m_appearance.dark ? QColor(120, 124, 132) : QColor(170, 174, 182), Qt::BDiagPattern),
            tr("not reported yet")});
    // Who the GIL lane's colours are: by name for a few holders, in words for many.
    if (m_config.gil != GilPolicy::Off) {
        const std::vector<int> interpreters = gilInterpreters();
        std::vector<const Lane *> holders;
        for (const Lane &lane : m_lanes) {
            if (!interpreters.empty() && lane.interpreter == interpreters.front())
                holders.push_back(&lane);
        }
        if (holders.size() <= 4) {
            for (const Lane *lane : holders)
                entries.push_back(
                    {unitColor(lane->unit), (compact ? tr("GIL: %1") : tr("GIL held by %1")).arg(laneLabel(*lane))});
        } else if (!holders.empty()) {
            QLinearGradient mixed(0, 0, 12, 0);
            mixed.setColorAt(0.0, unitColor(0));
            mixed.setColorAt(0.5, unitColor(1));
            mixed.setColorAt(1.0, unitColor(2));
            entries.push_back({QBrush(mixed), tr("GIL lane: one colour per holder")});
        }
    }
    return entries;
}

} // namespace clab
