#pragma once

#include "lessonlibrary.h"
#include "lessons/lessonprogress.h"
#include "shell/appearance.h"

#include <QStringList>
#include <QWidget>

#include <vector>

class QLabel;
class QLineEdit;
class QListWidget;

namespace clab {

// "3. Threads": how the list and the navigation name a lesson.
QString lessonLabel(const Lesson &lesson);
// "quiz all correct", "opened" or "not opened yet".
QString progressState(const Lesson &lesson, const LessonProgress &progress);

// The Lessons page's sidebar: a search box over every lesson's full text (Esc clears it), the list
// of lessons filtered by it, each with a progress mark (a ring, a dot, a tick: shapes, so they read
// without colour), and the progress summary. It does not show lessons: it says which one was
// chosen, and LessonsPage shows it.
class LessonList : public QWidget
{
    Q_OBJECT

public:
    // `lessons` must outlive the list.
    explicit LessonList(const std::vector<Lesson> &lessons, QWidget *parent = nullptr);

    QString searchTerm() const;
    void focusSearch();
    // The first lesson the search leaves in the list, or -1.
    int firstMatch() const;
    // Selects the lesson's row without emitting lessonChosen().
    void setCurrent(int index);
    void setIconSize(int size);
    // The lesson's mark and tooltip, and the summary of every lesson's progress.
    void showProgress(int index, const LessonProgress &progress, const Appearance &appearance);

signals:
    void lessonChosen(int index);
    void searchChanged(); // the list is filtered by the new term
    void searchSubmitted(); // Enter in the search box

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void filter();

    const std::vector<Lesson> &m_lessons;
    QStringList m_fullText; // per lesson, what the search looks through
    QLineEdit *m_search = nullptr;
    QLabel *m_searchCount = nullptr;
    QListWidget *m_list = nullptr;
    QLabel *m_progressSummary = nullptr;
};

} // namespace clab
