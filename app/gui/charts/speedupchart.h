#pragma once

#include "results/amdahl.h"
#include "shell/appearance.h"

#include <QChartView>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

class QLineSeries;
class QScatterSeries;
class QValueAxis;

namespace clab {

// Speedup against worker count for a sweep: per (model, GIL) line its measured points, its
// Amdahl's-law fit dashed in the same colour, the legend naming the line with the serial fraction
// and the limit the fit implies ("threads · no GIL — Amdahl fit: 4% serial → at most 25×"), and
// the ideal (speedup = workers) as a dotted diagonal. The Compare page's picture of Amdahl and the
// GIL.
class SpeedupChart : public QChartView
{
    Q_OBJECT

public:
    struct Line
    {
        QString name; // "threads · Python 3.2+ GIL"
        std::vector<SpeedupPoint> points;
        std::optional<AmdahlFit> fit;
        int processors = 0; // the machine's cores: the fit covers workers up to them (0: no cap)
    };

    explicit SpeedupChart(QWidget *parent = nullptr);

    // Replaces what is drawn. The lines keep their order, and so their colours.
    void setLines(const QString &title, const std::vector<Line> &lines);
    void clear();
    void setAppearance(const Appearance &appearance);

    int lineCount() const { return static_cast<int>(m_lines.size()); }
    int pointCount() const;
    int fitCount() const;
    // The legend as it reads: the ideal, then each line's name with its fit's label.
    QStringList legendNames() const;
    QString title() const;

    // "Amdahl fit: 4 ± 1% serial → at most 25× with unlimited cores"; empty for a fit that is
    // not determined (fewer than two worker counts above one within the cores): none is drawn.
    static QString fitLabel(const AmdahlFit &fit);
    // The "more workers than cores" mark is drawn (a sweep past the machine's cores).
    bool marksMoreWorkersThanCores() const;

private:
    void removeLines();
    void stylePens();
    void fitTitle();

    QChart *m_chart;
    QValueAxis *m_x;
    QValueAxis *m_y;
    QLineSeries *m_ideal;
    QLineSeries *m_coreLimit; // a vertical line at the core count, when the sweep goes past it
    std::vector<Line> m_lines;
    std::vector<QLineSeries *> m_measured;
    std::vector<QLineSeries *> m_fits; // nullptr for a line without a fit
    Appearance m_appearance;
    QString m_title; // the whole title; a narrow chart shows as much of it as fits
};

} // namespace clab
