#include "execution/run.h"
#include "formats/json.h"
#include "model/presetcatalog.h"

#include <QTest>

#include <algorithm>

using namespace clab;

// Presets are data: the lessons' Try-it experiments. Every shipped preset must pass the engine's
// validation and run; a broken file is refused with a message that says where.
class TestPresetCatalog : public QObject
{
    Q_OBJECT

private slots:
    void jsonParses();
    void jsonErrorsSayWhere_data();
    void jsonErrorsSayWhere();
    void malformedPresetsAreRefused_data();
    void malformedPresetsAreRefused();
    void shippedPresetsAreValid();
    void shippedPresetsRunShortened();
};

void TestPresetCatalog::jsonParses()
{
    const auto parsed = parseJson(R"( {"a": [1, -2.5e3, true, null, "x\"\u00e9\ud83d\ude00"], "b": {}} )");
    QVERIFY2(parsed.value.has_value(), parsed.error.c_str());
    const Json &root = *parsed.value;
    QVERIFY(root.is_object());
    const Json &a = root.at("a");
    QVERIFY(a.is_array());
    QCOMPARE(a.size(), std::size_t(5));
    QCOMPARE(a[1].get<double>(), -2500.0);
    QCOMPARE(settingText(a[0]), std::string("1"));
    QCOMPARE(std::stod(settingText(a[1])), -2500.0);
    QCOMPARE(settingText(a[2]), std::string("true"));
    QCOMPARE(settingText(a[3]), std::string());
    QCOMPARE(a[4].get<std::string>(), std::string("x\"\xc3\xa9\xf0\x9f\x98\x80"));
    QCOMPARE(settingText(a[4]), a[4].get<std::string>());
    QVERIFY(root.at("b").is_object());
    QVERIFY(!root.contains("c"));
    // Keys keep the file's order, so exports and error messages follow it.
    const auto ordered = parseJson(R"({"z": 1, "a": 2, "m": 3})");
    QVERIFY(ordered.value);
    std::string keys;
    for (const auto &[key, value] : ordered.value->items())
        keys += key;
    QCOMPARE(keys, std::string("zam"));
    // Bytes that are not UTF-8 are refused, not passed on to the lessons and labels.
    const auto latin1 = parseJson("[\"caf\xe9\"]");
    QVERIFY(!latin1.value);
    QVERIFY2(latin1.error.find("line 1, column") == 0, latin1.error.c_str());
}

void TestPresetCatalog::jsonErrorsSayWhere_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("error");
    QTest::newRow("trailing comma") << "[1,\n 2,\n]"
                                    << "line 3, column 1";
    QTest::newRow("missing colon") << "{\"a\" 1}"
                                   << "line 1, column 6: syntax error while parsing object separator";
    QTest::newRow("unterminated")
        << "[\"abc"
        << "line 1, column 6: syntax error while parsing value - invalid string: missing closing quote";
    QTest::newRow("comment") << "// hi\n[]"
                             << "line 1, column 1: syntax error";
    QTest::newRow("two documents")
        << "[] []"
        << "line 1, column 4: syntax error while parsing value - unexpected '['; expected end of input";
    QTest::newRow("leading zero") << "[01]"
                                  << "line 1, column 3";
    QTest::newRow("lone surrogate") << "[\"\\udc00\"]"
                                    << "surrogate";
    QTest::newRow("deep") << QString(100, QLatin1Char('[')) << "line 1, column 65: nested more than 64 levels deep";
    // Found by fuzz_json (fuzz/corpus/fuzz_json/number-overflow.json): a number too large for a
    // double said "not valid JSON" without a position.
    QTest::newRow("number overflow") << "[1,\n 2e308]"
                                     << "line 2, column 6: number overflow parsing '2e308'";
}

void TestPresetCatalog::jsonErrorsSayWhere()
{
    QFETCH(QString, text);
    QFETCH(QString, error);
    const auto parsed = parseJson(text.toStdString());
    QVERIFY(!parsed.value);
    QVERIFY2(QString::fromStdString(parsed.error).contains(error), parsed.error.c_str());
}

