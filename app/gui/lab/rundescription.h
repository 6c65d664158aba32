#pragma once

#include "model/runconfigfields.h"

#include <QString>

namespace clab {

// The words the Lab's controls use for an experiment, shared by everything that names one: the
// Lab's run header, the report, Compare's runs table and the lessons' Try-it cards.

// "2 × threads · cpu · 200 tasks · Python 3.2+ GIL, switch interval 5 ms"
QString describeRun(const RunConfig &config);
// "Threads — OS threads in one interpreter", as the Model control lists it.
QString modelText(ExecutionModel model);
// "Python 3.2+ GIL", as the GIL policy control lists it.
QString gilText(GilPolicy policy);
// A workload parameter's label: "cpu_steps" -> "CPU steps"; an unknown key is returned as it is.
QString parameterText(const QString &key);
// A number field's value in the user's locale with the table's unit: "20,000", "5 ms", "64 KiB".
QString fieldValueText(const RunConfig &config, const FieldSpec &field);

// Compare's shorter names, for its table, legends and progress:
// "threads ×4 · cpu · Python 3.2+ GIL".
QString runName(const RunConfig &config);
// "threads ×4 · Python 3.2+ GIL", where the workload is said elsewhere.
QString runNameWithoutWorkload(const RunConfig &config);
// gilText(), with "no GIL" short enough for the legends.
QString shortGilText(GilPolicy policy);

} // namespace clab
