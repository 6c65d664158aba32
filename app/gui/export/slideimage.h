#pragma once

#include "model/runconfig.h"
#include "shell/appearance.h"

#include <QCoreApplication>
#include <QDate>
#include <QImage>
#include <QSize>
#include <QString>

#include <optional>

class QPainter;
class QWidget;

namespace clab {

// How a chart image is made for a slide: its size, its theme and a caption line. Remembered
// between sessions (QSettings "export/slideSize", "export/slideTheme", "export/slideCaption").
struct SlideOptions
{
    Q_DECLARE_TR_FUNCTIONS(SlideOptions)

public:
    enum class Size
    {
        Wide, // 16:9, 1920×1080
        Standard, // 4:3, 1600×1200
        Screen // the chart's on-screen size, at twice its pixels
    };
    enum class Theme
    {
        Current, // the window's theme, light or dark, on an opaque background
        Slide // white background, large type
    };

    Size size = Size::Wide;
    Theme theme = Theme::Current;
    bool caption = true;

    bool operator==(const SlideOptions &) const = default;

    // "16:9", "4:3" and "screen" (the command line's --export-size), and back.
    static std::optional<Size> parseSize(const QString &name);
    static QString sizeName(Size size);
    // "16:9 (1920 × 1080)", for the export dialog.
    static QString sizeText(Size size);

    static SlideOptions load();
    void save() const;
};

// One chart image: the options, the caption it carries (none when empty or options.caption is
// off) and the window's own appearance (Theme::Current, and what the chart is given back).
struct SlideSpec
{
    SlideOptions options{SlideOptions::Size::Screen, SlideOptions::Theme::Current, false};
    QString caption;
    Appearance current;
};

// The caption of a run's charts: the preset's title when the run came from one, else
// "threads · 2 workers · cpu · Python 3.2+ GIL"; then the date ("… · 2025-03-04").
QString slideCaption(const RunConfig &config, const QString &presetTitle, const QDate &date);

// The image's size in pixels: 1920×1080, 1600×1200 or twice the widget's size.
QSize slidePixels(const SlideSpec &spec, const QWidget *widget);

// The chart laid out afresh at the slide's size (the widget is resized, given the slide's theme,
// painted, then given its own size and theme back), with the caption below it, on an opaque
// background. GUI thread only.
QImage renderSlide(QWidget *widget, const SlideSpec &spec);
// The same as vector drawing (an SVG) of slidePixels() units; `paint` draws the widget.
void paintSlide(
    QWidget *widget, const SlideSpec &spec, QPainter &painter, void (*paint)(QWidget *widget, QPainter &painter));

} // namespace clab
