#include "charts/runcolors.h"

#include <algorithm>
#include <array>

namespace clab {

namespace {

constexpr std::size_t kColours = 8;

} // namespace

QColor runColor(int index, const Appearance &appearance)
{
    static const std::array<QColor, kColours> light{QColor(0x00, 0x72, 0xB2), QColor(0xD5, 0x5E, 0x00),
        QColor(0x00, 0x9E, 0x73), QColor(0xCC, 0x79, 0xA7), QColor(0xE6, 0x9F, 0x00), QColor(0x56, 0xB4, 0xE9),
        QColor(0x6A, 0x3D, 0x9A), QColor(0x88, 0x22, 0x55)};
    static const std::array<QColor, kColours> dark{QColor(0x56, 0xB4, 0xE9), QColor(0xFF, 0x8C, 0x42),
        QColor(0x3D, 0xDC, 0x97), QColor(0xF0, 0x9B, 0xD0), QColor(0xF0, 0xE4, 0x42), QColor(0x9F, 0xA8, 0xFF),
        QColor(0xFF, 0x6B, 0x6B), QColor(0xC8, 0xC8, 0xC8)};
    const auto slot = static_cast<std::size_t>(std::max(index, 0)) % kColours;
    return appearance.dark ? dark[slot] : light[slot];
}

Qt::PenStyle runDash(int index)
{
    static const std::array<Qt::PenStyle, 3> dashes{Qt::SolidLine, Qt::DashLine, Qt::DotLine};
    return dashes[(static_cast<std::size_t>(std::max(index, 0)) / kColours) % dashes.size()];
}

} // namespace clab
