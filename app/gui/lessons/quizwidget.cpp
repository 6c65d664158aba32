#include "lessons/quizwidget.h"

#include "lessons/lessontext.h"
#include "textutil.h"

#include <QButtonGroup>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

namespace clab {

namespace {

// A tick in a circle for a correct answer, a cross for a wrong one: the shape says it even
// to someone who cannot tell the colours apart.
QPixmap verdictMark(bool correct, const Appearance &appearance, int size, qreal ratio)
{
    QPixmap pixmap(QSize(size, size) * ratio);
    pixmap.setDevicePixelRatio(ratio);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    const QColor good = appearance.dark ? QColor(60, 200, 140) : QColor(0, 120, 70);
    const QColor colour = correct ? good : appearance.error();
    const qreal s = size;
    painter.setPen(Qt::NoPen);
    painter.setBrush(colour);
    painter.drawEllipse(QRectF(0.04 * s, 0.04 * s, 0.92 * s, 0.92 * s));
    QPen pen(appearance.dark ? QColor(0, 0, 0) : QColor(255, 255, 255));
    pen.setWidthF(std::max(2.0, 0.12 * s));
    pen.setCapStyle(Qt::RoundCap);
    pen.setJoinStyle(Qt::RoundJoin);
    painter.setPen(pen);
    if (correct) {
        painter.drawPolyline(
            QPolygonF({QPointF(0.28 * s, 0.52 * s), QPointF(0.44 * s, 0.68 * s), QPointF(0.72 * s, 0.34 * s)}));
    } else {
        painter.drawLine(QPointF(0.33 * s, 0.33 * s), QPointF(0.67 * s, 0.67 * s));
        painter.drawLine(QPointF(0.67 * s, 0.33 * s), QPointF(0.33 * s, 0.67 * s));
    }
    return pixmap;
}

} // namespace

QuizWidget::QuizWidget(const std::vector<QuizQuestion> &quiz, const Appearance &appearance, QWidget *parent)
    : QWidget(parent)
    , m_appearance(appearance)
{
    setObjectName(QStringLiteral("quiz"));
    setAccessibleName(tr("Quiz"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(18);
    m_questions.reserve(quiz.size());
    for (std::size_t q = 0; q < quiz.size(); ++q) {
        const int index = static_cast<int>(q);
        Question question;
        question.data = quiz[q];

        auto *box = new QWidget;
        box->setObjectName(QStringLiteral("quizQuestion%1").arg(index));
        auto *boxLayout = new QVBoxLayout(box);
        boxLayout->setContentsMargins(0, 0, 0, 0);
        auto *text
            = new QLabel(inlineMarkdown(QStringLiteral("**%1.** %2").arg(index + 1).arg(toQString(quiz[q].text))));
        text->setTextFormat(Qt::RichText);
        text->setWordWrap(true);
        text->setObjectName(QStringLiteral("quizQuestionText%1").arg(index));
        boxLayout->addWidget(text);

        question.group = new QButtonGroup(box);
        for (std::size_t a = 0; a < quiz[q].answers.size(); ++a) {
            const QString answerText = toQString(quiz[q].answers[a].text);
            // A radio button cannot wrap its text: the answer sits in a wrapping label beside an
            // unlabelled radio, which carries the answer as its accessible name.
            auto *radio = new QRadioButton;
            radio->setObjectName(QStringLiteral("quizAnswer%1_%2").arg(index).arg(a));
            radio->setAccessibleName(plainInline(answerText));
            auto *label = new QLabel(inlineMarkdown(answerText));
            label->setTextFormat(Qt::RichText);
            label->setWordWrap(true);
            label->setProperty("quizRadio", QVariant::fromValue(static_cast<QObject *>(radio)));
            label->installEventFilter(this);
            label->setCursor(Qt::PointingHandCursor);
            auto *row = new QHBoxLayout;
            row->setContentsMargins(12, 0, 0, 0);
            row->addWidget(radio, 0, Qt::AlignTop);
            row->addWidget(label, 1);
            boxLayout->addLayout(row);
            question.group->addButton(radio, static_cast<int>(a));
            question.radios.push_back(radio);
        }

        question.check = new QPushButton(tr("Check answer"));
        question.check->setObjectName(QStringLiteral("quizCheck%1").arg(index));
        question.check->setAccessibleName(tr("Check answer to question %1").arg(index + 1));
        question.check->setEnabled(false);
        auto *checkRow = new QHBoxLayout;
        checkRow->setContentsMargins(12, 0, 0, 0);
        checkRow->addWidget(question.check);
        checkRow->addStretch();
        boxLayout->addLayout(checkRow);

        question.feedbackBox = new QWidget;
        auto *feedbackRow = new QHBoxLayout(question.feedbackBox);
        feedbackRow->setContentsMargins(12, 0, 0, 0);
        question.mark = new QLabel;
        question.mark->setObjectName(QStringLiteral("quizMark%1").arg(index));
        question.feedback = new QLabel;
        question.feedback->setObjectName(QStringLiteral("quizFeedback%1").arg(index));
        question.feedback->setAccessibleName(tr("Feedback on question %1").arg(index + 1));
        question.feedback->setTextFormat(Qt::RichText);
        question.feedback->setWordWrap(true);
        question.feedback->setTextInteractionFlags(Qt::TextSelectableByMouse);
        feedbackRow->addWidget(question.mark, 0, Qt::AlignTop);
        feedbackRow->addWidget(question.feedback, 1);
        question.feedbackBox->hide();
        boxLayout->addWidget(question.feedbackBox);

        connect(question.group, &QButtonGroup::idToggled, this, [this, index](int, bool on) {
            if (on)
                onChosen(index);
        });
        connect(question.check, &QPushButton::clicked, this, [this, index] { check(index); });
        layout->addWidget(box);
        m_questions.push_back(std::move(question));
    }
}

int QuizWidget::correctCount() const
{
    int correct = 0;
    for (const Question &question : m_questions) {
        if (question.checked && question.data.answers[static_cast<std::size_t>(*question.checked)].correct)
            ++correct;
    }
    return correct;
}

std::optional<int> QuizWidget::checkedAnswer(int question) const
{
    if (question < 0 || question >= questionCount())
        return std::nullopt;
    return m_questions[static_cast<std::size_t>(question)].checked;
}

void QuizWidget::restoreAnswer(int question, int answer)
{
    if (question < 0 || question >= questionCount())
        return;
    Question &q = m_questions[static_cast<std::size_t>(question)];
    if (answer < 0 || answer >= static_cast<int>(q.radios.size()))
        return;
    {
        const QSignalBlocker blocker(q.group);
        q.radios[static_cast<std::size_t>(answer)]->setChecked(true);
    }
    q.checked = answer;
    q.check->setEnabled(true);
    showFeedback(question);
}

void QuizWidget::setAppearance(const Appearance &appearance)
{
    m_appearance = appearance;
    for (int q = 0; q < questionCount(); ++q) {
        if (m_questions[static_cast<std::size_t>(q)].checked)
            showFeedback(q);
    }
}

void QuizWidget::onChosen(int question)
{
    Question &q = m_questions[static_cast<std::size_t>(question)];
    q.check->setEnabled(true);
    // Feedback belongs to the answer it was given for: a new choice hides it until checked.
    q.feedbackBox->setVisible(q.checked && q.group->checkedId() == *q.checked);
}

void QuizWidget::check(int question)
{
    Question &q = m_questions[static_cast<std::size_t>(question)];
    const int answer = q.group->checkedId();
    if (answer < 0)
        return;
    q.checked = answer;
    showFeedback(question);
    emit answerChecked(question, answer, q.data.answers[static_cast<std::size_t>(answer)].correct);
}

void QuizWidget::showFeedback(int question)
{
    Question &q = m_questions[static_cast<std::size_t>(question)];
    if (!q.checked)
        return;
    const QuizAnswer &answer = q.data.answers[static_cast<std::size_t>(*q.checked)];
    const QString verdict = answer.correct ? tr("Correct.") : tr("Not correct.");
    q.feedback->setText(QStringLiteral("<b>%1</b> %2").arg(verdict, inlineMarkdown(toQString(answer.feedback))));
    const int size = q.feedback->fontMetrics().height() + 4;
    q.mark->setPixmap(verdictMark(answer.correct, m_appearance, size, devicePixelRatioF()));
    q.mark->setAccessibleName(answer.correct ? tr("Correct") : tr("Not correct"));
    q.feedbackBox->show();
}

bool QuizWidget::eventFilter(QObject *watched, QEvent *event)
{
    // A click on an answer's text chooses it, as a click on a radio button's own text would.
    if (event->type() == QEvent::MouseButtonRelease && static_cast<QMouseEvent *>(event)->button() == Qt::LeftButton) {
        if (auto *radio = qobject_cast<QRadioButton *>(watched->property("quizRadio").value<QObject *>())) {
            radio->setFocus(Qt::MouseFocusReason);
            radio->setChecked(true);
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace clab
