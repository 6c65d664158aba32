#include "shell/appearance.h"

#include <QApplication>
#include <QFont>
#include <QPainter>
#include <QPainterPath>
#include <QPalette>
#include <QPixmap>
#include <QProxyStyle>
#include <QStyleFactory>
#include <QStyleOption>

#include <algorithm>

namespace clab {

QColor Appearance::text() const
{
    if (highContrast)
        return dark ? QColor(255, 255, 255) : QColor(0, 0, 0);
    if (dark)
        return presentation ? QColor(255, 255, 255) : QColor(230, 232, 236);
    return presentation ? QColor(0, 0, 0) : QColor(28, 30, 34);
}

QColor Appearance::mutedText() const
{
    if (highContrast)
        return dark ? QColor(235, 235, 235) : QColor(20, 20, 20);
    if (dark)
        return presentation ? QColor(220, 220, 220) : QColor(160, 166, 176);
    return presentation ? QColor(40, 40, 40) : QColor(96, 102, 112);
}

QColor Appearance::background() const
{
    if (dark)
        return presentation || highContrast ? QColor(0, 0, 0) : QColor(30, 32, 36);
    return presentation || highContrast ? QColor(255, 255, 255) : QColor(246, 247, 249);
}

QColor Appearance::panel() const
{
    if (dark)
        return highContrast ? QColor(0, 0, 0) : presentation ? QColor(14, 14, 14) : QColor(40, 43, 48);
    return QColor(255, 255, 255);
}

QColor Appearance::grid() const
{
    if (highContrast)
        return dark ? QColor(150, 150, 150) : QColor(110, 110, 110);
    return dark ? QColor(80, 84, 92) : QColor(214, 218, 224);
}

QColor Appearance::error() const
{
    if (highContrast)
        return dark ? QColor(255, 90, 80) : QColor(170, 0, 0);
    return dark ? QColor(255, 120, 110) : QColor(176, 0, 32);
}

QIcon actionIcon(ActionIcon icon, const Appearance &appearance)
{
    QIcon result;
    for (const int size : {16, 22, 32, 48, 64}) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        const qreal s = size;
        switch (icon) {
        case ActionIcon::Run: {
            QPainterPath triangle;
            triangle.moveTo(0.25 * s, 0.15 * s);
            triangle.lineTo(0.85 * s, 0.5 * s);
            triangle.lineTo(0.25 * s, 0.85 * s);
            triangle.closeSubpath();
            painter.fillPath(triangle, appearance.dark ? QColor(60, 200, 140) : QColor(0, 140, 90));
            break;
        }
        case ActionIcon::Stop:
            painter.setPen(Qt::NoPen);
            painter.setBrush(appearance.dark ? QColor(255, 110, 100) : QColor(200, 40, 40));
            painter.drawRoundedRect(QRectF(0.2 * s, 0.2 * s, 0.6 * s, 0.6 * s), 0.08 * s, 0.08 * s);
            break;
        case ActionIcon::Export: {
            QPen pen(appearance.dark ? QColor(120, 180, 255) : QColor(0, 92, 200));
            pen.setWidthF(std::max(1.5, 0.09 * s));
            pen.setCapStyle(Qt::RoundCap);
            pen.setJoinStyle(Qt::RoundJoin);
            painter.setPen(pen);
            painter.drawLine(QPointF(0.5 * s, 0.12 * s), QPointF(0.5 * s, 0.6 * s));
            painter.drawPolyline(
                QPolygonF({QPointF(0.3 * s, 0.42 * s), QPointF(0.5 * s, 0.62 * s), QPointF(0.7 * s, 0.42 * s)}));
            painter.drawPolyline(QPolygonF({QPointF(0.15 * s, 0.6 * s), QPointF(0.15 * s, 0.85 * s),
                QPointF(0.85 * s, 0.85 * s), QPointF(0.85 * s, 0.6 * s)}));
            break;
        }
        }
        painter.end();
        result.addPixmap(pixmap);
    }
    return result;
}

namespace {

int g_hiddenMnemonics = 0; // HiddenMnemonics alive (GUI thread only)
bool g_applying = false; // applyAppearance() is setting the palette (GUI thread only)

} // namespace

HiddenMnemonics::HiddenMnemonics()
{
    ++g_hiddenMnemonics;
}

HiddenMnemonics::~HiddenMnemonics()
{
    --g_hiddenMnemonics;
}

bool HiddenMnemonics::active()
{
    return g_hiddenMnemonics > 0;
}

