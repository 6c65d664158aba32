#pragma once

class QChart;

namespace clab {

// Qt Charts gives an attached legend at most a quarter of the chart's width beside the plot, or a
// single row above or below it, and cuts the labels that do not fit ("Amdahl fit: 4% ser...").
// These detach the legend and place it where its labels stay whole. Call them again whenever the
// plot area, the series or the fonts change (QChart::plotAreaChanged covers resizes).

// Inside the plot area, stacked in its top-left corner on the chart's panel colour: the free
// corner of a speedup chart, whose points stay on or below the ideal diagonal.
void placeLegendInPlot(QChart *chart);

// Below the plot in as many rows as the labels need; the chart's bottom margin grows to hold them.
void placeLegendBelow(QChart *chart);

} // namespace clab
