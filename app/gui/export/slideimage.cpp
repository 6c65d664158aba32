#include "export/slideimage.h"

#include "charts/corebarswidget.h"
#include "charts/corechart.h"
#include "charts/overlaychart.h"
#include "charts/speedupchart.h"
#include "charts/throughputchart.h"
#include "charts/timelinewidget.h"
#include "lab/rundescription.h"
#include "textutil.h"

#include <QApplication>
#include <QChartView>
#include <QFontMetricsF>
#include <QPainter>
#include <QResizeEvent>
#include <QSettings>
#include <QWidget>

#include <algorithm>
#include <vector>

namespace clab {

namespace {

const QString kSizeKey = QStringLiteral("export/slideSize");
const QString kThemeKey = QStringLiteral("export/slideTheme");
const QString kCaptionKey = QStringLiteral("export/slideCaption");

// Twice the layout's pixels: sharp on a slide or a printed page.
constexpr qreal kScale = 2.0;

// The slide theme: white, black text and thick lines, as presentation mode has them.
Appearance slideAppearance()
{
    Appearance appearance;
    appearance.presentation = true;
    return appearance;
}

// Gives a chart its colours (and line widths); false for any other widget.
bool giveAppearance(QWidget *widget, const Appearance &appearance)
{
    if (auto *chart = qobject_cast<ThroughputChart *>(widget))
        chart->setAppearance(appearance);
    else if (auto *cores = qobject_cast<CoreChart *>(widget))
        cores->setAppearance(appearance);
    else if (auto *bars = qobject_cast<CoreBarsWidget *>(widget))
        bars->setAppearance(appearance);
    else if (auto *timeline = qobject_cast<TimelineWidget *>(widget))
        timeline->setAppearance(appearance);
    else if (auto *speedup = qobject_cast<SpeedupChart *>(widget))
        speedup->setAppearance(appearance);
    else if (auto *overlay = qobject_cast<OverlayChart *>(widget))
        overlay->setAppearance(appearance);
    else
        return false;
    return true;
}

// Resizes `widget` now, laying it out at once even while it is hidden (a page not on screen
// gets its resize event only when shown).
void resizeNow(QWidget *widget, const QSize &size)
{
    const QSize old = widget->size();
    if (old == size)
        return;
    widget->resize(size);
    if (!widget->isVisible()) {
        QResizeEvent event(size, old);
        QCoreApplication::sendEvent(widget, &event);
    }
    // Its own layouts and its charts' scenes are laid out now; its parent's layout is not, or it
    // would put the widget back into its place on the page before it is drawn.
    std::vector<QObject *> laidOut{widget};
    for (QObject *child : widget->findChildren<QObject *>())
        laidOut.push_back(child);
    QList<QChartView *> views = widget->findChildren<QChartView *>();
    if (auto *view = qobject_cast<QChartView *>(widget))
        views.push_back(view);
    for (QChartView *view : views)
        laidOut.push_back(view->chart());
    for (QObject *object : laidOut)
        QCoreApplication::sendPostedEvents(object, QEvent::LayoutRequest);
}

// While one lives, the widget is laid out at `size` in `theme` (if any); then it gets its own
// size and the window's appearance back.
class LaidOut
{
public:
    LaidOut(QWidget *widget, const QSize &size, const std::optional<Appearance> &theme, const Appearance &current)
        : m_widget(widget)
        , m_size(widget->size())
        , m_current(current)
    {
        if (theme) {
            if (giveAppearance(widget, *theme)) {
                m_charts.push_back(widget);
            } else {
                // A page: its own widgets in the theme's palette, and each chart on it.
                m_ownPalette = widget->testAttribute(Qt::WA_SetPalette);
                m_palette = widget->palette();
                widget->setPalette(paletteFor(*theme));
                m_paletteSet = true;
                for (QWidget *child : widget->findChildren<QWidget *>()) {
                    if (giveAppearance(child, *theme))
                        m_charts.push_back(child);
                }
            }
        }
        resizeNow(widget, size);
    }

    ~LaidOut()
    {
        for (QWidget *chart : m_charts)
            giveAppearance(chart, m_current);
        if (m_paletteSet)
            m_widget->setPalette(m_ownPalette ? m_palette : QPalette());
        resizeNow(m_widget, m_size);
    }

