#include "model/runconfig.h"
#include "model/runconfigfields.h"

#include <QTest>

#include <algorithm>
#include <optional>

using namespace clab;

namespace {

// The engine's enums are not Qt meta-types; compare them by their names so a
// failure prints something readable.
template<typename Enum> QString nameOf(Enum value)
{
    return QString::fromUtf8(toString(value).data(), qsizetype(toString(value).size()));
}

template<typename Enum> QString nameOf(const std::optional<Enum> &value)
{
    return value ? nameOf(*value) : QStringLiteral("(none)");
}

} // namespace

class TestRunConfig : public QObject
{
    Q_OBJECT

private slots:
    void defaultsAreValid();
    void rejectsOutOfRange_data();
    void rejectsOutOfRange();
    void setFieldParses();
    void setFieldRejects_data();
    void setFieldRejects();
    void namesRoundTrip();
    void fieldsCoverEverySetting();
    void everyFieldOfTheTableRoundTrips();
    void everyFieldOfTheTableRejectsBadValues();
    void workloadParametersComeFromTheTable();
};

void TestRunConfig::defaultsAreValid()
{
    QVERIFY(!validate(RunConfig{}).has_value());
    RunConfig coroutines;
    coroutines.model = ExecutionModel::Coroutines;
    coroutines.workers = 100000;
    QVERIFY(!validate(coroutines).has_value());
}

void TestRunConfig::rejectsOutOfRange_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("model");
    QTest::addColumn<QString>("expected"); // the allowed range, as the message must say it

    QTest::newRow("workers 0") << "workers"
                               << "0"
                               << "threads"
                               << "1..256";
    QTest::newRow("workers 257 threads") << "workers"
                                         << "257"
                                         << "threads"
                                         << "1..256";
    QTest::newRow("workers 2 sequential") << "workers"
                                          << "2"
                                          << "sequential"
                                          << "1 (the sequential";
    QTest::newRow("workers 300 subinterpreters") << "workers"
                                                 << "300"
                                                 << "subinterpreters"
                                                 << "1..256";
    QTest::newRow("workers 100001 coroutines") << "workers"
                                               << "100001"
                                               << "coroutines"
                                               << "1..100000";
    QTest::newRow("tasks 0") << "tasks"
                             << "0"
                             << "threads"
                             << "1..1000000";
    QTest::newRow("switch interval too small") << "switch_interval_ms"
                                               << "0.0001"
                                               << "threads"
                                               << "0.001..1000";
    QTest::newRow("switch interval too large") << "switch_interval_ms"
                                               << "1001"
                                               << "threads"
                                               << "0.001..1000";
    QTest::newRow("cpu hogs 17") << "cpu_hogs"
                                 << "17"
                                 << "threads"
                                 << "0..16";
    QTest::newRow("cpu hogs -1") << "cpu_hogs"
                                 << "-1"
                                 << "threads"
                                 << "0..16";
    QTest::newRow("io_ms 0") << "io_ms"
                             << "0"
                             << "threads"
                             << "0.01..10000";
    QTest::newRow("cpu_fraction 1.5") << "cpu_fraction"
                                      << "1.5"
                                      << "threads"
                                      << "0..1";
    QTest::newRow("sample_hz 0") << "sample_hz"
                                 << "0"
                                 << "threads"
                                 << "1..100";
    QTest::newRow("native_kib 0") << "native_kib"
                                  << "0"
                                  << "threads"
                                  << "1..65536";
    QTest::newRow("cpu_steps 0") << "cpu_steps"
                                 << "0"
                                 << "threads"
                                 << "1..10000000";
}

void TestRunConfig::rejectsOutOfRange()
{
    QFETCH(QString, key);
    QFETCH(QString, value);
    QFETCH(QString, model);
    QFETCH(QString, expected);

    RunConfig config;
    QVERIFY(!setField(config, "model", model.toStdString()));
    QVERIFY(!setField(config, "workers", "1"));
    QVERIFY(!setField(config, key.toStdString(), value.toStdString()));
    const auto error = validate(config);
    QVERIFY(error.has_value());
    QCOMPARE(QString::fromStdString(error->field), key);
    const QString message = QString::fromStdString(error->toString());
    QVERIFY2(message.startsWith(key + QStringLiteral(": must be ")), qPrintable(message));
    QVERIFY2(message.contains(expected), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("got ")), qPrintable(message));
}

