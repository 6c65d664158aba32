#pragma once

#include "lessonlibrary.h"

#include <QString>

namespace clab {

// Text helpers for the lessons' short Markdown pieces shown in labels (quiz answers, Try-it
// lines): `code`, **bold** and *italic* only, which is all those lines use.

// As HTML for a rich-text QLabel, with everything else escaped.
QString inlineMarkdown(const QString &text);
// Without the markers, for accessible names and search.
QString plainInline(const QString &text);

// Everything a student can read in a lesson, as plain text: title, rendered body, Try-its, quiz
// questions, answers and feedback, sources. What the Lessons page searches.
QString lessonPlainText(const Lesson &lesson);

} // namespace clab
