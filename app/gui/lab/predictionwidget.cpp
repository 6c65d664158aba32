#include "lab/predictionwidget.h"

#include <QAbstractButton>
#include <QButtonGroup>
#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QRadioButton>
#include <QVBoxLayout>

#include <algorithm>

namespace clab {

PredictionWidget::PredictionWidget(QWidget *parent)
    : QGroupBox(tr("Predict first"), parent)
    , m_ask(new QCheckBox(tr("&Predict before running")))
    , m_speedForm(new QWidget)
    , m_answerForm(new QWidget)
    , m_answerGroup(new QButtonGroup(this))
    , m_question(new QLabel)
    , m_faster(new QRadioButton(tr("Faster")))
    , m_same(new QRadioButton(tr("Same")))
    , m_slower(new QRadioButton(tr("Slower")))
    , m_factor(new QDoubleSpinBox)
{
    setAccessibleName(tr("Prediction"));
    m_ask->setAccessibleName(tr("Predict before running"));
    m_ask->setChecked(true);
    m_question->setWordWrap(true);
    m_question->setText(defaultQuestion());
    m_question->setAccessibleName(tr("Prediction question"));
    m_faster->setAccessibleName(tr("Predict faster"));
    m_same->setAccessibleName(tr("Predict the same"));
    m_slower->setAccessibleName(tr("Predict slower"));
    // No answer is chosen for the student: a run without a choice shows no prediction.
    auto *group = new QButtonGroup(this);
    group->addButton(m_faster);
    group->addButton(m_same);
    group->addButton(m_slower);
    m_factor->setRange(1.0, 100.0);
    m_factor->setDecimals(1);
    m_factor->setSingleStep(0.5);
    m_factor->setValue(2.0);
    m_factor->setPrefix(QStringLiteral("×"));
    m_factor->setAccessibleName(tr("Predicted factor"));
    m_factor->setToolTip(tr("How many times faster or slower than one worker"));

    auto *speedLayout = new QVBoxLayout(m_speedForm);
    speedLayout->setContentsMargins(0, 0, 0, 0);
    auto *choices = new QHBoxLayout;
    choices->addWidget(m_faster);
    choices->addWidget(m_same);
    choices->addWidget(m_slower);
    choices->addStretch();
    auto *factorRow = new QHBoxLayout;
    auto *byLabel = new QLabel(tr("&By:"));
    byLabel->setBuddy(m_factor);
    factorRow->addWidget(byLabel);
    factorRow->addWidget(m_factor);
    factorRow->addStretch();
    speedLayout->addLayout(choices);
    speedLayout->addLayout(factorRow);
    auto *answerLayout = new QVBoxLayout(m_answerForm);
    answerLayout->setContentsMargins(0, 0, 0, 0);
    m_answerForm->setAccessibleName(tr("Answers"));
    m_answerForm->hide();
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_ask);
    layout->addWidget(m_question);
    layout->addWidget(m_speedForm);
    layout->addWidget(m_answerForm);

    connect(m_ask, &QCheckBox::toggled, this, &PredictionWidget::updateEnabled);
    connect(m_same, &QRadioButton::toggled, this, &PredictionWidget::updateEnabled);
    updateEnabled();
}

QString PredictionWidget::defaultQuestion()
{
    return tr("Compared with one worker, will this be faster, the same, or slower — and by how much?");
}

void PredictionWidget::setQuestion(const QString &question)
{
    m_question->setText(question.isEmpty() ? defaultQuestion() : question);
}

void PredictionWidget::setAnswers(const std::vector<PresetAnswer> &answers)
{
    // The same answers again (the preset chosen once more): the student's choice stays.
    const auto same = [](const PresetAnswer &a, const PresetAnswer &b) {
        return a.label == b.label && a.quantity == b.quantity && a.min == b.min && a.max == b.max;
    };
    if (std::equal(answers.begin(), answers.end(), m_answers.begin(), m_answers.end(), same))
        return;
    m_answers = answers;
    for (QAbstractButton *button : m_answerGroup->buttons()) {
        m_answerGroup->removeButton(button);
        delete button;
    }
    int number = 0;
    for (const PresetAnswer &answer : m_answers) {
        auto *button = new QRadioButton(QString::fromStdString(answer.label));
        button->setObjectName(QStringLiteral("predictAnswer%1").arg(number));
        button->setAccessibleName(tr("Predict: %1").arg(button->text()));
        m_answerGroup->addButton(button, number++);
        m_answerForm->layout()->addWidget(button);
    }
    m_answerForm->setVisible(!m_answers.empty());
    m_speedForm->setVisible(m_answers.empty());
    updateEnabled();
}

std::optional<Prediction> PredictionWidget::prediction() const
{
    if (!m_ask->isChecked())
        return std::nullopt;
    Prediction p;
    if (!m_answers.empty()) {
        if (m_answerGroup->checkedId() < 0)
            return std::nullopt;
        p.answers = m_answers;
        p.answer = m_answerGroup->checkedId();
        return p;
    }
    if (!(m_faster->isChecked() || m_same->isChecked() || m_slower->isChecked()))
        return std::nullopt;
    SpeedPrediction speed;
    speed.direction = m_faster->isChecked() ? SpeedDirection::Faster
        : m_same->isChecked()               ? SpeedDirection::Same
                                            : SpeedDirection::Slower;
    speed.factor = m_factor->value();
    p.speed = speed;
    return p;
}

bool PredictionWidget::isEnabledByUser() const
{
    return m_ask->isChecked();
}

void PredictionWidget::setEnabledByUser(bool on)
{
    m_ask->setChecked(on);
}

void PredictionWidget::setLocked(bool locked)
{
    m_locked = locked;
    updateEnabled();
}

void PredictionWidget::updateEnabled()
{
    m_ask->setEnabled(!m_locked);
    const bool on = m_ask->isChecked() && !m_locked;
    m_question->setEnabled(m_ask->isChecked());
    for (QWidget *w :
        {static_cast<QWidget *>(m_faster), static_cast<QWidget *>(m_same), static_cast<QWidget *>(m_slower)})
        w->setEnabled(on);
    for (QAbstractButton *button : m_answerGroup->buttons())
        button->setEnabled(on);
    m_factor->setEnabled(on && !m_same->isChecked());
}

} // namespace clab