void TestRunConfig::setFieldParses()
{
    RunConfig config;
    QVERIFY(!setField(config, "model", "subinterpreters"));
    QVERIFY(!setField(config, "workers", "8"));
    QVERIFY(!setField(config, "workload", "io-sleep"));
    QVERIFY(!setField(config, "gil", "legacy"));
    QVERIFY(!setField(config, "switch_interval_ms", "0.5"));
    QVERIFY(!setField(config, "blocking_io", "true"));
    QCOMPARE(nameOf(config.model), nameOf(ExecutionModel::Subinterpreters));
    QCOMPARE(config.workers, 8);
    QCOMPARE(nameOf(config.workload), nameOf(WorkloadKind::IoSleep));
    QCOMPARE(nameOf(config.gil), nameOf(GilPolicy::Legacy));
    QCOMPARE(config.switchIntervalMs, 0.5);
    QVERIFY(config.blockingIo);
    QVERIFY(!validate(config));
}

void TestRunConfig::setFieldRejects_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("fragment");

    QTest::newRow("unknown model") << "model"
                                   << "fibers"
                                   << "one of sequential, threads";
    QTest::newRow("unknown gil") << "gil"
                                 << "maybe"
                                 << "one of modern, legacy, off";
    QTest::newRow("unknown workload") << "workload"
                                      << "gpu"
                                      << "one of cpu, native";
    QTest::newRow("workers not a number") << "workers"
                                          << "four"
                                          << "a whole number";
    QTest::newRow("workers fraction") << "workers"
                                      << "2.5"
                                      << "a whole number";
    QTest::newRow("workers overflow") << "workers"
                                      << "99999999999"
                                      << "1..256";
    QTest::newRow("interval not a number") << "switch_interval_ms"
                                           << "5ms"
                                           << "a number";
    QTest::newRow("interval nan") << "switch_interval_ms"
                                  << "nan"
                                  << "a number";
    QTest::newRow("empty tasks") << "tasks"
                                 << ""
                                 << "a whole number";
    QTest::newRow("unknown setting") << "threads"
                                     << "4"
                                     << "unknown setting";
}

void TestRunConfig::setFieldRejects()
{
    QFETCH(QString, key);
    QFETCH(QString, value);
    QFETCH(QString, fragment);

    RunConfig config;
    const RunConfig before = config;
    const auto error = setField(config, key.toStdString(), value.toStdString());
    QVERIFY(error.has_value());
    QCOMPARE(QString::fromStdString(error->field), key);
    const QString message = QString::fromStdString(error->toString());
    QVERIFY2(message.contains(fragment), qPrintable(message));
    // Nothing changed.
    QCOMPARE(config.workers, before.workers);
    QCOMPARE(nameOf(config.model), nameOf(before.model));
    QCOMPARE(config.switchIntervalMs, before.switchIntervalMs);
    QCOMPARE(config.tasks, before.tasks);
}

void TestRunConfig::namesRoundTrip()
{
    for (auto model : {ExecutionModel::Sequential, ExecutionModel::Threads, ExecutionModel::Processes,
             ExecutionModel::Coroutines, ExecutionModel::Subinterpreters})
        QCOMPARE(nameOf(executionModelFromString(toString(model))), nameOf(model));
    for (const WorkloadInfo &info : workloadCatalog())
        QCOMPARE(nameOf(workloadFromString(toString(info.kind))), nameOf(info.kind));
    for (auto policy : {GilPolicy::Modern, GilPolicy::Legacy, GilPolicy::Off})
        QCOMPARE(nameOf(gilPolicyFromString(toString(policy))), nameOf(policy));
    QCOMPARE(maxWorkers(ExecutionModel::Processes), 64);
    QCOMPARE(maxWorkers(ExecutionModel::Coroutines), 100000);
}

