#include "lab/fieldcontrol.h"

#include "textutil.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QSpinBox>

#include <cmath>
#include <type_traits>

namespace clab {

namespace {

// A spin box's arrow step: a ten-thousandth of the field's widest value, rounded down to a power of
// ten (cpu_steps 1000, yield_every 100, tasks 100, file_kib 1), and never less than 1.
int integerStep(const FieldSpec &field)
{
    const double exponent = std::floor(std::log10(std::max(field.max, 1.0))) - 4.0;
    return exponent <= 0.0 ? 1 : static_cast<int>(std::pow(10.0, exponent));
}

// A fraction (0..1) moves by 0.05; a length of time or a size by 1 of its unit.
double realStep(const FieldSpec &field)
{
    return field.max <= 1.0 ? 0.05 : 1.0;
}

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
        spin->setSingleStep(integerStep(field));
        spin->setSuffix(suffixOf(field));
        spin->setGroupSeparatorShown(true);
        return spin;
    }
    case FieldType::Real: {
        auto *spin = new QDoubleSpinBox;
        spin->setDecimals(2);
        spin->setRange(field.min, field.max);
        spin->setSingleStep(realStep(field));
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
