#include "presetlibrary.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace clab;

class TestPresetLibrary : public QObject
{
    Q_OBJECT

private slots:
    void everyPresetLoads();
    void valuesReachTheConfig();
    void badPresetIsNamed();
};

void TestPresetLibrary::everyPresetLoads()
{
    QFile file(QStringLiteral(":/lessons/presets.json"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const qsizetype inFile = QJsonDocument::fromJson(file.readAll()).array().size();
    QVERIFY(inFile > 0);
    const PresetLibrary library = PresetLibrary::builtIn();
    QCOMPARE(static_cast<qsizetype>(library.presets().size()), inFile);
    for (const Preset &preset : library.presets()) {
        QVERIFY(!preset.title.isEmpty());
        // Valid, except models the engine does not run yet (validate names the model).
        if (auto error = validate(preset.config))
            QCOMPARE(QString::fromStdString(error->field), QStringLiteral("model"));
    }
}

void TestPresetLibrary::valuesReachTheConfig()
{
    const PresetLibrary library = PresetLibrary::builtIn();
    const Preset *preset = library.find(QStringLiteral("mixed-threads-2"));
    QVERIFY(preset);
    QVERIFY(preset->config.model == ExecutionModel::Threads);
    QVERIFY(preset->config.workload == WorkloadKind::Mixed);
    QCOMPARE(preset->config.cpuSteps, 16000);
    QCOMPARE(preset->config.ioMs, 20.0);
    QCOMPARE(preset->config.cpuFraction, 0.75);
    QVERIFY(!preset->question.isEmpty());
    QVERIFY(!library.find(QStringLiteral("nope")));
}

void TestPresetLibrary::badPresetIsNamed()
{
    PresetLibrary library;
    QString error;
    QVERIFY(!library.loadJson(R"([{"id":"x","title":"X","config":{"workers":"many"}},
                                  {"id":"y","title":"Y","config":{"workers":3}}])", &error));
    QVERIFY2(error.contains(QStringLiteral("x: workers")), qPrintable(error));
    QCOMPARE(library.presets().size(), std::size_t(1));
    QCOMPARE(library.presets().front().config.workers, 3);
}

QTEST_MAIN(TestPresetLibrary)
#include "tst_presetlibrary.moc"