namespace {

// Fusion outlines radio buttons and check boxes in a shade of the window colour, which all but
// vanishes on a dark window and on a projector. This draws a ring in the text colour over it.
class ClearIndicatorStyle : public QProxyStyle
{
public:
    using QProxyStyle::QProxyStyle;

    void drawPrimitive(
        PrimitiveElement element, const QStyleOption *option, QPainter *painter, const QWidget *widget) const override
    {
        QProxyStyle::drawPrimitive(element, option, painter, widget);
        if (element != PE_IndicatorRadioButton && element != PE_IndicatorCheckBox)
            return;
        painter->save();
        painter->setRenderHint(QPainter::Antialiasing);
        QColor ring = option->palette.color(QPalette::WindowText);
        ring.setAlpha(option->state & State_Enabled ? 190 : 90);
        QPen pen(ring);
        pen.setWidthF(1.3);
        painter->setPen(pen);
        painter->setBrush(Qt::NoBrush);
        const QRectF box = QRectF(option->rect).adjusted(1.0, 1.0, -1.0, -1.0);
        if (element == PE_IndicatorRadioButton)
            painter->drawEllipse(box);
        else
            painter->drawRoundedRect(box, 2.0, 2.0);
        painter->restore();
    }

    int styleHint(
        StyleHint hint, const QStyleOption *option, const QWidget *widget, QStyleHintReturn *returnData) const override
    {
        if (hint == SH_UnderlineShortcut && HiddenMnemonics::active())
            return 0;
        return QProxyStyle::styleHint(hint, option, widget, returnData);
    }
};

} // namespace

bool applyingAppearance()
{
    return g_applying;
}

bool isDarkPalette(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}

bool systemPaletteWasDark()
{
    static const bool dark = isDarkPalette(QGuiApplication::palette());
    return dark;
}

QPalette paletteFor(const Appearance &appearance)
{
    QPalette palette;
    const QColor text = appearance.text();
    const QColor window = appearance.background();
    const QColor base = appearance.panel();
    const QColor accent = appearance.dark ? QColor(86, 156, 255) : QColor(0, 92, 200);
    palette.setColor(QPalette::Window, window);
    palette.setColor(QPalette::WindowText, text);
    palette.setColor(QPalette::Base, base);
    palette.setColor(QPalette::AlternateBase, appearance.dark ? QColor(48, 52, 58) : QColor(240, 242, 245));
    palette.setColor(QPalette::ToolTipBase, base);
    palette.setColor(QPalette::ToolTipText, text);
    palette.setColor(QPalette::PlaceholderText, appearance.mutedText());
    palette.setColor(QPalette::Text, text);
    palette.setColor(QPalette::Button, appearance.dark ? QColor(52, 56, 63) : QColor(236, 238, 241));
    palette.setColor(QPalette::ButtonText, text);
    palette.setColor(QPalette::BrightText, QColor(255, 80, 80));
    // Selected rows carry white text: a deeper blue than the links keeps it readable in dark mode.
    // High contrast selects in the text's colour, with the background's on it.
    const QColor highlight = appearance.dark ? QColor(34, 94, 190) : accent;
    palette.setColor(QPalette::Highlight, appearance.highContrast ? text : highlight);
    palette.setColor(QPalette::HighlightedText, appearance.highContrast ? window : QColor(255, 255, 255));
    palette.setColor(QPalette::Link, accent);
    palette.setColor(QPalette::Mid, appearance.grid());
    palette.setColor(QPalette::Disabled, QPalette::Text, appearance.mutedText());
    palette.setColor(QPalette::Disabled, QPalette::ButtonText, appearance.mutedText());
    palette.setColor(QPalette::Disabled, QPalette::WindowText, appearance.mutedText());
    return palette;
}

void applyAppearance(const Appearance &appearance)
{
    static const QFont baseFont = QApplication::font();
    systemPaletteWasDark(); // read before the app's palette replaces the platform's
    if (QStyle *fusion = QStyleFactory::create(QStringLiteral("Fusion")))
        QApplication::setStyle(new ClearIndicatorStyle(fusion));

    g_applying = true;
    QApplication::setPalette(paletteFor(appearance));
    g_applying = false;

    QFont font = baseFont;
    const qreal basePoints = baseFont.pointSizeF() > 0 ? baseFont.pointSizeF() : 10.0;
    font.setPointSizeF(basePoints * appearance.fontScale());
    if (appearance.presentation)
        font.setWeight(QFont::Medium);
    QApplication::setFont(font);
}

} // namespace clab
