#include "lab/rundescription.h"

#include "textutil.h"

#include <QCoreApplication>
#include <QLocale>

namespace clab {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("clab::LabPage", text);
}

QString compareTr(const char *text)
{
    return QCoreApplication::translate("clab::ComparePage", text);
}

} // namespace

QString modelText(ExecutionModel model)
{
    switch (model) {
    case ExecutionModel::Sequential:
        return tr("Sequential — one task after another");
    case ExecutionModel::Threads:
        return tr("Threads — OS threads in one interpreter");
    case ExecutionModel::Subinterpreters:
        return tr("Subinterpreters — one GIL each");
    case ExecutionModel::Processes:
        return tr("Processes — one interpreter each");
    case ExecutionModel::Coroutines:
        return tr("Coroutines — one thread, event loop");
    }
    return {};
}

QString gilText(GilPolicy policy)
{
    switch (policy) {
    case GilPolicy::Modern:
        return tr("Python 3.2+ GIL");
    case GilPolicy::Legacy:
        return tr("Python ≤ 3.1 GIL");
    case GilPolicy::Off:
        return tr("No GIL — free-threaded");
    }
    return {};
}

QString parameterText(const QString &key)
{
    if (key == QLatin1String("cpu_steps"))
        return tr("CPU steps");
    if (key == QLatin1String("io_ms"))
        return tr("I/O wait");
    if (key == QLatin1String("native_kib"))
        return tr("Native buffer");
    if (key == QLatin1String("file_kib"))
        return tr("File size");
    if (key == QLatin1String("cpu_fraction"))
        return tr("CPU fraction");
    if (key == QLatin1String("race_mode"))
        return tr("Race mode");
    if (key == QLatin1String("lock_order"))
        return tr("Lock order");
    return key;
}

QString fieldValueText(const RunConfig &config, const FieldSpec &field)
{
    const FieldValue value = fieldValue(config, field);
    QString text;
    if (const int *whole = std::get_if<int>(&value))
        text = QLocale().toString(*whole);
    else if (const double *real = std::get_if<double>(&value))
        text = QLocale().toString(*real, 'g', 4);
    else
        text = toQString(fieldText(config, field));
    if (!field.unit.empty())
        text += QLatin1Char(' ') + toQString(field.unit);
    return text;
}

QString describeRun(const RunConfig &config)
{
    QString text = tr("%1 × %2 · %3 · %4 tasks · %5")
                       .arg(config.workers)
                       .arg(toQString(toString(config.model)), toQString(toString(config.workload)))
                       .arg(config.tasks)
                       .arg(gilText(config.gil));
    if (config.gil != GilPolicy::Off)
        text += tr(", switch interval %1 ms").arg(config.switchIntervalMs, 0, 'g', 3);
    if (config.model == ExecutionModel::Coroutines) {
        if (config.yieldEvery > 0)
            text += tr(" · yield every %1 steps").arg(config.yieldEvery);
        if (config.blockingIo)
            text += tr(" · blocking I/O");
    }
    if (config.cpuHogs > 0)
        text += config.cpuHogs == 1 ? tr(" · 1 CPU hog") : tr(" · %1 CPU hogs").arg(config.cpuHogs);
    return text;
}

QString shortGilText(GilPolicy policy)
{
    return policy == GilPolicy::Off ? compareTr("no GIL") : gilText(policy);
}

QString runNameWithoutWorkload(const RunConfig &config)
{
    return compareTr("%1 ×%2 · %3")
        .arg(toQString(toString(config.model)))
        .arg(config.workers)
        .arg(shortGilText(config.gil));
}

QString runName(const RunConfig &config)
{
    return compareTr("%1 ×%2 · %3 · %4")
        .arg(toQString(toString(config.model)))
        .arg(config.workers)
        .arg(toQString(toString(config.workload)), shortGilText(config.gil));
}

} // namespace clab
