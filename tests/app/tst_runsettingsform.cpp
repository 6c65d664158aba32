#include "lab/runsettingsform.h"
#include "model/runconfigfields.h"
#include "textutil.h"

#include <QAbstractSpinBox>
#include <QApplication>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QSpinBox>
#include <QTest>

using namespace clab;

// The Lab's settings form (lab/runsettingsform.h) is driven by the engine's field table: every
// field comes back from config() as setConfig() was given it, and each control takes its range,
// unit, step and help from the table.
class TestRunSettingsForm : public QObject
{
    Q_OBJECT

private slots:
    void everyFieldRoundTrips_data();
    void everyFieldRoundTrips();
    void parameterControlsFollowTheTable();
    void workersFollowTheModel();
};

namespace {

// A value of the field other than its default, inside the bounds it has in `config`.
RunConfig changed(RunConfig config, const FieldSpec &field)
{
    const FieldValue original = fieldValue(config, field);
    const FieldBounds bounds = boundsOf(field, config);
    switch (field.type()) {
    case FieldType::Integer:
        setFieldValue(config, field, static_cast<int>(std::get<int>(original) == bounds.min ? bounds.max : bounds.min));
        break;
    case FieldType::Real:
        setFieldValue(config, field, std::get<double>(original) == bounds.min ? bounds.max : bounds.min);
        break;
    case FieldType::Boolean:
        setFieldValue(config, field, !std::get<bool>(original));
        break;
    case FieldType::Seed:
        setFieldValue(config, field, std::uint64_t{987654321});
        break;
    case FieldType::Choice:
        setField(config, field.key, field.choices().back());
        break;
    }
    return config;
}

} // namespace

void TestRunSettingsForm::everyFieldRoundTrips_data()
{
    QTest::addColumn<QString>("key");
    for (const FieldSpec &field : configFields())
        QTest::newRow(std::string(field.key).c_str()) << toQString(field.key);
}

void TestRunSettingsForm::everyFieldRoundTrips()
{
    QFETCH(QString, key);
    const FieldSpec &field = *findField(key.toStdString());
    RunConfig given = changed(RunConfig{}, field);
    QVERIFY2(fieldText(given, field) != fieldText(RunConfig{}, field), "the test must change the field");
    RunSettingsForm form;
    form.setConfig(given);
    const RunConfig back = form.config();
    for (const FieldSpec &each : configFields())
        QCOMPARE(QString::fromStdString(fieldText(back, each)), QString::fromStdString(fieldText(given, each)));
}

void TestRunSettingsForm::parameterControlsFollowTheTable()
{
    RunSettingsForm form;
    int parameters = 0;
    for (const FieldSpec &field : configFields()) {
        if (field.workloads.empty())
            continue;
        ++parameters;
        const QString name = QStringLiteral("param_") + toQString(field.key);
        if (field.type() == FieldType::Choice) {
            // A choice (race_mode): every one of its names, in the table's order.
            auto *combo = form.findChild<QComboBox *>(name);
            QVERIFY2(combo, qPrintable(name));
            QVERIFY2(combo->toolTip().contains(toQString(field.help)), qPrintable(name));
            const std::vector<std::string_view> choices = field.choices();
            QCOMPARE(combo->count(), static_cast<int>(choices.size()));
            for (int i = 0; i < combo->count(); ++i)
                QCOMPARE(combo->itemText(i), toQString(choices[static_cast<std::size_t>(i)]));
            continue;
        }
        auto *control = form.findChild<QAbstractSpinBox *>(name);
        QVERIFY2(control, qPrintable(name));
        QVERIFY2(control->toolTip().contains(toQString(field.help)), qPrintable(name));
        if (auto *spin = qobject_cast<QSpinBox *>(control)) {
            QCOMPARE(spin->minimum(), static_cast<int>(field.min));
            QCOMPARE(spin->maximum(), static_cast<int>(field.max));
            QCOMPARE(spin->singleStep(), static_cast<int>(field.step));
            QCOMPARE(spin->suffix().trimmed(), toQString(field.unit));
        } else {
            auto *real = qobject_cast<QDoubleSpinBox *>(control);
            QVERIFY2(real, qPrintable(name));
            QCOMPARE(real->minimum(), field.min);
            QCOMPARE(real->maximum(), field.max);
            QCOMPARE(real->singleStep(), field.step);
            QCOMPARE(real->suffix().trimmed(), toQString(field.unit));
        }
    }
    QVERIFY(parameters >= 5);
}

void TestRunSettingsForm::workersFollowTheModel()
{
    RunSettingsForm form;
    auto *workers = form.findChild<QSpinBox *>(QStringLiteral("workersSpin"));
    QVERIFY(workers);
    for (const ExecutionModel model : executionModels()) {
        RunConfig config;
        config.model = model;
        config.workers = 1;
        form.setConfig(config);
        QCOMPARE(workers->maximum(), maxWorkers(model));
        QVERIFY(workers->toolTip().contains(QString::fromStdString(boundsOf(*findField("workers"), config).text)));
    }
}

QTEST_MAIN(TestRunSettingsForm)
#include "tst_runsettingsform.moc"