    LaidOut(const LaidOut &) = delete;
    LaidOut &operator=(const LaidOut &) = delete;

private:
    QWidget *m_widget;
    QSize m_size;
    Appearance m_current;
    std::vector<QWidget *> m_charts;
    QPalette m_palette;
    bool m_ownPalette = false;
    bool m_paletteSet = false;
};

// Where everything goes, in layout pixels (the image has `scale` device pixels for each).
struct SlideLayout
{
    QSize pixels;
    qreal scale = kScale;
    QSize chart; // the widget's size while it is painted
    QSizeF page; // pixels / scale
    QString caption; // empty: none
    QFont font;
    QRectF captionBox;
    Appearance appearance; // the one the chart is drawn in
    QColor background;
};

SlideLayout layoutSlide(const QWidget *widget, const SlideSpec &spec)
{
    SlideLayout l;
    l.pixels = slidePixels(spec, widget);
    const bool slide = spec.options.theme == SlideOptions::Theme::Slide;
    l.appearance = slide ? slideAppearance() : spec.current;
    // Large type on a slide: the application's font is drawn as large as presentation mode's.
    if (slide)
        l.scale = kScale * slideAppearance().fontScale() / spec.current.fontScale();
    QColor background = slide ? l.appearance.background() : widget->palette().color(QPalette::Window);
    background.setAlpha(255); // opaque: dark text must not vanish on a dark slide
    l.background = background;
    l.caption = spec.options.caption ? spec.caption.simplified() : QString();

    l.font = QApplication::font();
    const auto layOut = [&] {
        l.page = QSizeF(l.pixels) / l.scale;
        double band = 0.0;
        if (!l.caption.isEmpty()) {
            // One line where it fits, down to three quarters of the font's size; else wrapped,
            // never cut.
            QFont font = QApplication::font();
            const qreal points = font.pointSizeF() > 0 ? font.pointSizeF() : 10.0;
            const qreal margin = QFontMetricsF(font).height() * 0.8;
            const qreal width = l.page.width() - 2 * margin;
            for (qreal size = points; size >= points * 0.75; size -= points * 0.05) {
                font.setPointSizeF(size);
                if (QFontMetricsF(font).horizontalAdvance(l.caption) <= width)
                    break;
            }
            l.font = font;
            const QFontMetricsF metrics(font);
            const qreal text
                = metrics.boundingRect(QRectF(0, 0, width, 1e6), Qt::AlignLeft | Qt::TextWordWrap, l.caption).height();
            const qreal pad = metrics.height() * 0.45;
            band = text + 2 * pad;
            l.captionBox = QRectF(margin, l.page.height() - band + pad, width, text);
        }
        l.chart = QSize(static_cast<int>(l.page.width()), static_cast<int>(l.page.height() - band));
        return band;
    };
    const double band = layOut();
    // A chart (or page) is never laid out smaller than it can be: it then takes more of the
    // image's pixels, at a smaller scale.
    const QSize least = widget->minimumSizeHint().expandedTo(widget->minimumSize());
    if (l.chart.width() < least.width() || l.chart.height() < least.height()) {
        l.scale = std::min(
            l.scale, std::min(l.pixels.width() / double(least.width()), l.pixels.height() / (least.height() + band)));
        layOut();
    }
    return l;
}

void paintCaption(QPainter &painter, const SlideLayout &l)
{
    if (l.caption.isEmpty())
        return;
    painter.save();
    painter.setPen(QPen(l.appearance.grid(), 0.0));
    const qreal top = l.chart.height();
    painter.drawLine(QPointF(0, top), QPointF(l.page.width(), top));
    painter.setFont(l.font);
    painter.setPen(l.appearance.mutedText());
    painter.drawText(l.captionBox, int(Qt::AlignLeft | Qt::AlignVCenter) | Qt::TextWordWrap, l.caption);
    painter.restore();
}

} // namespace

std::optional<SlideOptions::Size> SlideOptions::parseSize(const QString &name)
{
    const QString n = name.trimmed().toLower();
    if (n == QLatin1String("16:9"))
        return Size::Wide;
    if (n == QLatin1String("4:3"))
        return Size::Standard;
    if (n == QLatin1String("screen"))
        return Size::Screen;
    return std::nullopt;
}

QString SlideOptions::sizeName(Size size)
{
    switch (size) {
    case Size::Wide:
        return QStringLiteral("16:9");
    case Size::Standard:
        return QStringLiteral("4:3");
    case Size::Screen:
        break;
    }
    return QStringLiteral("screen");
}

QString SlideOptions::sizeText(Size size)
{
    switch (size) {
    case Size::Wide:
        return tr("16:9 (1920 × 1080)");
    case Size::Standard:
        return tr("4:3 (1600 × 1200)");
    case Size::Screen:
        break;
    }
    return tr("On-screen size (twice its pixels)");
}

SlideOptions SlideOptions::load()
{
    const QSettings settings;
    SlideOptions options;
    options.size = parseSize(settings.value(kSizeKey).toString()).value_or(options.size);
    options.theme = settings.value(kThemeKey).toString() == QLatin1String("slide") ? Theme::Slide : Theme::Current;
    options.caption = settings.value(kCaptionKey, options.caption).toBool();
    return options;
}

void SlideOptions::save() const
{
    QSettings settings;
    settings.setValue(kSizeKey, sizeName(size));
    settings.setValue(kThemeKey, theme == Theme::Slide ? QStringLiteral("slide") : QStringLiteral("current"));
    settings.setValue(kCaptionKey, caption);
}

QString slideCaption(const RunConfig &config, const QString &presetTitle, const QDate &date)
{
    QString what = presetTitle;
    if (what.isEmpty()) {
        what = SlideOptions::tr("%1 · %2 · %3 · %4")
                   .arg(toQString(toString(config.model)),
                       config.workers == 1 ? SlideOptions::tr("1 worker")
                                           : SlideOptions::tr("%1 workers").arg(config.workers),
                       toQString(toString(config.workload)), gilText(config.gil));
    }
    return date.isValid() ? what + QStringLiteral(" · ") + date.toString(Qt::ISODate) : what;
}

QSize slidePixels(const SlideSpec &spec, const QWidget *widget)
{
    switch (spec.options.size) {
    case SlideOptions::Size::Wide:
        return {1920, 1080};
    case SlideOptions::Size::Standard:
        return {1600, 1200};
    case SlideOptions::Size::Screen:
        break;
    }
    return widget->size() * kScale;
}

QImage renderSlide(QWidget *widget, const SlideSpec &spec)
{
    const SlideLayout l = layoutSlide(widget, spec);
    QImage image(l.pixels, QImage::Format_ARGB32_Premultiplied);
    image.fill(l.background);
    image.setDevicePixelRatio(l.scale);
    const LaidOut laidOut(widget, l.chart,
        spec.options.theme == SlideOptions::Theme::Slide ? std::optional(l.appearance) : std::nullopt, spec.current);
    // The timeline's few lanes would leave most of a slide empty: they grow to twice their tallest
    // on screen, and what is still left over is split above and below them.
    int top = 0;
    auto *timeline = qobject_cast<TimelineWidget *>(widget);
    const int cap = timeline ? timeline->laneCap() : 0;
    if (timeline) {
        timeline->setLaneCap(2 * cap);
        if (const int natural = timeline->naturalHeight(); natural < l.chart.height()) {
            resizeNow(timeline, QSize(l.chart.width(), natural));
            top = (l.chart.height() - natural) / 2;
        }
    }
    {
        const HiddenMnemonics noUnderlines; // a slide has no keyboard
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setRenderHint(QPainter::TextAntialiasing);
        widget->render(&painter, QPoint(0, top));
        paintCaption(painter, l);
    }
    if (timeline)
        timeline->setLaneCap(cap);
    return image;
}

void paintSlide(
    QWidget *widget, const SlideSpec &spec, QPainter &painter, void (*paint)(QWidget *widget, QPainter &painter))
{
    const SlideLayout l = layoutSlide(widget, spec);
    const LaidOut laidOut(widget, l.chart,
        spec.options.theme == SlideOptions::Theme::Slide ? std::optional(l.appearance) : std::nullopt, spec.current);
    painter.save();
    painter.scale(l.scale, l.scale);
    painter.fillRect(QRectF(QPointF(0, 0), l.page), l.background);
    paint(widget, painter);
    paintCaption(painter, l);
    painter.restore();
}

} // namespace clab
