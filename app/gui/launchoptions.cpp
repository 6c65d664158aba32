#include "launchoptions.h"

#include <QCommandLineParser>

namespace clab {

LaunchOptions parseLaunchOptions(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("See concurrency, parallelism and the Python GIL on real cores."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption preset(QStringLiteral("preset"), QStringLiteral("Load the preset experiment ID."),
                                    QStringLiteral("ID"));
    const QCommandLineOption run(QStringLiteral("run"), QStringLiteral("Start the experiment at once."));
    const QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                        QStringLiteral("Save a PNG of the window when the run has finished, then quit."),
                                        QStringLiteral("FILE"));
    const QCommandLineOption quitAfter(QStringLiteral("quit-after-ms"),
                                       QStringLiteral("Capture and quit after N ms even if the run goes on."),
                                       QStringLiteral("N"));
    const QCommandLineOption exportDir(QStringLiteral("export-dir"),
                                       QStringLiteral("Write every chart (PNG, SVG, PDF), the run (JSON, CSV, trace) and report.pdf into DIR, then quit."),
                                       QStringLiteral("DIR"));
    const QCommandLineOption theme(QStringLiteral("theme"), QStringLiteral("light or dark."), QStringLiteral("THEME"));
    const QCommandLineOption presentation(QStringLiteral("presentation"),
                                          QStringLiteral("Presentation mode: larger fonts, thicker lines."));
    const QCommandLineOption page(QStringLiteral("page"), QStringLiteral("lessons, lab or compare."),
                                  QStringLiteral("PAGE"));
    parser.addOptions({preset, run, screenshot, quitAfter, exportDir, theme, presentation, page});

    LaunchOptions options;
    if (!parser.parse(arguments)) {
        options.error = parser.errorText();
        return options;
    }
    if (parser.isSet(QStringLiteral("help")) || parser.isSet(QStringLiteral("version"))) {
        parser.process(arguments); // prints and exits, like any Qt program
    }
    options.preset = parser.value(preset);
    options.run = parser.isSet(run);
    options.screenshot = parser.value(screenshot);
    options.exportDir = parser.value(exportDir);
    if (parser.isSet(quitAfter)) {
        bool ok = false;
        options.quitAfterMs = parser.value(quitAfter).toInt(&ok);
        if (!ok || options.quitAfterMs < 0)
            options.error = QStringLiteral("quit-after-ms: expected a whole number of ms >= 0, got '%1'")
                                .arg(parser.value(quitAfter));
    }
    if (parser.isSet(theme)) {
        const QString value = parser.value(theme);
        if (value == QLatin1String("dark"))
            options.dark = true;
        else if (value == QLatin1String("light"))
            options.dark = false;
        else
            options.error = QStringLiteral("theme: expected light or dark, got '%1'").arg(value);
    }
    if (parser.isSet(presentation))
        options.presentation = true;
    options.page = parser.value(page);
    if (!options.page.isEmpty() && options.page != QLatin1String("lessons") && options.page != QLatin1String("lab")
        && options.page != QLatin1String("compare"))
        options.error = QStringLiteral("page: expected lessons, lab or compare, got '%1'").arg(options.page);
    return options;
}

} // namespace clab
