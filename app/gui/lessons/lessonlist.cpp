#include "lessons/lessonlist.h"

#include "lessons/lessontext.h"
#include "textutil.h"

#include <QApplication>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPainter>
#include <QVBoxLayout>

#include <algorithm>

namespace clab {

namespace {

enum class Mark
{
    NotOpened,
    Opened,
    QuizPassed
};

// A progress mark whose shape carries the meaning (a ring, a dot, a tick), so it reads without
// colour too; the words are in the item's tooltip and accessible text. `ink` draws the shape,
// `paper` the tick cut out of it.
QPixmap progressPixmap(Mark mark, const QColor &ink, const QColor &paper, int size, qreal ratio)
{
    QPixmap pixmap(QSize(size, size) * ratio);
    pixmap.setDevicePixelRatio(ratio);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    const qreal s = size;
    switch (mark) {
    case Mark::NotOpened: {
        QPen pen(ink);
        pen.setWidthF(std::max(1.2, 0.08 * s));
        painter.setPen(pen);
        painter.drawEllipse(QRectF(0.14 * s, 0.14 * s, 0.72 * s, 0.72 * s));
        break;
    }
    case Mark::Opened:
        painter.setPen(Qt::NoPen);
        painter.setBrush(ink);
        painter.drawEllipse(QRectF(0.28 * s, 0.28 * s, 0.44 * s, 0.44 * s));
        break;
    case Mark::QuizPassed: {
        painter.setPen(Qt::NoPen);
        painter.setBrush(ink);
        painter.drawEllipse(QRectF(0.06 * s, 0.06 * s, 0.88 * s, 0.88 * s));
        QPen pen(paper);
        pen.setWidthF(std::max(1.6, 0.11 * s));
        pen.setCapStyle(Qt::RoundCap);
        pen.setJoinStyle(Qt::RoundJoin);
        painter.setPen(pen);
        painter.drawPolyline(
            QPolygonF({QPointF(0.3 * s, 0.52 * s), QPointF(0.45 * s, 0.66 * s), QPointF(0.71 * s, 0.36 * s)}));
        break;
    }
    }
    return pixmap;
}

QIcon progressIcon(Mark mark, const Appearance &appearance, int size)
{
    const QColor ink = mark == Mark::NotOpened ? appearance.mutedText()
        : mark == Mark::Opened                 ? (appearance.dark ? QColor(86, 156, 255) : QColor(0, 92, 200))
                                               : (appearance.dark ? QColor(60, 200, 140) : QColor(0, 120, 70));
    const QColor paper = appearance.dark ? QColor(0, 0, 0) : QColor(255, 255, 255);
    // On the selected row the mark is drawn in the selection's text colour, so it stays visible.
    const QPalette palette = QApplication::palette();
    const QColor selectedInk = palette.color(QPalette::HighlightedText);
    const QColor selectedPaper = palette.color(QPalette::Highlight);
    QIcon icon;
    for (const qreal ratio : {1.0, 2.0}) {
        icon.addPixmap(progressPixmap(mark, ink, paper, size, ratio), QIcon::Normal);
        icon.addPixmap(progressPixmap(mark, selectedInk, selectedPaper, size, ratio), QIcon::Selected);
    }
    return icon;
}

Mark markOf(const Lesson &lesson, const LessonProgress &progress)
{
    return progress.quizPassed(lesson)           ? Mark::QuizPassed
        : progress.visited(toQString(lesson.id)) ? Mark::Opened
                                                 : Mark::NotOpened;
}

} // namespace

QString lessonLabel(const Lesson &lesson)
{
    return QStringLiteral("%1. %2").arg(lesson.order).arg(toQString(lesson.title));
}

QString progressState(const Lesson &lesson, const LessonProgress &progress)
{
    const Mark mark = markOf(lesson, progress);
    return mark == Mark::QuizPassed ? LessonList::tr("quiz all correct")
        : mark == Mark::Opened      ? LessonList::tr("opened")
                                    : LessonList::tr("not opened yet");
}

LessonList::LessonList(const std::vector<Lesson> &lessons, QWidget *parent)
    : QWidget(parent)
    , m_lessons(lessons)
{
    for (const Lesson &lesson : m_lessons)
        m_fullText << lessonPlainText(lesson);
    auto *searchLabel = new QLabel(tr("&Search all lessons:"));
    m_search = new QLineEdit;
    m_search->setObjectName(QStringLiteral("lessonSearch"));
    m_search->setAccessibleName(tr("Search all lessons"));
    m_search->setPlaceholderText(tr("A word or phrase (Ctrl+F)"));
    m_search->setToolTip(tr("Filters the list as you type; Enter opens the first lesson found and marks "
                            "the words in it; Esc clears"));
    m_search->installEventFilter(this);
    searchLabel->setBuddy(m_search);
    m_searchCount = new QLabel;
    m_searchCount->setObjectName(QStringLiteral("searchCount"));
    m_searchCount->setAccessibleName(tr("Search results"));
    m_searchCount->setWordWrap(true);

    m_list = new QListWidget;
    m_list->setObjectName(QStringLiteral("lessonList"));
    m_list->setAccessibleName(tr("Lessons"));
    m_list->setWordWrap(true);
    m_list->setTextElideMode(Qt::ElideNone);
    m_list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_list->setSpacing(2);
    m_list->setUniformItemSizes(false);
    for (std::size_t i = 0; i < m_lessons.size(); ++i)
        m_list->addItem(lessonLabel(m_lessons[i]));

    m_progressSummary = new QLabel;
    m_progressSummary->setObjectName(QStringLiteral("progressSummary"));
    m_progressSummary->setAccessibleName(tr("Progress"));
    m_progressSummary->setWordWrap(true);
    auto *legend = new QLabel(tr("Marks: ring = not opened yet · dot = opened · tick = quiz all correct"));
    legend->setObjectName(QStringLiteral("progressLegend"));
    legend->setWordWrap(true);
    legend->setForegroundRole(QPalette::PlaceholderText);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(searchLabel);
    layout->addWidget(m_search);
    layout->addWidget(m_searchCount);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_progressSummary);
    layout->addWidget(legend);

