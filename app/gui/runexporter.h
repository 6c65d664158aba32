#pragma once

#include "runresult.h"

#include <QString>
#include <QStringList>

#include <utility>
#include <vector>

class QWidget;

namespace clab {

// Writes a run's exports into a folder: every chart as PNG and SVG, the run as JSON (with the
// timeline), the samples as CSV, the timeline as a Chrome trace, and the summary as text.
// Each file is written whole or not at all (QSaveFile, writeFileAtomically).
class RunExporter
{
public:
    struct Outcome
    {
        QStringList written; // file names
        QStringList errors;  // "cores.svg: No space left on device"
        bool ok() const { return errors.isEmpty(); }
    };

    // `charts`: base file name -> widget ("throughput" -> the throughput chart).
    static Outcome exportAll(const QString &directory, const std::vector<std::pair<QString, QWidget *>> &charts,
                             const RunResult *result);

    static QString writePng(QWidget *widget, const QString &path);
    static QString writeSvg(QWidget *widget, const QString &path, const QString &title);
    static QString writeText(const QString &path, const std::string &content);
};

} // namespace clab