void TestRunConfig::fieldsCoverEverySetting()
{
    // Every field written out reads back through setField to the same config.
    RunConfig config;
    config.model = ExecutionModel::Subinterpreters;
    config.workers = 3;
    config.workload = WorkloadKind::Mixed;
    config.switchIntervalMs = 0.25;
    config.cpuFraction = 0.75;
    config.seed = 99;
    RunConfig copy;
    for (const ConfigField &field : fields(config)) {
        QVERIFY2(!setField(copy, field.key, field.value), field.key.c_str());
        QVERIFY2(!describeField(field.key).empty(), field.key.c_str());
    }
    QCOMPARE(nameOf(copy.model), nameOf(config.model));
    QCOMPARE(copy.workers, config.workers);
    QCOMPARE(nameOf(copy.workload), nameOf(config.workload));
    QCOMPARE(copy.switchIntervalMs, config.switchIntervalMs);
    QCOMPARE(copy.cpuFraction, config.cpuFraction);
    QCOMPARE(copy.seed, config.seed);
}

namespace {

QString keyOf(const FieldSpec &field)
{
    return QString::fromUtf8(field.key.data(), qsizetype(field.key.size()));
}

// A valid value of the field that is not its default (in a threads run), as text.
std::string otherValue(const FieldSpec &field, const RunConfig &config)
{
    const std::string current = fieldText(config, field);
    switch (field.type()) {
    case FieldType::Integer: {
        const FieldBounds bounds = boundsOf(field, config);
        const std::string max = std::to_string(static_cast<long long>(bounds.max));
        return max != current ? max : std::to_string(static_cast<long long>(bounds.min));
    }
    case FieldType::Real: {
        const FieldBounds bounds = boundsOf(field, config);
        const double value = bounds.max != std::stod(current) ? bounds.max : bounds.min;
        return QString::number(value, 'g', 17).toStdString();
    }
    case FieldType::Seed:
        return "18446744073709551615";
    case FieldType::Boolean:
    case FieldType::Choice: {
        // The last other name: for the model, one that runs two workers too.
        const std::vector<std::string_view> names = field.choices();
        for (auto name = names.rbegin(); name != names.rend(); ++name) {
            if (*name != current)
                return std::string(*name);
        }
    }
    }
    return {};
}

} // namespace

void TestRunConfig::everyFieldOfTheTableRoundTrips()
{
    const RunConfig defaults;
    QCOMPARE(fields(defaults).size(), configFields().size());
    QVERIFY(!findField("threads"));
    for (const FieldSpec &field : configFields()) {
        QVERIFY2(findField(field.key) == &field, qPrintable(keyOf(field)));
        QVERIFY2(!field.help.empty(), qPrintable(keyOf(field)));
        QCOMPARE(QString::fromUtf8(describeField(field.key).data()), QString::fromUtf8(field.help.data()));
        QVERIFY2(!allowedValues(defaults, field.key).empty(), qPrintable(keyOf(field)));
        QVERIFY2(!validateField(defaults, field), qPrintable(keyOf(field)));

        // Text in, the same text and value out, and nothing else changed.
        const std::string text = otherValue(field, defaults);
        RunConfig config;
        QVERIFY2(!setField(config, field.key, text), qPrintable(keyOf(field)));
        QCOMPARE(QString::fromStdString(fieldText(config, field)), QString::fromStdString(text));
        QVERIFY2(fieldValue(config, field) != fieldValue(defaults, field), qPrintable(keyOf(field)));
        QVERIFY2(!validate(config), qPrintable(keyOf(field)));
        for (const FieldSpec &other : configFields()) {
            if (&other != &field)
                QVERIFY2(fieldValue(config, other) == fieldValue(defaults, other), qPrintable(keyOf(other)));
        }

        // The typed value writes back the same way, and fields() says the same as fieldText().
        RunConfig typed;
        QVERIFY2(!setFieldValue(typed, field, fieldValue(config, field)), qPrintable(keyOf(field)));
        QVERIFY2(fieldValue(typed, field) == fieldValue(config, field), qPrintable(keyOf(field)));
        bool listed = false;
        for (const ConfigField &f : fields(config)) {
            if (f.key == field.key) {
                listed = true;
                QCOMPARE(QString::fromStdString(f.value), QString::fromStdString(text));
                QCOMPARE(f.isText, field.type() == FieldType::Choice);
            }
        }
        QVERIFY2(listed, qPrintable(keyOf(field)));
    }
}