    connect(m_list, &QListWidget::currentRowChanged, this, &LessonList::lessonChosen);
    connect(m_search, &QLineEdit::textChanged, this, [this] {
        filter();
        emit searchChanged();
    });
    connect(m_search, &QLineEdit::returnPressed, this, &LessonList::searchSubmitted);
    filter();
}

QString LessonList::searchTerm() const
{
    return m_search->text().simplified();
}

void LessonList::focusSearch()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

int LessonList::firstMatch() const
{
    for (int i = 0; i < m_list->count(); ++i) {
        if (!m_list->item(i)->isHidden())
            return i;
    }
    return -1;
}

void LessonList::setCurrent(int index)
{
    const QSignalBlocker blocker(m_list);
    m_list->setCurrentRow(index);
}

void LessonList::setIconSize(int size)
{
    m_list->setIconSize(QSize(size, size));
}

void LessonList::filter()
{
    const QString term = searchTerm();
    const int count = static_cast<int>(m_lessons.size());
    int matches = 0;
    for (int i = 0; i < count; ++i) {
        const bool hit = term.isEmpty() || m_fullText[i].contains(term, Qt::CaseInsensitive);
        m_list->item(i)->setHidden(!hit);
        matches += hit ? 1 : 0;
    }
    if (term.isEmpty())
        m_searchCount->setText(tr("%1 lessons").arg(count));
    else if (matches == 0)
        m_searchCount->setText(tr("No lesson contains “%1”").arg(term));
    else if (matches == 1)
        m_searchCount->setText(tr("1 of %1 lessons contains “%2” (Enter opens it)").arg(count).arg(term));
    else
        m_searchCount->setText(
            tr("%1 of %2 lessons contain “%3” (Enter opens the first)").arg(matches).arg(count).arg(term));
}

void LessonList::showProgress(int index, const LessonProgress &progress, const Appearance &appearance)
{
    const Lesson &lesson = m_lessons[static_cast<std::size_t>(index)];
    const int correct = progress.correctAnswers(lesson);
    const int questions = static_cast<int>(lesson.quiz.size());
    const Mark mark = markOf(lesson, progress);
    const QString state = progressState(lesson, progress);
    const QString quiz = questions == 0 ? QString() : tr("quiz %1 of %2 correct").arg(correct).arg(questions);
    QListWidgetItem *item = m_list->item(index);
    item->setIcon(progressIcon(mark, appearance, m_list->iconSize().height()));
    item->setToolTip(quiz.isEmpty() || mark == Mark::QuizPassed ? state : tr("%1; %2").arg(state, quiz));
    item->setData(Qt::AccessibleTextRole, tr("%1, %2").arg(lessonLabel(lesson), item->toolTip()));

    int openedCount = 0;
    int passedCount = 0;
    for (const Lesson &l : m_lessons) {
        openedCount += progress.visited(toQString(l.id)) ? 1 : 0;
        passedCount += progress.quizPassed(l) ? 1 : 0;
    }
    m_progressSummary->setText(tr("Opened %1 of %2 lessons · quizzes all correct: %3")
                                   .arg(openedCount)
                                   .arg(static_cast<int>(m_lessons.size()))
                                   .arg(passedCount));
}

bool LessonList::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_search && (event->type() == QEvent::ShortcutOverride || event->type() == QEvent::KeyPress)) {
        // Esc clears the search; the window's Esc (Stop) applies only when there is nothing to clear.
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Escape && key->modifiers() == Qt::NoModifier && !m_search->text().isEmpty()) {
            event->accept();
            if (event->type() == QEvent::KeyPress)
                m_search->clear();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace clab
