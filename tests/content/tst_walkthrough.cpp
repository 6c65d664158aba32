#include "lessonlibrary.h"
#include "model/presetcatalog.h"
#include "walkthrough.h"

#include <QDir>
#include <QFile>
#include <QTest>

using namespace clab;

class TestWalkthrough : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void shippedWalkthroughsParse();
    void roundTrip();
    void malformedAreRefused_data();
    void malformedAreRefused();

private:
    LessonLibrary m_lessons;
    PresetCatalog m_presets;
    QString m_dir;
};

void TestWalkthrough::initTestCase()
{
    m_dir = QString::fromStdString(findLessonsDir());
    m_lessons = LessonLibrary::load(m_dir.toStdString());
    m_presets = PresetCatalog::load(m_dir.toStdString() + "/presets.json");
    QVERIFY(!m_lessons.lessons.empty());
}

void TestWalkthrough::shippedWalkthroughsParse()
{
    const QDir dir(m_dir + QStringLiteral("/walkthroughs"));
    const QStringList files = dir.entryList({QStringLiteral("*.json")});
    QVERIFY(files.size() >= 2);
    for (const QString &name : files) {
        QFile file(dir.filePath(name));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const WalkthroughParse parsed = parseWalkthrough(file.readAll().toStdString(), m_lessons, m_presets);
        for (const std::string &error : parsed.errors)
            qWarning("%s: %s", qPrintable(name), error.c_str());
        QVERIFY(parsed.ok());
        QVERIFY(parsed.walkthrough.steps.size() >= 5);
        double minutes = 0;
        for (const WalkthroughStep &step : parsed.walkthrough.steps)
            minutes += step.minutes;
        QCOMPARE(minutes, parsed.walkthrough.durationMin);
    }
}

void TestWalkthrough::roundTrip()
{
    QFile file(m_dir + QStringLiteral("/walkthroughs/gil-live.json"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const WalkthroughParse first = parseWalkthrough(file.readAll().toStdString(), m_lessons, m_presets);
    QVERIFY(first.ok());
    const WalkthroughParse second = parseWalkthrough(first.walkthrough.toJson(), m_lessons, m_presets);
    QVERIFY(second.ok());
    QCOMPARE(second.walkthrough.toJson(), first.walkthrough.toJson());
    QCOMPARE(second.walkthrough.steps.size(), first.walkthrough.steps.size());
    QCOMPARE(second.walkthrough.steps[2].talkingPoints, first.walkthrough.steps[2].talkingPoints);
    QVERIFY(!first.walkthrough.steps[2].afterRun.empty());
    QCOMPARE(second.walkthrough.steps[2].afterRun, first.walkthrough.steps[2].afterRun);
}

void TestWalkthrough::malformedAreRefused_data()
{
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("error");
    auto with = [](const QString &steps, const QString &format = QStringLiteral("concurrency-lab-walkthrough")) {
        return QStringLiteral(
            R"({"format": "%1", "version": 1, "id": "w", "title": "W", "duration_min": 5, "steps": [%2]})")
            .arg(format, steps);
    };
    const QString good = QStringLiteral(
        R"({"title": "S", "lesson": "gil", "section": "", "preset": "", "minutes": 5, "talking_points": ["a"]})");
    QTest::newRow("syntax") << QStringLiteral("{\"format\": \n}") << "line 2, column 1";
    QTest::newRow("wrong format") << with(good, QStringLiteral("slides")) << "format: must be";
    QTest::newRow("no steps") << with(QString()) << "steps: missing";
    QTest::newRow("unknown lesson") << with(
        QStringLiteral(R"({"title": "S", "lesson": "nope", "minutes": 1, "talking_points": []})"))
                                    << "step 1 (\"S\"): lesson 'nope' does not exist";
    QTest::newRow("unknown section") << with(good
        + QStringLiteral(
            R"(, {"title": "T", "lesson": "gil", "section": "Nowhere", "minutes": 1, "talking_points": []})"))
                                     << "step 2 (\"T\"): section 'Nowhere' is not a heading";
    QTest::newRow("unknown preset") << with(QStringLiteral(
        R"({"title": "S", "lesson": "gil", "preset": "warp-speed", "minutes": 1, "talking_points": []})"))
                                    << "preset 'warp-speed' does not exist";
    QTest::newRow("point not text") << with(
        QStringLiteral(R"({"title": "S", "lesson": "gil", "minutes": 1, "talking_points": [3]})"))
                                    << "talking_points: every point must be a string";
    QTest::newRow("after the run, without a run") << with(
        QStringLiteral(R"({"title": "S", "lesson": "gil", "minutes": 1, "talking_points": [], "after_run": ["x"]})"))
                                                  << "after_run: only a step with a preset";
    QTest::newRow("after the run, not a list") << with(QStringLiteral(
        R"({"title": "S", "lesson": "gil", "preset": "cpu-threads-1", "minutes": 1, "talking_points": [],
            "after_run": "x"})")) << "after_run: not an array";
}

void TestWalkthrough::malformedAreRefused()
{
    QFETCH(QString, json);
    QFETCH(QString, error);
    const WalkthroughParse parsed = parseWalkthrough(json.toStdString(), m_lessons, m_presets);
    QVERIFY(!parsed.ok());
    bool found = false;
    for (const std::string &e : parsed.errors)
        found = found || QString::fromStdString(e).contains(error);
    QVERIFY2(found, parsed.errors.front().c_str());
}

QTEST_GUILESS_MAIN(TestWalkthrough)
#include "tst_walkthrough.moc"
