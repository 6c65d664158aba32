#pragma once

#include "lab/explanation.h"

#include <QGroupBox>

#include <optional>
#include <vector>

class QButtonGroup;
class QCheckBox;
class QDoubleSpinBox;
class QLabel;
class QRadioButton;

namespace clab {

// "Predict first": before a run, the student may say whether it will be faster, the same or
// slower than one worker, and by how much; or, for a preset whose question is about something
// else (a wall time, cores busy), pick one of the preset's own answers. Optional: unchecked, no
// prediction is made.
class PredictionWidget : public QGroupBox
{
    Q_OBJECT

public:
    explicit PredictionWidget(QWidget *parent = nullptr);

    // The question a custom experiment asks.
    static QString defaultQuestion();
    void setQuestion(const QString &question);
    // A preset's own answers replace the faster / same / slower form; empty brings it back.
    void setAnswers(const std::vector<PresetAnswer> &answers);
    // Nothing when the student chose not to predict or has not picked an answer.
    std::optional<Prediction> prediction() const;
    bool isEnabledByUser() const;
    void setEnabledByUser(bool on);
    void setLocked(bool locked); // while a run goes on, the prediction stays as it was

private:
    void updateEnabled();

    QCheckBox *m_ask;
    QWidget *m_speedForm;
    QWidget *m_answerForm;
    QButtonGroup *m_answerGroup;
    std::vector<PresetAnswer> m_answers;
    QLabel *m_question;
    QRadioButton *m_faster;
    QRadioButton *m_same;
    QRadioButton *m_slower;
    QDoubleSpinBox *m_factor;
    bool m_locked = false;
};

} // namespace clab
