#pragma once

#include "model/runconfig.h"
#include "shell/themechooser.h"

#include <QString>
#include <QStringList>

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace clab {

// What the command line asks of the window:
//   concurrency-lab --preset ID --run --screenshot FILE --quit-after-ms N --export-dir DIR
//                   [--export-size 16:9|4:3|screen] [--set KEY=VALUE ...]
//                   [--theme system|light|dark|high-contrast] [--presentation]
//                   [--page lessons|lab|compare|python] [--lesson ID [--section HEADING]]
//                   [--walkthrough FILE|ID [--step N]] [--screen N]
//                   [--sweep MODELS [--sweep-gil POLICIES] [--sweep-max N]] [--python PATH]
//                   [--save-session FILE] [FILE.clab]
// With --screenshot or --export-dir the app captures itself once the run has finished (or
// --quit-after-ms passed), writes the files and quits. --set changes one setting of the loaded
// experiment, with the engine's key names (tasks=2000, workers=4, gil=off).
struct LaunchOptions
{
    QString preset;
    std::vector<std::pair<std::string, std::string>> settings; // --set key=value, in order
    bool run = false;
    QString screenshot;
    QString exportDir;
    QString exportSize; // --export-size: "16:9", "4:3" or "screen"; empty: 16:9
    int quitAfterMs = -1;
    std::optional<ThemeChoice> theme;
    std::optional<bool> presentation;
    QString page;
    QString walkthrough; // a built-in walkthrough's id or a walkthrough file
    int walkthroughStep = 0; // 1-based; 0: the first
    int screen = 0; // 1-based: the screen the window (the audience's view) opens on; 0: the default
    QString lesson; // opens the Lessons page at this lesson
    QString section; // ... scrolled to this "## " heading
    // A sweep on the Compare page, of the loaded experiment's workload ("threads,processes").
    std::vector<ExecutionModel> sweepModels;
    std::vector<GilPolicy> sweepPolicies; // default: the Python 3.2+ GIL
    int sweepMax = 0; // default: the page's
    // "Run in Python too" on this interpreter (probed first; --run waits for it), as File ▸
    // Preferences adds one.
    QString python;
    // A session file (.clab) to open at start, in Compare; it opens alone, without --run or --sweep.
    QString sessionFile;
    // --save-session: the session saved there once the launch's run or sweep has ended (at once
    // when nothing runs; after the file when one is opened).
    QString saveSession;
    QString error; // a bad option, for stderr and exit code 2
    bool helpOrVersion = false; // HelpAndVersion::Detect: --help or --version was asked for

    bool capturesAndQuits() const { return !screenshot.isEmpty() || !exportDir.isEmpty() || quitAfterMs >= 0; }
};

// --help, --help-all and --version: Answer prints the text and exits the process, as any Qt program
// does (QCommandLineParser::process); Detect only says that --help or --version was asked for
// (helpOrVersion), so that main() can answer them before it opens a window, with no display needed.
// --help-all lists Qt's options of a QApplication too, so it is answered by one (Answer).
enum class HelpAndVersion
{
    Answer,
    Detect
};

LaunchOptions parseLaunchOptions(const QStringList &arguments, HelpAndVersion help = HelpAndVersion::Answer);

} // namespace clab
