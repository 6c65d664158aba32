#include "model/presetcatalog.h"
#include "results/prediction.h"

#include <QTest>

using namespace clab;

// Predictions are graded on size as well as direction, by bands written down once
// (results/prediction.h); a preset's own answers are ranges of one measured quantity.
class TestPrediction : public QObject
{
    Q_OBJECT

private slots:
    void speedBands_data();
    void speedBands();
    void answersAreRangesOfOneQuantity();
    void presetAnswersAreChecked_data();
    void presetAnswersAreChecked();
};

void TestPrediction::speedBands_data()
{
    QTest::addColumn<int>("direction");
    QTest::addColumn<double>("factor");
    QTest::addColumn<double>("speedup");
    QTest::addColumn<int>("grade");
    const int faster = int(SpeedDirection::Faster);
    const int same = int(SpeedDirection::Same);
    const int slower = int(SpeedDirection::Slower);
    QTest::newRow("x2 against x1.9") << faster << 2.0 << 1.9 << int(Grade::Right);
    QTest::newRow("x2 against x1.5") << faster << 2.0 << 1.5 << int(Grade::Right);
    QTest::newRow("x2 against x1.45") << faster << 2.0 << 1.45 << int(Grade::RightDirection);
    QTest::newRow("x2 against x3.5") << faster << 2.0 << 3.5 << int(Grade::RightDirection);
    QTest::newRow("x2 against x1.2 (about the same)") << faster << 2.0 << 1.2 << int(Grade::Wrong);
    QTest::newRow("x2 against x0.9") << faster << 2.0 << 0.9 << int(Grade::Wrong);
    QTest::newRow("same against x0.8") << same << 1.0 << 0.8 << int(Grade::Right);
    QTest::newRow("same against x1.25") << same << 1.0 << 1.25 << int(Grade::Right);
    QTest::newRow("same against x1.3") << same << 1.0 << 1.3 << int(Grade::Wrong);
    QTest::newRow("same against x0.79") << same << 1.0 << 0.79 << int(Grade::Wrong);
    QTest::newRow("slower x1.5 against x0.63") << slower << 1.5 << 0.63 << int(Grade::Right);
    QTest::newRow("slower x4 against x0.7") << slower << 4.0 << 0.7 << int(Grade::RightDirection);
    QTest::newRow("slower x1.5 against x0.9") << slower << 1.5 << 0.9 << int(Grade::Wrong);
}

void TestPrediction::speedBands()
{
    QFETCH(int, direction);
    QFETCH(double, factor);
    QFETCH(double, speedup);
    QFETCH(int, grade);
    QCOMPARE(int(gradeSpeed({SpeedDirection(direction), factor}, speedup)), grade);
}

