#pragma once

// Helpers shared by the widget tests.

#include <QColor>
#include <QFontDatabase>
#include <QImage>
#include <QObject>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>

namespace clab::test {

// True when `image` holds more than one colour: something was drawn on it.
inline bool hasSeveralColours(const QImage &image)
{
    if (image.isNull())
        return false;
    const QRgb first = image.pixel(0, 0);
    for (int y = 0; y < image.height(); y += 2) {
        for (int x = 0; x < image.width(); x += 2) {
            if (image.pixel(x, y) != first)
                return true;
        }
    }
    return false;
}

// The child widget called `name`, warning when there is none (the caller's check then fails).
template<typename T> T *namedChild(const QObject *parent, const char *name)
{
    T *widget = parent->findChild<T *>(QString::fromLatin1(name));
    if (!widget)
        qWarning("no widget %s", name);
    return widget;
}

// Settings of this test in a private folder, never the user's.
inline void isolateSettings(const QTemporaryDir &dir)
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, dir.path());
}

} // namespace clab::test
