#pragma once

#include "measurement/timeline.h"
#include "shell/appearance.h"

#include <QColor>
#include <QImage>
#include <QString>
#include <QVector>

class QChart;
class QPen;
class QValueAxis;

namespace clab {

// Colours and chart styling shared by every chart, so a core or a state has one colour everywhere.
// Okabe-Ito based: distinguishable with the common colour-vision deficiencies. A state's colour
// differs with the theme (a lighter set for dark, a saturated one for high contrast); the
// one-argument form is the light theme's. Each state also has a pattern (charts/statepatterns.h).
QColor stateColor(WorkerState state);
QColor stateColor(WorkerState state, const Appearance &appearance);
QString stateName(WorkerState state);
QColor coreColor(int core);
QColor unitColor(int unit);

// The index-th line's dash pattern (QPen::setDashPattern, in pen widths; empty: solid), so lines
// differ by style as well as colour: six patterns, then again.
QVector<qreal> seriesDash(int index);
void setSeriesDash(QPen &pen, int index);
// The index-th series' marker (QXYSeries::setLightMarker): a circle, square, triangle, diamond,
// upside-down triangle or plus in `colour`, `size` pixels square; six, then again.
QImage seriesMarker(int index, const QColor &colour, int size);

// Light or dark Qt Charts theme, then the app's fonts, background and contrast on top.
void styleChart(QChart *chart, const Appearance &appearance);
void styleAxis(QValueAxis *axis, const Appearance &appearance);

// Sets `axis` to 0..a nice maximum at or above `value`, with ticks on nice steps (0, 50, 100...).
// Returns the maximum chosen.
double setNiceRange(QValueAxis *axis, double value, int maxTicks = 5);

// Like setNiceRange, with as many ticks as `length` pixels of the axis hold: labels side by side
// on a horizontal axis (the widest label and a gap each), a label and a line of space between
// labels on a vertical one. Qt Charts hides or elides labels that do not fit ("…"), so a short
// plot with presentation fonts gets 0, 50, 100 rather than six labels cut down.
double setNiceRangeFitting(QValueAxis *axis, double value, qreal length, int maxTicks = 5);

// Picks the first of `titles` that fits the chart's width in its title font, or the last one:
// a narrow chart says less rather than showing a cut title ("CPU cores, whole machi…").
void setFittingTitle(QChart *chart, const QStringList &titles);
// Shows each axis title only where Qt Charts has room for it beside the axis's numbers, whose
// largest on the left axis is `yMax`; either axis may be null.
void fitAxisTitles(QChart *chart, QValueAxis *x, QValueAxis *y, double yMax);

// The smallest step of 1, 2 or 5 x 10^n at or above `value`: ticks that stay round.
double niceStep(double value);

// The smallest "nice" number (1, 2, 2.5, 5 x 10^n) at or above `value`.
double niceCeiling(double value);

} // namespace clab
