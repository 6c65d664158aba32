#pragma once

#include "runconfig.h"

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

} // namespace clab
