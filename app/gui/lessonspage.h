#pragma once

#include "appearance.h"

#include <QString>
#include <QWidget>

#include <vector>

class QListWidget;
class QTextBrowser;
class QUrl;

namespace clab {

// The lessons (lessons/*.md, embedded): a list on the left, the text on the right. A lesson's
// "Try it" links (preset:ID) open that experiment in the Lab; lesson:ID links go to a lesson.
class LessonsPage : public QWidget
{
    Q_OBJECT

public:
    explicit LessonsPage(QWidget *parent = nullptr);

    int lessonCount() const { return static_cast<int>(m_lessons.size()); }
    bool showLesson(const QString &id);
    QString currentLessonId() const;
    // Lesson text reads a little larger than the controls, and follows presentation mode.
    void setAppearance(const Appearance &appearance);

signals:
    void presetRequested(const QString &presetId);

private:
    struct Lesson
    {
        QString id;
        QString title;
        int order = 0;
        QString markdown;
    };
    void load();
    void onLink(const QUrl &url);
    void showIndex(int index);

    std::vector<Lesson> m_lessons;
    QListWidget *m_list;
    QTextBrowser *m_text;
};

} // namespace clab
