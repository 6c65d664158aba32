#pragma once

#include "lessonlibrary.h"

#include <QString>

#include <optional>

namespace clab {

// What a student has done in the lessons, kept in QSettings under "lessons/progress/<id>/" so
// it survives a restart: whether a lesson was opened, and the answer last checked for each quiz
// question. Correctness is not stored; it is read from the lesson, so a fixed lesson file never
// leaves a stale mark. GUI thread.
class LessonProgress
{
public:
    bool visited(const QString &lessonId) const;
    void markVisited(const QString &lessonId);

    // The answer last checked for question `question`, if any.
    std::optional<int> answer(const QString &lessonId, int question) const;
    void setAnswer(const QString &lessonId, int question, int answer);

    // Questions of `lesson` whose last checked answer is a correct one.
    int correctAnswers(const Lesson &lesson) const;
    // Every question of the lesson's quiz answered correctly (false for a lesson without a quiz).
    bool quizPassed(const Lesson &lesson) const;

    void clear();
};

} // namespace clab
