#include "lessons/embeddedcontent.h"
#include "walkthrough.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace clab;

// The copies embedded in the program are the ones the app shows: they must parse as cleanly as
// the lessons folder the content tests check.
class TestEmbeddedContent : public QObject
{
    Q_OBJECT

private slots:
    void everyPresetLoads();
    void valuesReachTheConfig();
    void everyLessonLoads();
    void everyWalkthroughParses();
};

void TestEmbeddedContent::everyPresetLoads()
{
    QFile file(QStringLiteral(":/lessons/presets.json"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const qsizetype inFile = QJsonDocument::fromJson(file.readAll()).array().size();
    QVERIFY(inFile > 0);
    const PresetCatalog &catalog = embeddedPresets();
    QVERIFY2(catalog.errors.empty(), catalog.errors.empty() ? "" : catalog.errors.front().c_str());
    QCOMPARE(static_cast<qsizetype>(catalog.presets.size()), inFile);
    for (const Preset &preset : catalog.presets) {
        QVERIFY(!preset.title.empty());
        QVERIFY(!preset.question.empty());
    }
}

void TestEmbeddedContent::valuesReachTheConfig()
{
    const Preset *preset = embeddedPresets().find("mixed-threads-2");
    QVERIFY(preset);
    QVERIFY(preset->config.model == ExecutionModel::Threads);
    QVERIFY(preset->config.workload == WorkloadKind::Mixed);
    QCOMPARE(preset->config.cpuSteps, 16000);
    QCOMPARE(preset->config.ioMs, 20.0);
    QCOMPARE(preset->config.cpuFraction, 0.75);
    QVERIFY(!embeddedPresets().find("nope"));
}

void TestEmbeddedContent::everyLessonLoads()
{
    const qsizetype files = QDir(QStringLiteral(":/lessons")).entryList({QStringLiteral("*.md")}).size();
    QVERIFY(files >= 15);
    const LessonLibrary &library = embeddedLessons();
    QVERIFY2(library.errors.empty(), library.errors.empty() ? "" : library.errors.front().c_str());
    QCOMPARE(static_cast<qsizetype>(library.lessons.size()), files);
    for (std::size_t i = 1; i < library.lessons.size(); ++i)
        QVERIFY(library.lessons[i - 1].order < library.lessons[i].order);
    for (const Lesson &lesson : library.lessons) {
        QVERIFY2(!lesson.tryIts.empty(), lesson.id.c_str());
        for (const TryIt &tryIt : lesson.tryIts)
            QVERIFY2(embeddedPresets().find(tryIt.presetId), tryIt.presetId.c_str());
    }
}

void TestEmbeddedContent::everyWalkthroughParses()
{
    const QStringList paths = embeddedWalkthroughs();
    QCOMPARE(paths.size(), 3); // the three shipped in lessons/walkthroughs
    for (const QString &path : paths) {
        const WalkthroughParse parsed = parseWalkthrough(readAll(path), embeddedLessons(), embeddedPresets());
        QVERIFY2(parsed.ok(),
            qPrintable(path + QStringLiteral(": ") + QString::fromStdString(parsed.ok() ? "" : parsed.errors.front())));
        QVERIFY(!parsed.walkthrough.steps.empty());
    }
}

QTEST_MAIN(TestEmbeddedContent)
#include "tst_embeddedcontent.moc"
