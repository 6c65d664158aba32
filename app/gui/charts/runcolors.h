#pragma once

#include "shell/appearance.h"

#include <QColor>
#include <Qt>

namespace clab {

// The colour of the index-th run (or sweep series) drawn over others: Okabe-Ito based, so the
// lines stay apart with the common colour-vision deficiencies, with a brighter set that reads on
// the dark theme's panel. Lines also differ by dash (seriesDash in charts/chartstyle.h).
QColor runColor(int index, const Appearance &appearance);

} // namespace clab
