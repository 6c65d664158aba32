#pragma once

#include "lab/explanation.h"
#include "lab/runcontroller.h"
#include "measurement/sample.h"
#include "results/runresult.h"

#include <QGroupBox>

#include <map>
#include <optional>

class QLabel;
class QGridLayout;

namespace clab {

// The numbers of a run: live while it goes on (elapsed, tasks done, current throughput), then the
// engine's summary with speedup against the measured sequential baseline, the prediction beside
// the measurement, and an explanation derived from what was measured.
class SummaryWidget : public QGroupBox
{
    Q_OBJECT

public:
    explicit SummaryWidget(QWidget *parent = nullptr);

    void clear(const RunConfig &config, bool baselinePhase);
    void showLive(double elapsedSeconds, const Sample &latest, int tasksPlanned);
    void showBaseline(const std::optional<BaselineMeasurement> &baseline, std::int64_t runStartNs);
    void showResult(const RunResult &result, const std::optional<BaselineMeasurement> &baseline,
        const std::optional<Prediction> &prediction);

    void showStatus(const QString &text);
    // The same experiment on a real Python interpreter, above the engine's numbers: while it runs,
    // then its result beside the engine's (lab/pythondescription.h); empty hides it.
    void showPython(const QString &text);
    QString pythonText() const;

    // The shown text of one value ("wall", "throughput", "speedup", ...), for tests and exports.
    QString valueText(const QString &key) const;
    QString explanationText() const;
    // The prediction beside the measurement, as shown; empty when none was made.
    QString predictionText() const;

private:
    void addRow(const QString &key, const QString &name, const QString &tip);
    void set(const QString &key, const QString &text);

    // Shows the rows that apply to a run of `config` (the counter: race only).
    void showRowsFor(const RunConfig &config);

    QGridLayout *m_grid;
    std::map<QString, QLabel *> m_values;
    std::map<QString, QLabel *> m_names; // each row's name, beside its value
    QLabel *m_status;
    QLabel *m_python;
    QLabel *m_prediction;
    QLabel *m_explanation;
    int m_rows = 0;
};

} // namespace clab
