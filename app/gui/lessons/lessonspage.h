#pragma once

#include "lessonlibrary.h"
#include "lessons/lessonprogress.h"
#include "shell/appearance.h"

#include <QPointer>
#include <QString>
#include <QStringList>
#include <QWidget>

#include <vector>

class QLabel;
class QPushButton;
class QScrollArea;
class QUrl;
class QVBoxLayout;

namespace clab {

class LessonList;
class LessonTextWidget;
class QuizWidget;

// The lessons (lessons/*.md, embedded, read by the shared LessonLibrary parser): on the left a
// search box over every lesson's full text and the list of lessons with progress marks (LessonList,
// lessons/lessonlist.h); on the
// right Previous/Next, the lesson's text and pictures, its Try-it cards, its quiz and its sources,
// scrolled together. Progress (lessons opened, quiz answers) persists in QSettings. GUI thread.
class LessonsPage : public QWidget
{
    Q_OBJECT

public:
    explicit LessonsPage(QWidget *parent = nullptr);

    int lessonCount() const { return static_cast<int>(m_lessons.size()); }
    // Shows the lesson with this id; false (and nothing changes) if there is none.
    bool showLesson(const QString &id);
    // Shows the lesson and scrolls to its "## " heading `section` (as written in the lesson,
    // "Try it", "Quiz" and "Sources" included); false (and nothing changes) if either is unknown.
    bool showLesson(const QString &id, const QString &section);
    QString currentLessonId() const;
    // Move through the lessons in their order; false at the ends.
    bool showNext();
    bool showPrevious();

    // Lesson text reads a little larger than the controls, and follows presentation mode.
    void setAppearance(const Appearance &appearance);

signals:
    void presetRequested(const QString &presetId);
    void lessonShown(const QString &id);

protected:
    void showEvent(QShowEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    // Where the reading position should be once the layout has settled.
    struct ScrollTarget
    {
        enum class Kind
        {
            None,
            Fraction,
            Heading,
            Widget,
            Highlight
        } kind
            = Kind::None;
        double fraction = 0.0;
        QString heading;
        QPointer<QWidget> widget;
    };

    QWidget *buildReader();
    void showIndex(int index, ScrollTarget target);
    void rebuildExtras(const Lesson &lesson);
    void onLink(const QUrl &url);
    void openFirstMatch();
    void applyHighlight(bool scrollToIt);
    void onAnswerChecked(int question, int answer, bool correct);
    void markVisited();
    void updateProgress(int index);
    void updateNavigation();
    void scrollTo(ScrollTarget target);
    void applyScrollTarget();
    QString searchTerm() const;

    const std::vector<Lesson> &m_lessons;
    LessonProgress m_progress;
    Appearance m_appearance;
    int m_current = -1;
    ScrollTarget m_target;

    LessonList *m_sidebar = nullptr;
    QPushButton *m_previous = nullptr;
    QPushButton *m_next = nullptr;
    QLabel *m_position = nullptr;
    QLabel *m_status = nullptr;
    QScrollArea *m_scroll = nullptr;
    QWidget *m_column = nullptr;
    LessonTextWidget *m_text = nullptr;
    QLabel *m_tryItHeading = nullptr;
    QVBoxLayout *m_tryIts = nullptr;
    QLabel *m_quizHeading = nullptr;
    QLabel *m_quizScore = nullptr;
    QVBoxLayout *m_quizHolder = nullptr;
    QuizWidget *m_quiz = nullptr;
    QLabel *m_sourcesHeading = nullptr;
    QLabel *m_sources = nullptr;
    QPushButton *m_nextAtEnd = nullptr;
};

} // namespace clab