void TestPresetCatalog::malformedPresetsAreRefused_data()
{
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("error");
    const QString good
        = QStringLiteral(R"({"id": "ok", "title": "T", "lesson": "gil", "question": "Q?", "config": {"workers": 2}})");
    QTest::newRow("not an array") << "{}"
                                  << "must hold a JSON array";
    QTest::newRow("no id") << R"([{"title": "T", "lesson": "l", "question": "Q", "config": {}}])"
                           << "preset #1: id: missing";
    QTest::newRow("bad workers") << QStringLiteral("[") + good
            + QStringLiteral(
                R"(, {"id": "many", "title": "T", "lesson": "l", "question": "Q", "config": {"workers": 1000}}])")
                                 << "preset 'many' (#2): config.workers: must be 1..256 for threads, got 1000";
    QTest::newRow("unknown key")
        << R"([{"id": "k", "title": "T", "lesson": "l", "question": "Q", "config": {"threads": 4}}])"
        << "preset 'k' (#1): config.threads: unknown setting";
    QTest::newRow("bad model")
        << R"([{"id": "m", "title": "T", "lesson": "l", "question": "Q", "config": {"model": "fibers"}}])"
        << "config.model: expected one of";
    QTest::newRow("nested value")
        << R"([{"id": "n", "title": "T", "lesson": "l", "question": "Q", "config": {"workers": [2]}}])"
        << "config.workers: must be a number";
    QTest::newRow("duplicate id") << QStringLiteral("[") + good + QStringLiteral(",") + good + QStringLiteral("]")
                                  << "preset 'ok' (#2): id: used by an earlier preset";
    QTest::newRow("syntax") << QStringLiteral("[") + good + QStringLiteral(",]") << "line 1";
    QTest::newRow("number overflow")
        << R"([{"id": "o", "title": "T", "lesson": "l", "question": "Q", "config": {"workers": 1e400}}])"
        << "line 1, column 86: number overflow parsing '1e400'";
}

void TestPresetCatalog::malformedPresetsAreRefused()
{
    QFETCH(QString, json);
    QFETCH(QString, error);
    const PresetCatalog catalog = PresetCatalog::parse(json.toStdString());
    QVERIFY(!catalog.errors.empty());
    QVERIFY2(QString::fromStdString(catalog.errors.back()).contains(error), catalog.errors.back().c_str());
    for (const Preset &preset : catalog.presets)
        QVERIFY(!validate(preset.config)); // what was kept is valid
}

void TestPresetCatalog::shippedPresetsAreValid()
{
    const std::string dir = findLessonsDir();
    QVERIFY2(!dir.empty(), "the lessons folder is found");
    const PresetCatalog catalog = PresetCatalog::load(dir + "/presets.json");
    for (const std::string &error : catalog.errors)
        qWarning("%s", error.c_str());
    QVERIFY(catalog.errors.empty());
    QVERIFY(catalog.presets.size() >= 20);
    int withAnswers = 0;
    for (const Preset &preset : catalog.presets) {
        QVERIFY(!preset.title.empty());
        QVERIFY2(preset.question.find('?') != std::string::npos, preset.id.c_str());
        // A preset's own answers do not overlap: every measurement makes at most one right
        // (a shared bound belongs to the first), and they read in order.
        for (std::size_t i = 1; i < preset.answers.size(); ++i) {
            const PresetAnswer &a = preset.answers[i - 1];
            const PresetAnswer &b = preset.answers[i];
            QVERIFY2(a.max <= b.min || b.max <= a.min, (preset.id + ": " + a.label + " / " + b.label).c_str());
        }
        withAnswers += preset.answers.empty() ? 0 : 1;
    }
    // The questions about a time, a count or cores busy, not a speedup, offer their own answers.
    QVERIFY(withAnswers >= 10);
}

void TestPresetCatalog::shippedPresetsRunShortened()
{
    // Each preset, cut to a few tasks and short waits, runs to the end on this machine.
    const PresetCatalog catalog = PresetCatalog::load(findLessonsDir() + "/presets.json");
    QVERIFY(!catalog.presets.empty());
    for (const Preset &preset : catalog.presets) {
        RunConfig config = preset.config;
        config.tasks = std::min(config.tasks, std::max(8, std::min(config.workers, 64)));
        config.cpuSteps = std::min(config.cpuSteps, 400);
        config.ioMs = std::min(config.ioMs, 2.0);
        config.nativeKib = std::min(config.nativeKib, 32);
        config.fileKib = std::min(config.fileKib, 16);
        const RunOutcome outcome = runToEnd(config);
        QVERIFY2(!outcome.error, preset.id.c_str());
        QVERIFY2(outcome.result.succeeded(), (preset.id + ": " + outcome.result.summary.error).c_str());
        const RunSummary &summary = outcome.result.summary;
        if (summary.deadlock && summary.deadlock->detected) {
            // Lesson 17's locks taken in opposite orders: a deadlock is the run's result, and it ends
            // the run where it fell.
            QVERIFY2(config.lockOrder == LockOrder::Opposite, preset.id.c_str());
            QVERIFY(summary.stopped);
            continue;
        }
        QCOMPARE(summary.tasksCompleted, std::uint64_t(config.tasks));
    }
}

QTEST_GUILESS_MAIN(TestPresetCatalog)
#include "tst_presetcatalog.moc"
