#pragma once

#include "lessonlibrary.h"
#include "shell/appearance.h"

#include <QWidget>

#include <optional>
#include <vector>

class QButtonGroup;
class QLabel;
class QPushButton;
class QRadioButton;

namespace clab {

// A lesson's quiz: every question with its answers as radio buttons and a Check button. Checking
// shows the feedback written for the chosen answer, says in words whether it is correct, and marks
// it with a tick or a cross (shape, not colour alone). GUI thread.
class QuizWidget : public QWidget
{
    Q_OBJECT

public:
    QuizWidget(const std::vector<QuizQuestion> &quiz, const Appearance &appearance, QWidget *parent = nullptr);

    int questionCount() const { return static_cast<int>(m_questions.size()); }
    int correctCount() const;
    // The answer last checked for `question`, if any.
    std::optional<int> checkedAnswer(int question) const;
    // Chooses and checks `answer` without emitting answerChecked (restoring saved progress).
    // Out-of-range indexes are ignored.
    void restoreAnswer(int question, int answer);
    void setAppearance(const Appearance &appearance);

signals:
    void answerChecked(int question, int answer, bool correct);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    struct Question
    {
        QuizQuestion data;
        QButtonGroup *group = nullptr;
        std::vector<QRadioButton *> radios;
        QPushButton *check = nullptr;
        QWidget *feedbackBox = nullptr;
        QLabel *mark = nullptr;
        QLabel *feedback = nullptr;
        std::optional<int> checked;
    };
    void check(int question);
    void showFeedback(int question);
    void onChosen(int question);

    std::vector<Question> m_questions;
    Appearance m_appearance;
};

} // namespace clab
