#include "lab/predictionwidget.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QRadioButton>
#include <QVBoxLayout>

namespace clab {

PredictionWidget::PredictionWidget(QWidget *parent)
    : QGroupBox(tr("Predict first"), parent)
    , m_ask(new QCheckBox(tr("&Predict before running")))
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
    m_question->setText(tr("Than one worker, will it be faster, the same, or slower? By how much?"));
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
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_ask);
    layout->addWidget(m_question);
    layout->addLayout(choices);
    layout->addLayout(factorRow);

    connect(m_ask, &QCheckBox::toggled, this, &PredictionWidget::updateEnabled);
    connect(m_same, &QRadioButton::toggled, this, &PredictionWidget::updateEnabled);
    updateEnabled();
}

void PredictionWidget::setQuestion(const QString &question)
{
    m_question->setText(
        question.isEmpty() ? tr("Than one worker, will it be faster, the same, or slower? By how much?") : question);
}

std::optional<Prediction> PredictionWidget::prediction() const
{
    if (!m_ask->isChecked() || !(m_faster->isChecked() || m_same->isChecked() || m_slower->isChecked()))
        return std::nullopt;
    Prediction p;
    p.direction = m_faster->isChecked() ? Prediction::Direction::Faster
        : m_same->isChecked()           ? Prediction::Direction::Same
                                        : Prediction::Direction::Slower;
    p.factor = m_factor->value();
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
    m_factor->setEnabled(on && !m_same->isChecked());
}

} // namespace clab
