#pragma once

#include "charts/lanepainter.h"
#include "measurement/timeline.h"
#include "shell/appearance.h"

#include <QColor>
#include <QRectF>

class QPainter;

namespace clab {

// Colour is never the only signal: each worker state has a pattern drawn over its colour, in the
// timeline's lanes and in its legend's swatches (README, "Colour and patterns").
//   running bytecode      plain fill
//   waiting for a core    vertical bars  (a queue)
//   waiting for the GIL   diagonal hatching  ///
//   waiting for a lock    cross-hatching     XXX
//   I/O                   dots
//   native code           horizontal lines
//   idle                  plain fill (a grey, far from running's green in every simulation)
enum class StatePattern
{
    Plain,
    VerticalBars,
    Hatch,
    CrossHatch,
    Dots,
    HorizontalLines,
    Checks, // a checkerboard of squares half a period wide
};

StatePattern statePattern(WorkerState state);

// A stretch narrower than this many pixels stays plain colour: a pattern needs room to read.
constexpr double kMinPatternWidth = 6.0;

// The pattern's marks over `rect`, already filled with `fill`: dark marks on a light colour, light
// on a dark one. The marks come from a small tile cached per pattern, ink and scale (a texture
// brush), so a stretch costs one fillRect whatever its width. Plain draws nothing.
void paintStatePattern(
    QPainter &painter, const QRectF &rect, StatePattern pattern, const QColor &fill, const Appearance &appearance);

// The colour of marks and text on `fill`: black or white, whichever reads.
QColor inkOn(const QColor &fill, const Appearance &appearance);

// A worker lane's decoration in the state colours of `appearance`: each state's stretch at least
// kMinPatternWidth wide gets its pattern.
LaneDecoration statePatternDecoration(QPainter &painter, const Appearance &appearance);
// The GIL lane's, whose colour values are a holder's unit + 1: the unit's number, centred on its
// stretch where the stretch is at least two digits wide, in the painter's font.
LaneDecoration holderNumberDecoration(QPainter &painter, const Appearance &appearance);
// The GIL lane's colour values (unit + 1) as the holders' colours (unitColor).
LaneColour holderValue(int unit);
QColor holderFill(LaneColour value);

} // namespace clab
