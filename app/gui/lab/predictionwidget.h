#pragma once

#include "lab/explanation.h"

#include <QGroupBox>

#include <optional>

class QCheckBox;
class QDoubleSpinBox;
class QLabel;
class QRadioButton;

namespace clab {

// "Predict first": before a run, the student may say whether it will be faster, the same or
// slower than one worker, and by how much. Optional: unchecked, no prediction is made.
class PredictionWidget : public QGroupBox
{
    Q_OBJECT

public:
    explicit PredictionWidget(QWidget *parent = nullptr);

    void setQuestion(const QString &question);
    // Nothing when the student chose not to predict or has not picked an answer.
    std::optional<Prediction> prediction() const;
    bool isEnabledByUser() const;
    void setEnabledByUser(bool on);
    void setLocked(bool locked); // while a run goes on, the prediction stays as it was

private:
    void updateEnabled();

    QCheckBox *m_ask;
    QLabel *m_question;
    QRadioButton *m_faster;
    QRadioButton *m_same;
    QRadioButton *m_slower;
    QDoubleSpinBox *m_factor;
    bool m_locked = false;
};

} // namespace clab
