#include "shell/launchoptions.h"

#include "model/runconfigfields.h"
#include "results/sweep.h"

#include <QCommandLineParser>

namespace clab {

LaunchOptions parseLaunchOptions(const QStringList &arguments, HelpAndVersion help)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("See concurrency, parallelism and the Python GIL on real cores."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption preset(
        QStringLiteral("preset"), QStringLiteral("Load the preset experiment ID."), QStringLiteral("ID"));
    const QCommandLineOption run(QStringLiteral("run"), QStringLiteral("Start the experiment at once."));
    const QCommandLineOption screenshot(QStringLiteral("screenshot"),
        QStringLiteral("Save a PNG of the window when the run has finished, then quit."), QStringLiteral("FILE"));
    const QCommandLineOption quitAfter(QStringLiteral("quit-after-ms"),
        QStringLiteral("Capture and quit after N ms even if the run goes on."), QStringLiteral("N"));
    const QCommandLineOption exportDir(QStringLiteral("export-dir"),
        QStringLiteral(
            "Write every chart (PNG, SVG, PDF), the run (JSON, CSV, trace) and report.pdf into DIR, then quit."),
        QStringLiteral("DIR"));
    const QCommandLineOption exportSize(QStringLiteral("export-size"),
        QStringLiteral("With --export-dir: the charts' PNG and SVG at 16:9 (1920x1080, the default), 4:3 "
                       "(1600x1200) or screen (their on-screen size)."),
        QStringLiteral("SIZE"));
    const QCommandLineOption theme(QStringLiteral("theme"),
        QStringLiteral("system (the default), light, dark or high-contrast."), QStringLiteral("THEME"));
    const QCommandLineOption presentation(
        QStringLiteral("presentation"), QStringLiteral("Presentation mode: larger fonts, thicker lines."));
    const QCommandLineOption page(QStringLiteral("page"),
        QStringLiteral("lessons, lab, compare, or python (the Lab's Python tab)."), QStringLiteral("PAGE"));
    const QCommandLineOption set(QStringLiteral("set"),
        QStringLiteral("Change one setting of the experiment (tasks=2000); repeatable."), QStringLiteral("KEY=VALUE"));
    const QCommandLineOption walkthrough(QStringLiteral("walkthrough"),
        QStringLiteral("Open an instructor walkthrough: a built-in one's ID (gil-live, ...) or a .json FILE."),
        QStringLiteral("FILE|ID"));
    const QCommandLineOption step(QStringLiteral("step"),
        QStringLiteral("Start the walkthrough at step N (1 is the first)."), QStringLiteral("N"));
    const QCommandLineOption screen(QStringLiteral("screen"),
        QStringLiteral("Open the window on screen N (1 is the first): the audience's screen. With a walkthrough, "
                       "the presenter's view goes to another screen."),
        QStringLiteral("N"));
    const QCommandLineOption lesson(
        QStringLiteral("lesson"), QStringLiteral("Open the Lessons page at lesson ID."), QStringLiteral("ID"));
    const QCommandLineOption section(QStringLiteral("section"),
        QStringLiteral("With --lesson: scroll to the lesson's heading HEADING."), QStringLiteral("HEADING"));
    const QCommandLineOption sweep(QStringLiteral("sweep"),
        QStringLiteral("Run a sweep in Compare for these models (threads,processes)."), QStringLiteral("MODELS"));
    const QCommandLineOption sweepGil(QStringLiteral("sweep-gil"),
        QStringLiteral("The sweep's GIL policies (modern,legacy,off); default modern."), QStringLiteral("POLICIES"));
    const QCommandLineOption sweepMax(
        QStringLiteral("sweep-max"), QStringLiteral("The sweep's largest worker count."), QStringLiteral("N"));
    const QCommandLineOption python(QStringLiteral("python"),
        QStringLiteral("Run the experiment (or the --sweep) on the Python interpreter PATH too, after the engine's "
                       "runs."),
        QStringLiteral("PATH"));
    const QCommandLineOption saveSession(QStringLiteral("save-session"),
        QStringLiteral("Save the session (.clab) in FILE once the --run or --sweep has ended."),
        QStringLiteral("FILE"));
    parser.addPositionalArgument(QStringLiteral("FILE.clab"),
        QStringLiteral("A session file to open, its runs in Compare."), QStringLiteral("[FILE.clab]"));
    parser.addOptions({sweep, sweepGil, sweepMax, python, exportSize, saveSession});
    parser.addOptions({preset, set, run, screenshot, quitAfter, exportDir, theme, presentation, page, lesson, section,
        walkthrough, step, screen});

    LaunchOptions options;
    if (!parser.parse(arguments)) {
        options.error = parser.errorText();
        return options;
    }
    const bool helpOrVersion = parser.isSet(QStringLiteral("help")) || parser.isSet(QStringLiteral("version"));
    const bool helpAll = parser.isSet(QStringLiteral("help-all"));
    if (help == HelpAndVersion::Detect && (helpOrVersion || helpAll)) {
        options.helpOrVersion = helpOrVersion; // --help-all: left to the QApplication
        return options;
    }
    if (helpOrVersion || helpAll)
        parser.process(arguments); // prints and exits, like any Qt program
    options.preset = parser.value(preset);
    for (const QString &assignment : parser.values(set)) {
        const qsizetype equals = assignment.indexOf(QLatin1Char('='));
        if (equals <= 0) {
            options.error = QStringLiteral("set: expected KEY=VALUE, got '%1'").arg(assignment);
            break;
        }
        const std::string key = assignment.left(equals).trimmed().toStdString();
        const std::string value = assignment.mid(equals + 1).trimmed().toStdString();
        // The key, the value's type and its widest range; whole-config checks come at Run.
        RunConfig scratch;
        std::optional<ConfigError> problem = setField(scratch, key, value);
        if (!problem)
            problem = validateFieldAlone(scratch, *findField(key));
        if (problem) {
            options.error = QStringLiteral("set: ") + QString::fromStdString(problem->toString());
            break;
        }
        options.settings.emplace_back(key, value);
    }
    options.run = parser.isSet(run);
    options.screenshot = parser.value(screenshot);
    options.exportDir = parser.value(exportDir);
    if (parser.isSet(exportSize)) {
        options.exportSize = parser.value(exportSize).trimmed().toLower();
        if (options.exportSize != QLatin1String("16:9") && options.exportSize != QLatin1String("4:3")
            && options.exportSize != QLatin1String("screen"))
            options.error
                = QStringLiteral("export-size: expected 16:9, 4:3 or screen, got '%1'").arg(parser.value(exportSize));
        else if (options.exportDir.isEmpty())
            options.error = QStringLiteral("export-size: needs --export-dir DIR");
    }
    if (parser.isSet(quitAfter)) {
        bool ok = false;
        options.quitAfterMs = parser.value(quitAfter).toInt(&ok);
        if (!ok || options.quitAfterMs < 0)
            options.error = QStringLiteral("quit-after-ms: expected a whole number of ms >= 0, got '%1'")
                                .arg(parser.value(quitAfter));
    }
    if (parser.isSet(theme)) {
        const QString value = parser.value(theme);
        options.theme = themeChoiceFromKey(value);
        if (!options.theme)
            options.error = QStringLiteral("theme: expected system, light, dark or high-contrast, got '%1'").arg(value);
    }
    if (parser.isSet(presentation))
        options.presentation = true;
    options.page = parser.value(page);
    options.python = parser.value(python);
    if (!options.page.isEmpty() && options.page != QLatin1String("lessons") && options.page != QLatin1String("lab")
        && options.page != QLatin1String("compare") && options.page != QLatin1String("python"))
        options.error = QStringLiteral("page: expected lessons, lab, compare or python, got '%1'").arg(options.page);
    options.walkthrough = parser.value(walkthrough);
    if (parser.isSet(step)) {
        bool ok = false;
        options.walkthroughStep = parser.value(step).toInt(&ok);
        if (!ok || options.walkthroughStep < 1)
            options.error
                = QStringLiteral("step: expected a step number of 1 or more, got '%1'").arg(parser.value(step));
        else if (options.walkthrough.isEmpty())
            options.error = QStringLiteral("step: needs --walkthrough");
    }
    if (parser.isSet(screen)) {
        bool ok = false;
        options.screen = parser.value(screen).toInt(&ok);
        if (!ok || options.screen < 1)
            options.error
                = QStringLiteral("screen: expected a screen number of 1 or more, got '%1'").arg(parser.value(screen));
    }
    // Each name parsed by the engine, as the CLI's --models and --gil are.
    const auto parseList = [&](const QCommandLineOption &option, const char *field, auto &out, auto member) {
        for (const QString &name : parser.value(option).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            RunConfig scratch;
            if (const auto problem = setField(scratch, field, name.trimmed().toStdString())) {
                options.error
                    = option.names().front() + QStringLiteral(": ") + QString::fromStdString(problem->message);
                return;
            }
            out.push_back(scratch.*member);
        }
    };
    if (parser.isSet(sweep)) {
        parseList(sweep, "model", options.sweepModels, &RunConfig::model);
        parseList(sweepGil, "gil", options.sweepPolicies, &RunConfig::gil);
        if (options.sweepModels.empty() && options.error.isEmpty())
            options.error = QStringLiteral("sweep: name at least one model (threads,processes,...)");
        if (options.sweepPolicies.empty())
            options.sweepPolicies.push_back(GilPolicy::Modern);
        if (parser.isSet(sweepMax)) {
            bool ok = false;
            options.sweepMax = parser.value(sweepMax).toInt(&ok);
            if (!ok || options.sweepMax < 1 || options.sweepMax > kMaxSweepWorkers)
                options.error = QStringLiteral("sweep-max: must be 1..%1, got '%2'")
                                    .arg(kMaxSweepWorkers)
                                    .arg(parser.value(sweepMax));
        }
    } else if (parser.isSet(sweepGil) || parser.isSet(sweepMax)) {
        options.error = QStringLiteral("sweep-gil and sweep-max: need --sweep MODELS");
    }
    options.saveSession = parser.value(saveSession);
    if (parser.isSet(saveSession) && options.saveSession.isEmpty())
        options.error = QStringLiteral("save-session: expected a file name");
    const QStringList files = parser.positionalArguments();
    if (files.size() > 1)
        options.error = QStringLiteral("expected at most one session file, got %1").arg(files.size());
    else if (files.size() == 1)
        options.sessionFile = files.front();
    // Opening replaces Compare's rows: a run or sweep started beside it would land among them.
    if (!options.sessionFile.isEmpty() && (options.run || !options.sweepModels.empty()))
        options.error
            = QStringLiteral("%1: a session file opens alone, without --run or --sweep").arg(options.sessionFile);
    options.lesson = parser.value(lesson);
    options.section = parser.value(section);
    if (!options.section.isEmpty() && options.lesson.isEmpty())
        options.error = QStringLiteral("section: needs --lesson ID to say which lesson");
    return options;
}

} // namespace clab
