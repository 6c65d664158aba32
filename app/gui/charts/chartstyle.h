#pragma once

#include "measurement/timeline.h"
#include "shell/appearance.h"

#include <QColor>
#include <QString>

class QChart;
class QValueAxis;

namespace clab {

// Colours and chart styling shared by every chart, so a core or a state has one colour everywhere.
// Okabe-Ito based: distinguishable with the common colour-vision deficiencies.
QColor stateColor(WorkerState state);
QString stateName(WorkerState state);
QColor coreColor(int core);
QColor unitColor(int unit);

// Light or dark Qt Charts theme, then the app's fonts, background and contrast on top.
void styleChart(QChart *chart, const Appearance &appearance);
void styleAxis(QValueAxis *axis, const Appearance &appearance);

// Sets `axis` to 0..a nice maximum at or above `value`, with ticks on nice steps (0, 50, 100...).
// Returns the maximum chosen.
double setNiceRange(QValueAxis *axis, double value, int maxTicks = 5);

// The smallest step of 1, 2 or 5 x 10^n at or above `value`: ticks that stay round.
double niceStep(double value);

// The smallest "nice" number (1, 2, 2.5, 5 x 10^n) at or above `value`.
double niceCeiling(double value);

} // namespace clab
