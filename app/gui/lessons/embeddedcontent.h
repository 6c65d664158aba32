#pragma once

#include "lessonlibrary.h"
#include "model/presetcatalog.h"

#include <QString>
#include <QStringList>

namespace clab {

// The lessons, presets and walkthroughs embedded in the program (":/lessons/..."), read by the
// same parsers the CLI and the content tests use, so the app shows what they check. Each is
// parsed once, on first use, on the GUI thread.
const LessonLibrary &embeddedLessons();
const PresetCatalog &embeddedPresets();

// The "Look for:" line of the lessons' Try it that runs `preset`: the one in the preset's own
// lesson first, else the first lesson's that links to it. Empty when no lesson has one.
QString presetLookFor(const Preset &preset);

// Resource paths of the built-in walkthroughs (":/lessons/walkthroughs/*.json"), sorted.
QStringList embeddedWalkthroughs();

// The whole text of a resource or file, or empty if it cannot be read.
std::string readAll(const QString &path);

} // namespace clab
