#pragma once

#include "model/runconfigfields.h"

class QWidget;

namespace clab {

// A control bound to one field of the run configuration, made and read through the engine's field
// table (model/runconfigfields.h): an Integer field is a spin box with the field's bounds and unit,
// a Real field a double spin box, a Boolean one a check box, a Choice field a combo box whose items
// carry the enum's value. RunSettingsForm keeps one per field it shows and reads them back with
// controlValue(), so a field added to the table needs no new conversion code here.

// A new control for the field; Choice combo boxes come empty (the caller adds the items with their
// texts and the enum as data); a Seed field has no control (null).
QWidget *makeFieldControl(const FieldSpec &field);
// The control's value in the field's own type.
FieldValue controlValue(const FieldSpec &field, const QWidget *control);
// Shows a value of the field's type in its control.
void setControlValue(QWidget *control, const FieldValue &value);

} // namespace clab
