#include "shell/themechooser.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QEvent>
#include <QMenu>
#include <QSettings>

#include <array>

namespace clab {

namespace {

constexpr std::array<ThemeChoice, 4> kChoices{
    ThemeChoice::System, ThemeChoice::Light, ThemeChoice::Dark, ThemeChoice::HighContrast};

QString menuText(ThemeChoice choice)
{
    switch (choice) {
    case ThemeChoice::System:
        return ThemeChooser::tr("Follow the &system");
    case ThemeChoice::Light:
        return ThemeChooser::tr("&Light");
    case ThemeChoice::Dark:
        return ThemeChooser::tr("&Dark");
    case ThemeChoice::HighContrast:
        return ThemeChooser::tr("&High contrast");
    }
    return {};
}

} // namespace

QString themeChoiceKey(ThemeChoice choice)
{
    switch (choice) {
    case ThemeChoice::System:
        return QStringLiteral("system");
    case ThemeChoice::Light:
        return QStringLiteral("light");
    case ThemeChoice::Dark:
        return QStringLiteral("dark");
    case ThemeChoice::HighContrast:
        return QStringLiteral("high-contrast");
    }
    return {};
}

std::optional<ThemeChoice> themeChoiceFromKey(const QString &key)
{
    for (const ThemeChoice choice : kChoices) {
        if (key == themeChoiceKey(choice))
            return choice;
    }
    return std::nullopt;
}

ThemeChooser::ThemeChooser(QObject *parent)
    : QObject(parent)
    , m_systemDark(systemPaletteWasDark())
{
    m_group = new QActionGroup(this);
    m_group->setExclusive(true);
    for (const ThemeChoice choice : kChoices) {
        QAction *action = m_group->addAction(menuText(choice));
        action->setCheckable(true);
        action->setData(static_cast<int>(choice));
        connect(action, &QAction::triggered, this, [this, choice] { setChoice(choice); });
    }
    m_toggleDark = new QAction(tr("Toggle &dark theme"), this);
    m_toggleDark->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D));
    connect(m_toggleDark, &QAction::triggered, this,
        [this] { setChoice(resolve({}).dark ? ThemeChoice::Light : ThemeChoice::Dark); });
    syncActions();
    qApp->installEventFilter(this);
}

void ThemeChooser::setChoice(ThemeChoice choice)
{
    if (choice == m_choice)
        return;
    m_choice = choice;
    syncActions();
    emit changed();
}

Appearance ThemeChooser::resolve(Appearance base) const
{
    base.highContrast = m_choice == ThemeChoice::HighContrast;
    base.dark = m_choice == ThemeChoice::Dark || (m_choice == ThemeChoice::System && m_systemDark);
    return base;
}

void ThemeChooser::match(const Appearance &appearance)
{
    if (resolve(appearance) == appearance)
        return;
    m_choice = appearance.highContrast ? ThemeChoice::HighContrast
        : appearance.dark              ? ThemeChoice::Dark
                                       : ThemeChoice::Light;
    syncActions();
}

QMenu *ThemeChooser::addMenuTo(QMenu *parent)
{
    QMenu *menu = parent->addMenu(tr("&Theme"));
    menu->addActions(m_group->actions());
    menu->addSeparator();
    menu->addAction(m_toggleDark);
    return menu;
}

void ThemeChooser::load(const QSettings &settings)
{
    const QVariant theme = settings.value(QStringLiteral("appearance/theme"));
    const QVariant dark = settings.value(QStringLiteral("appearance/dark"));
    ThemeChoice choice = ThemeChoice::System;
    if (const std::optional<ThemeChoice> saved = themeChoiceFromKey(theme.toString()))
        choice = *saved;
    else if (dark.isValid())
        choice = dark.toBool() ? ThemeChoice::Dark : ThemeChoice::Light;
    m_choice = choice;
    syncActions();
}

void ThemeChooser::save(QSettings &settings) const
{
    settings.setValue(QStringLiteral("appearance/theme"), themeChoiceKey(m_choice));
    settings.remove(QStringLiteral("appearance/dark"));
}

bool ThemeChooser::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == qApp && event->type() == QEvent::ApplicationPaletteChange && !applyingAppearance()) {
        const bool dark = isDarkPalette(QGuiApplication::palette());
        if (dark != m_systemDark) {
            m_systemDark = dark;
            if (m_choice == ThemeChoice::System)
                emit changed();
        }
    }
    return QObject::eventFilter(watched, event);
}

void ThemeChooser::syncActions()
{
    for (QAction *action : m_group->actions())
        action->setChecked(action->data().toInt() == static_cast<int>(m_choice));
}

} // namespace clab
