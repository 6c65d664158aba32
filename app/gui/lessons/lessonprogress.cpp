#include "lessons/lessonprogress.h"

#include "textutil.h"

#include <QSettings>

namespace clab {

namespace {

QString key(const QString &lessonId, const QString &leaf)
{
    return QStringLiteral("lessons/progress/%1/%2").arg(lessonId, leaf);
}

QString questionKey(const QString &lessonId, int question)
{
    return key(lessonId, QStringLiteral("quiz%1").arg(question));
}

} // namespace

bool LessonProgress::visited(const QString &lessonId) const
{
    return QSettings().value(key(lessonId, QStringLiteral("visited")), false).toBool();
}

void LessonProgress::markVisited(const QString &lessonId)
{
    if (!visited(lessonId))
        QSettings().setValue(key(lessonId, QStringLiteral("visited")), true);
}

std::optional<int> LessonProgress::answer(const QString &lessonId, int question) const
{
    bool ok = false;
    const int value = QSettings().value(questionKey(lessonId, question)).toInt(&ok);
    if (!ok || value < 0)
        return std::nullopt;
    return value;
}

void LessonProgress::setAnswer(const QString &lessonId, int question, int answer)
{
    QSettings().setValue(questionKey(lessonId, question), answer);
}

int LessonProgress::correctAnswers(const Lesson &lesson) const
{
    const QString id = toQString(lesson.id);
    int correct = 0;
    for (std::size_t q = 0; q < lesson.quiz.size(); ++q) {
        const std::optional<int> chosen = answer(id, static_cast<int>(q));
        const auto &answers = lesson.quiz[q].answers;
        if (chosen && static_cast<std::size_t>(*chosen) < answers.size()
            && answers[static_cast<std::size_t>(*chosen)].correct)
            ++correct;
    }
    return correct;
}

bool LessonProgress::quizPassed(const Lesson &lesson) const
{
    return !lesson.quiz.empty() && correctAnswers(lesson) == static_cast<int>(lesson.quiz.size());
}

void LessonProgress::clear()
{
    QSettings().remove(QStringLiteral("lessons/progress"));
}

} // namespace clab
