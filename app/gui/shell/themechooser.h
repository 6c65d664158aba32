#pragma once

#include "shell/appearance.h"

#include <QObject>
#include <QString>

#include <optional>

class QAction;
class QActionGroup;
class QMenu;
class QSettings;

namespace clab {

// Which theme the user chose in View ▸ Theme (or --theme): the system's (the default), or one of
// light, dark and high contrast, which wins over the system's and is persisted.
enum class ThemeChoice
{
    System,
    Light,
    Dark,
    HighContrast
};

// "system", "light", "dark", "high-contrast": the --theme values and what QSettings stores.
QString themeChoiceKey(ThemeChoice choice);
std::optional<ThemeChoice> themeChoiceFromKey(const QString &key);

// The View ▸ Theme menu and the system's colour scheme. Qt 6.4 has no QStyleHints::colorScheme,
// so "the system's" is the platform palette's lightness (QGuiApplication::palette(), its Window
// colour) as the app started, and again at every application palette change the app did not make
// itself (QEvent::ApplicationPaletteChange, e.g. a platform theme plugin or an embedding program
// setting QApplication::setPalette). changed() asks the window to apply resolve().
class ThemeChooser : public QObject
{
    Q_OBJECT

public:
    explicit ThemeChooser(QObject *parent = nullptr);

    ThemeChoice choice() const { return m_choice; }
    void setChoice(ThemeChoice choice); // emits changed() when it changes
    bool systemDark() const { return m_systemDark; }

    // `base` (its presentation mode) with the chosen theme's light, dark or high contrast.
    Appearance resolve(Appearance base) const;
    // The window was given `appearance` directly (a test, a walkthrough): the menu shows the
    // choice that gives it, without changed().
    void match(const Appearance &appearance);

    // A "Theme" submenu of `parent` with the four choices, checkable, one checked.
    QMenu *addMenuTo(QMenu *parent);
    // Ctrl+Shift+D: between light and dark (from the system's or high contrast, to the other).
    QAction *toggleDarkAction() const { return m_toggleDark; }

    // appearance/theme; a setting from before the choice existed (appearance/dark) reads as
    // Light or Dark.
    void load(const QSettings &settings);
    void save(QSettings &settings) const;

signals:
    void changed();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void syncActions();

    ThemeChoice m_choice = ThemeChoice::System;
    bool m_systemDark = false;
    QActionGroup *m_group = nullptr;
    QAction *m_toggleDark = nullptr;
};

} // namespace clab
