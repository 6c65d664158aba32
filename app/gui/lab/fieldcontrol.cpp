#include "lab/fieldcontrol.h"

#include "textutil.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QSpinBox>

#include <type_traits>

namespace clab {

namespace {

QString suffixOf(const FieldSpec &field)
{
    return field.unit.empty() ? QString() : QLatin1Char(' ') + toQString(field.unit);
}

} // namespace

QWidget *makeFieldControl(const FieldSpec &field)
{
    switch (field.type()) {
    case FieldType::Integer: {
        auto *spin = new QSpinBox;
        spin->setRange(static_cast<int>(field.min), static_cast<int>(field.max));
        spin->setSingleStep(static_cast<int>(field.step));
        spin->setSuffix(suffixOf(field));
        spin->setGroupSeparatorShown(true);
        return spin;
    }
    case FieldType::Real: {
        auto *spin = new QDoubleSpinBox;
        spin->setDecimals(2);
        spin->setRange(field.min, field.max);
        spin->setSingleStep(field.step);
        spin->setSuffix(suffixOf(field));
        return spin;
    }
    case FieldType::Boolean:
        return new QCheckBox;
    case FieldType::Choice:
        return new QComboBox;
    case FieldType::Seed:
        break;
    }
    return nullptr;
}

FieldValue controlValue(const FieldSpec &field, const QWidget *control)
{
    return std::visit(
        [control]<typename T>(T RunConfig::*) -> FieldValue {
            if constexpr (std::is_same_v<T, int>)
                return qobject_cast<const QSpinBox *>(control)->value();
            else if constexpr (std::is_same_v<T, double>)
                return qobject_cast<const QDoubleSpinBox *>(control)->value();
            else if constexpr (std::is_same_v<T, bool>)
                return qobject_cast<const QCheckBox *>(control)->isChecked();
            else if constexpr (std::is_enum_v<T>)
                return static_cast<T>(qobject_cast<const QComboBox *>(control)->currentData().toInt());
            else
                return T{}; // a seed has no control
        },
        field.member);
}

void setControlValue(QWidget *control, const FieldValue &value)
{
    std::visit(
        [control]<typename T>(const T &typed) {
            if constexpr (std::is_same_v<T, int>) {
                qobject_cast<QSpinBox *>(control)->setValue(typed);
            } else if constexpr (std::is_same_v<T, double>) {
                qobject_cast<QDoubleSpinBox *>(control)->setValue(typed);
            } else if constexpr (std::is_same_v<T, bool>) {
                qobject_cast<QCheckBox *>(control)->setChecked(typed);
            } else if constexpr (std::is_enum_v<T>) {
                auto *combo = qobject_cast<QComboBox *>(control);
                combo->setCurrentIndex(combo->findData(static_cast<int>(typed)));
            }
        },
        value);
}

} // namespace clab
