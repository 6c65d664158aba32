#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace clab {

// What the command line asks of the window:
//   concurrency-lab --preset ID --run --screenshot FILE --quit-after-ms N --export-dir DIR
//                   [--theme light|dark] [--presentation] [--page lessons|lab|compare]
//                   [--lesson ID [--section HEADING]]
// With --screenshot or --export-dir the app captures itself once the run has finished (or
// --quit-after-ms passed), writes the files and quits.
struct LaunchOptions
{
    QString preset;
    bool run = false;
    QString screenshot;
    QString exportDir;
    int quitAfterMs = -1;
    std::optional<bool> dark;
    std::optional<bool> presentation;
    QString page;
    QString lesson;  // opens the Lessons page at this lesson
    QString section; // ... scrolled to this "## " heading
    QString error; // a bad option, for stderr and exit code 2

    bool capturesAndQuits() const { return !screenshot.isEmpty() || !exportDir.isEmpty() || quitAfterMs >= 0; }
};

LaunchOptions parseLaunchOptions(const QStringList &arguments);

} // namespace clab
