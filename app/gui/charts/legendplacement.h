#pragma once

class QChart;

namespace clab {

// Qt Charts gives an attached legend at most a quarter of the chart's width beside the plot, or a
// single row above or below it, and cuts the labels that do not fit ("Amdahl fit: 4% ser...").
// This detaches the legend and puts it beside the plot (one column on the right) or below it (as
// many rows as the labels need), whichever leaves the plot's shorter side longer, and reserves
// that room in the chart's margins: labels stay whole and never cover a line. Call it again when
// the series or the fonts change; it follows resizes itself through QChart::plotAreaChanged once
// the chart calls it from there.
void placeLegend(QChart *chart);

// A series whose legend marker is hidden carries this property (true), so the legend is sized
// without it. (A hidden marker cannot be told from one not laid out yet.)
inline constexpr char kNoLegendEntry[] = "clabNoLegendEntry";

} // namespace clab
