#pragma once

#include <QColor>
#include <QIcon>
#include <QPalette>
#include <QString>

class QPalette;

namespace clab {

// How the whole app looks: light or dark, presentation mode for a projector (larger fonts,
// thicker lines, stronger contrast), and high contrast (pure black on white, saturated state
// colours, thicker lines). Plain data handed to every page and chart.
struct Appearance
{
    bool dark = false;
    bool presentation = false;
    bool highContrast = false;

    bool operator==(const Appearance &) const = default;

    double fontScale() const { return presentation ? 1.45 : 1.0; }
    qreal lineWidth() const { return (presentation ? 4.0 : 2.0) * (highContrast ? 1.5 : 1.0); }
    QColor text() const;
    QColor mutedText() const;
    QColor background() const;
    QColor panel() const;
    QColor grid() const;
    QColor error() const;
};

// The toolbar's icons, drawn in colours that read on the theme's background.
enum class ActionIcon
{
    Run,
    Stop,
    Export
};
QIcon actionIcon(ActionIcon icon, const Appearance &appearance);

// The widgets' colours in this appearance (what applyAppearance gives the application).
QPalette paletteFor(const Appearance &appearance);

// Applies palette, style and font to the application. Remembers the base font on the first call
// so toggling presentation mode never compounds the scale.
void applyAppearance(const Appearance &appearance);
// True while applyAppearance() sets the application's palette: a palette change then is the
// app's own, not the system's (shell/themechooser.h tells them apart so).
bool applyingAppearance();
// Whether a palette reads as dark: its window colour's lightness below the middle.
bool isDarkPalette(const QPalette &palette);
// Whether the platform's palette was dark when the app started: read on the first call of this or
// of applyAppearance(), whichever comes first.
bool systemPaletteWasDark();

// While one lives, the application's style underlines no shortcut letter: widgets painted into an
// SVG or PDF then draw "Model:" as one text, not "M" (underlined) and "odel:" as two. Export code
// holds one while it paints (GUI thread only).
class HiddenMnemonics
{
public:
    HiddenMnemonics();
    ~HiddenMnemonics();
    HiddenMnemonics(const HiddenMnemonics &) = delete;
    HiddenMnemonics &operator=(const HiddenMnemonics &) = delete;

    static bool active();
};

} // namespace clab