void TestRunConfig::everyFieldOfTheTableRejectsBadValues()
{
    const RunConfig defaults;
    const std::vector<ConfigField> before = fields(defaults);
    auto unchanged = [&](const RunConfig &config) {
        const std::vector<ConfigField> after = fields(config);
        for (std::size_t i = 0; i < after.size(); ++i) {
            if (after[i].value != before[i].value)
                return false;
        }
        return true;
    };
    for (const FieldSpec &field : configFields()) {
        const QString key = keyOf(field);
        // Unparsable text: an error naming the field and what it expects; the config is untouched.
        RunConfig config;
        const auto garbage = setField(config, field.key, "x!");
        QVERIFY2(garbage.has_value(), qPrintable(key));
        QCOMPARE(QString::fromStdString(garbage->field), key);
        QVERIFY2(QString::fromStdString(garbage->toString()).startsWith(key + QStringLiteral(": expected ")),
            qPrintable(QString::fromStdString(garbage->toString())));
        QVERIFY2(unchanged(config), qPrintable(key));

        // A typed value of another type: the same kind of error, and again nothing changes.
        const FieldValue wrong = field.type() == FieldType::Boolean ? FieldValue{1} : FieldValue{true};
        const auto mistyped = setFieldValue(config, field, wrong);
        QVERIFY2(mistyped.has_value(), qPrintable(key));
        QVERIFY2(QString::fromStdString(mistyped->toString()).startsWith(key + QStringLiteral(": expected ")),
            qPrintable(QString::fromStdString(mistyped->toString())));
        QVERIFY2(unchanged(config), qPrintable(key));

        // A number outside its bounds, on either side: validate() and validateField() name the
        // field and the allowed range.
        const FieldType type = field.type();
        if (type != FieldType::Integer && type != FieldType::Real)
            continue;
        const FieldBounds bounds = boundsOf(field, defaults);
        QVERIFY2(bounds.min <= bounds.max && !bounds.text.empty(), qPrintable(key));
        for (const double bad : {bounds.min - 1, bounds.max + 1}) {
            RunConfig outside;
            const std::string text = QString::number(bad, 'g', 17).toStdString();
            QVERIFY2(!setField(outside, field.key, text), qPrintable(key)); // parses; range is validate's
            const auto error = validate(outside);
            QVERIFY2(error.has_value(), qPrintable(key + QStringLiteral(" ") + QString::fromStdString(text)));
            QCOMPARE(QString::fromStdString(error->field), key);
            const QString message = QString::fromStdString(error->toString());
            QVERIFY2(message.startsWith(key + QStringLiteral(": must be ")), qPrintable(message));
            QVERIFY2(message.contains(QString::fromStdString(bounds.text)), qPrintable(message));
            QVERIFY2(message.contains(QStringLiteral(", got ")), qPrintable(message));
            const auto single = validateField(outside, field);
            QVERIFY2(single && single->toString() == error->toString(), qPrintable(message));
        }
    }
}

void TestRunConfig::workloadParametersComeFromTheTable()
{
    // A workload's parameters are exactly the fields that name it, and each names a workload that
    // lists it; the coroutine-only fields say so.
    for (const WorkloadInfo &info : workloadCatalog()) {
        std::vector<std::string_view> expected;
        for (const FieldSpec &field : configFields()) {
            if (field.isParameterOf(info.kind))
                expected.push_back(field.key);
        }
        QVERIFY2(info.parameters == expected, toString(info.kind).data());
    }
    QCOMPARE(workloadCatalog().size(), workloadKinds().size());
    for (const char *key : {"yield_every", "blocking_io"}) {
        QVERIFY(findField(key)->usedBy(ExecutionModel::Coroutines));
        QVERIFY(!findField(key)->usedBy(ExecutionModel::Threads));
    }
    QVERIFY(findField("workers")->usedBy(ExecutionModel::Processes));
    int widest = 0;
    for (const ExecutionModel model : executionModels())
        widest = std::max(widest, maxWorkers(model));
    QCOMPARE(findField("workers")->max, double(widest));
    QCOMPARE(QString::fromUtf8(findField("io_ms")->unit.data()), QStringLiteral("ms"));
}

QTEST_GUILESS_MAIN(TestRunConfig)
#include "tst_runconfig.moc"