void TestPrediction::answersAreRangesOfOneQuantity()
{
    const std::vector<PresetAnswer> answers{{"about 10 ms", "wall_ms", 5.0, 25.0},
        {"in between", "wall_ms", 25.0, 300.0}, {"about 400 ms", "wall_ms", 300.0, 600.0}};
    QCOMPARE(answerHolding(answers, 12.0), 0);
    QCOMPARE(answerHolding(answers, 25.0), 0); // a shared bound belongs to the first
    QCOMPARE(answerHolding(answers, 402.0), 2);
    QCOMPARE(answerHolding(answers, 2.0), -1);
    QCOMPARE(gradeAnswer(answers, 0, 12.0), Grade::Right);
    QCOMPARE(gradeAnswer(answers, 2, 12.0), Grade::Wrong);
    QCOMPARE(gradeAnswer(answers, 7, 12.0), Grade::Wrong);

    RunResult r;
    r.summary.tasksCompleted = 10;
    r.summary.wallSeconds = 0.25;
    r.summary.avgCoresBusy = 1.5;
    r.summary.maxRunning = 2;
    r.summary.throughputTps = 40.0;
    QCOMPARE(*measuredQuantity("wall_ms", r, std::nullopt), 250.0);
    QCOMPARE(*measuredQuantity("cores_busy", r, std::nullopt), 1.5);
    QCOMPARE(*measuredQuantity("max_running", r, std::nullopt), 2.0);
    QCOMPARE(*measuredQuantity("throughput_tps", r, std::nullopt), 40.0);
    QVERIFY(!measuredQuantity("speedup", r, std::nullopt));
    QCOMPARE(*measuredQuantity("speedup", r, 1.7), 1.7);
    QVERIFY(!measuredQuantity("lost_updates", r, std::nullopt)); // not a race run
    r.summary.race = RaceSummary{};
    r.summary.race->expected = 2'000'000;
    r.summary.race->final = 1'000'500;
    r.summary.race->lostUpdates = 999'500;
    QCOMPARE(*measuredQuantity("lost_updates", r, std::nullopt), 999'500.0);
    QCOMPARE(quantityText("lost_updates", 999'500.0), std::string("updates lost 999500"));
    QVERIFY(!measuredQuantity("deadlocks_found", r, std::nullopt)); // not a deadlock run
    r.summary.deadlock = DeadlockSummary{};
    QCOMPARE(*measuredQuantity("deadlocks_found", r, std::nullopt), 0.0);
    for (const AnswerQuantity &quantity : answerQuantities())
        QVERIFY2(measuredQuantity(quantity.key, r, 1.0).has_value(), quantity.key);
    // A deadlock before the first task ends: found, though nothing else is measured.
    r.summary.deadlock->detected = true;
    r.summary.tasksCompleted = 0;
    QCOMPARE(*measuredQuantity("deadlocks_found", r, std::nullopt), 1.0);
    QVERIFY(!measuredQuantity("wall_ms", r, std::nullopt));
    r.summary.error = "failed";
    QVERIFY(!measuredQuantity("deadlocks_found", r, std::nullopt));
    r.summary.tasksCompleted = 10;
    QVERIFY(!measuredQuantity("wall_ms", r, std::nullopt));
}

void TestPrediction::presetAnswersAreChecked_data()
{
    QTest::addColumn<QString>("answers");
    QTest::addColumn<QString>("error");
    QTest::newRow("one answer") << R"([{"label": "a", "quantity": "wall_ms", "min": 1, "max": 2}])"
                                << "answers: must be a list of at least two answers";
    QTest::newRow("unknown quantity") << R"([{"label": "a", "quantity": "joules", "min": 1, "max": 2},
        {"label": "b", "quantity": "joules", "min": 2, "max": 3}])"
                                      << "answers[1].quantity: must be one of wall_ms speedup";
    QTest::newRow("two quantities") << R"([{"label": "a", "quantity": "wall_ms", "min": 1, "max": 2},
        {"label": "b", "quantity": "speedup", "min": 2, "max": 3}])"
                                    << "answers[2].quantity: every answer must be about the same quantity";
    QTest::newRow("empty range") << R"([{"label": "a", "quantity": "wall_ms", "min": 2, "max": 2},
        {"label": "b", "quantity": "wall_ms", "min": 2, "max": 3}])"
                                 << "answers[1].max: must be greater than min";
    QTest::newRow("no label") << R"([{"quantity": "wall_ms", "min": 1, "max": 2},
        {"label": "b", "quantity": "wall_ms", "min": 2, "max": 3}])"
                              << "answers[1].label: missing";
    QTest::newRow("valid") << R"([{"label": "a", "quantity": "wall_ms", "min": 1, "max": 2},
        {"label": "b", "quantity": "wall_ms", "min": 2, "max": 3}])"
                           << QString();
}

void TestPrediction::presetAnswersAreChecked()
{
    QFETCH(QString, answers);
    QFETCH(QString, error);
    const std::string text = R"([{"id": "p", "title": "T", "lesson": "l", "question": "Q?", "answers": )"
        + answers.toStdString() + R"(, "config": {"model": "threads", "workers": 2}}])";
    const PresetCatalog catalog = PresetCatalog::parse(text);
    if (error.isEmpty()) {
        QVERIFY2(catalog.errors.empty(), catalog.errors.empty() ? "" : catalog.errors.front().c_str());
        QCOMPARE(catalog.presets.front().answers.size(), std::size_t(2));
        QCOMPARE(catalog.presets.front().answers[1].label, std::string("b"));
        return;
    }
    QCOMPARE(catalog.errors.size(), std::size_t(1));
    QVERIFY2(
        catalog.errors.front().find("preset 'p' (#1): " + error.toStdString()) == 0, catalog.errors.front().c_str());
    QVERIFY(catalog.presets.empty());
}

QTEST_APPLESS_MAIN(TestPrediction)
#include "tst_prediction.moc"
