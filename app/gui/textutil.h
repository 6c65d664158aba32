#pragma once

#include <QString>

#include <string>
#include <string_view>

namespace clab {

// The engine speaks UTF-8 std::string; the widgets speak QString.
inline QString toQString(std::string_view text)
{
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

inline std::string toStdString(const QString &text)
{
    return text.toStdString();
}

// A number with a fixed count of decimals, as every panel and test formats it.
inline QString formatFixed(double value, int decimals)
{
    return QString::number(value, 'f', decimals);
}

// Seconds in the unit that reads best: "850 ms", "2.41 s", "1 min 12 s".
inline QString formatDuration(double seconds)
{
    if (seconds < 1.0)
        return QStringLiteral("%1 ms").arg(formatFixed(seconds * 1000.0, seconds < 0.01 ? 2 : 0));
    if (seconds < 60.0)
        return QStringLiteral("%1 s").arg(formatFixed(seconds, 2));
    const int whole = static_cast<int>(seconds);
    return QStringLiteral("%1 min %2 s").arg(whole / 60).arg(whole % 60);
}

} // namespace clab
