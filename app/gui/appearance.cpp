#include "appearance.h"

#include <QApplication>
#include <QFont>
#include <QPalette>
#include <QStyleFactory>

namespace clab {

QColor Appearance::text() const
{
    if (dark)
        return presentation ? QColor(255, 255, 255) : QColor(230, 232, 236);
    return presentation ? QColor(0, 0, 0) : QColor(28, 30, 34);
}

QColor Appearance::mutedText() const
{
    if (dark)
        return presentation ? QColor(220, 220, 220) : QColor(160, 166, 176);
    return presentation ? QColor(40, 40, 40) : QColor(96, 102, 112);
}

QColor Appearance::background() const
{
    if (dark)
        return presentation ? QColor(0, 0, 0) : QColor(30, 32, 36);
    return presentation ? QColor(255, 255, 255) : QColor(246, 247, 249);
}

QColor Appearance::panel() const
{
    if (dark)
        return presentation ? QColor(14, 14, 14) : QColor(40, 43, 48);
    return QColor(255, 255, 255);
}

QColor Appearance::grid() const
{
    return dark ? QColor(80, 84, 92) : QColor(214, 218, 224);
}

QColor Appearance::error() const
{
    return dark ? QColor(255, 120, 110) : QColor(176, 0, 32);
}

void applyAppearance(const Appearance &appearance)
{
    static const QFont baseFont = QApplication::font();
    if (QStyle *fusion = QStyleFactory::create(QStringLiteral("Fusion")))
        QApplication::setStyle(fusion);

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
    palette.setColor(QPalette::Highlight, accent);
    palette.setColor(QPalette::HighlightedText, QColor(255, 255, 255));
    palette.setColor(QPalette::Link, accent);
    palette.setColor(QPalette::Mid, appearance.grid());
    palette.setColor(QPalette::Disabled, QPalette::Text, appearance.mutedText());
    palette.setColor(QPalette::Disabled, QPalette::ButtonText, appearance.mutedText());
    palette.setColor(QPalette::Disabled, QPalette::WindowText, appearance.mutedText());
    QApplication::setPalette(palette);

    QFont font = baseFont;
    const qreal basePoints = baseFont.pointSizeF() > 0 ? baseFont.pointSizeF() : 10.0;
    font.setPointSizeF(basePoints * appearance.fontScale());
    if (appearance.presentation)
        font.setWeight(QFont::Medium);
    QApplication::setFont(font);
}

} // namespace clab
