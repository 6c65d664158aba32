#include "lessons/lessonspage.h"

#include "lessons/embeddedcontent.h"
#include "lessons/lessonlist.h"
#include "lessons/lessontext.h"
#include "lessons/lessontextwidget.h"
#include "lessons/quizwidget.h"
#include "lessons/tryitwidget.h"
#include "textutil.h"

#include <QApplication>
#include <QDesktopServices>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QShortcut>
#include <QSplitter>
#include <QStyle>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace clab {

LessonsPage::LessonsPage(QWidget *parent)
    : QWidget(parent)
    , m_lessons(embeddedLessons().lessons)
{
    setAccessibleName(tr("Lessons"));

    auto *split = new QSplitter(Qt::Horizontal);
    split->setObjectName(QStringLiteral("lessonsSplitter"));
    m_sidebar = new LessonList(m_lessons);
    split->addWidget(m_sidebar);
    split->addWidget(buildReader());
    split->setStretchFactor(1, 1);
    split->setChildrenCollapsible(false);
    split->setSizes({340, 1000});
    auto *layout = new QHBoxLayout(this);
    layout->addWidget(split);

    // Only while this page is shown (a window shortcut of a hidden widget is inactive).
    auto *previous = new QShortcut(QKeySequence(Qt::ALT | Qt::Key_Left), this);
    connect(previous, &QShortcut::activated, this, &LessonsPage::showPrevious);
    auto *next = new QShortcut(QKeySequence(Qt::ALT | Qt::Key_Right), this);
    connect(next, &QShortcut::activated, this, &LessonsPage::showNext);
    auto *find = new QShortcut(QKeySequence::Find, this);
    connect(find, &QShortcut::activated, m_sidebar, &LessonList::focusSearch);
    connect(m_sidebar, &LessonList::lessonChosen, this, [this](int index) {
        if (index != m_current)
            showIndex(index, {});
    });
    connect(m_sidebar, &LessonList::searchChanged, this, [this] {
        if (m_current >= 0)
            applyHighlight(false);
    });
    connect(m_sidebar, &LessonList::searchSubmitted, this, &LessonsPage::openFirstMatch);

    setAppearance(m_appearance);
    if (!m_lessons.empty())
        showIndex(0, {});
}

QWidget *LessonsPage::buildReader()
{
    m_previous = new QPushButton(style()->standardIcon(QStyle::SP_ArrowBack), tr("Previous"));
    m_previous->setObjectName(QStringLiteral("previousLesson"));
    m_previous->setAccessibleName(tr("Previous lesson"));
    m_next = new QPushButton(style()->standardIcon(QStyle::SP_ArrowForward), tr("Next"));
    m_next->setObjectName(QStringLiteral("nextLesson"));
    m_next->setAccessibleName(tr("Next lesson"));
    m_next->setLayoutDirection(Qt::RightToLeft); // the arrow after the word
    m_position = new QLabel;
    m_position->setObjectName(QStringLiteral("lessonPosition"));
    m_position->setAccessibleName(tr("Lesson number"));
    m_status = new QLabel;
    m_status->setObjectName(QStringLiteral("lessonStatus"));
    m_status->setAccessibleName(tr("Lesson progress"));
    auto *nav = new QHBoxLayout;
    nav->addWidget(m_previous);
    nav->addWidget(m_position);
    nav->addStretch();
    nav->addWidget(m_status);
    nav->addSpacing(12);
    nav->addWidget(m_next);
    connect(m_previous, &QPushButton::clicked, this, &LessonsPage::showPrevious);
    connect(m_next, &QPushButton::clicked, this, &LessonsPage::showNext);

    m_text = new LessonTextWidget;
    m_text->setObjectName(QStringLiteral("lessonText"));
    m_text->setAccessibleName(tr("Lesson text"));
    connect(m_text, &QTextBrowser::anchorClicked, this, &LessonsPage::onLink);
    // Moving through the links with Tab keeps the focused link in view.
    connect(m_text, &QTextBrowser::cursorPositionChanged, this, [this] {
        if (!m_text->hasFocus())
            return;
        const QRect rect = m_text->cursorRect().translated(m_text->viewport()->pos());
        const QPoint at = m_text->mapTo(m_scroll->widget(), rect.center());
        m_target = {};
        m_scroll->ensureVisible(at.x(), at.y(), 20, rect.height() + 40);
    });

    auto heading = [](const QString &text, const QString &name) {
        auto *label = new QLabel(text);
        label->setObjectName(name);
        label->setContentsMargins(16, 18, 16, 4);
        return label;
    };
    m_tryItHeading = heading(tr("Try it"), QStringLiteral("tryItHeading"));
    m_tryIts = new QVBoxLayout;
    m_tryIts->setContentsMargins(16, 0, 16, 0);
    m_tryIts->setSpacing(12);
    m_quizHeading = heading(tr("Quiz"), QStringLiteral("quizHeading"));
    m_quizScore = new QLabel;
    m_quizScore->setObjectName(QStringLiteral("quizScore"));
    m_quizScore->setContentsMargins(16, 0, 16, 6);
    m_quizScore->setWordWrap(true); // a narrow column wraps the sentence rather than widening past the view
    m_quizHolder = new QVBoxLayout;
    m_quizHolder->setContentsMargins(16, 0, 16, 0);
    m_sourcesHeading = heading(tr("Sources"), QStringLiteral("sourcesHeading"));
    m_sources = new QLabel;
    m_sources->setObjectName(QStringLiteral("lessonSources"));
    m_sources->setAccessibleName(tr("Sources"));
    m_sources->setTextFormat(Qt::MarkdownText);
    m_sources->setWordWrap(true);
    m_sources->setOpenExternalLinks(true);
    m_sources->setTextInteractionFlags(Qt::TextBrowserInteraction);
    m_sources->setContentsMargins(16, 0, 16, 0);
    m_nextAtEnd = new QPushButton(style()->standardIcon(QStyle::SP_ArrowForward), QString());
    m_nextAtEnd->setObjectName(QStringLiteral("nextLessonAtEnd"));
    m_nextAtEnd->setLayoutDirection(Qt::RightToLeft);
    connect(m_nextAtEnd, &QPushButton::clicked, this, &LessonsPage::showNext);
    auto *endRow = new QHBoxLayout;
    endRow->setContentsMargins(16, 18, 16, 24);
    endRow->addStretch();
    endRow->addWidget(m_nextAtEnd);

    m_column = new QWidget;
    m_column->setObjectName(QStringLiteral("lessonColumn"));
    auto *column = new QVBoxLayout(m_column);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(6);
    column->addWidget(m_text);
    column->addWidget(m_tryItHeading);
    column->addLayout(m_tryIts);
    column->addWidget(m_quizHeading);
    column->addWidget(m_quizScore);
    column->addLayout(m_quizHolder);
    column->addWidget(m_sourcesHeading);
    column->addWidget(m_sources);
    column->addLayout(endRow);
    column->addStretch();

    // The column keeps a readable line length on wide screens, centred on the page.
    auto *content = new QWidget;
    content->setObjectName(QStringLiteral("lessonContent"));
    content->setBackgroundRole(QPalette::Base);
    content->setAutoFillBackground(true);
    auto *centre = new QHBoxLayout(content);
    centre->setContentsMargins(0, 0, 0, 0);
    centre->addStretch();
    centre->addWidget(m_column, 100);
    centre->addStretch();
    content->installEventFilter(this);

    m_scroll = new QScrollArea;
    m_scroll->setObjectName(QStringLiteral("lessonScroll"));
    m_scroll->setAccessibleName(tr("Lesson"));
    m_scroll->setWidgetResizable(true);
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_scroll->setBackgroundRole(QPalette::Base);
    m_scroll->setWidget(content);
    m_scroll->viewport()->installEventFilter(this);
    // Once the reader scrolls, or moves the focus inside the lesson (which scrolls to it), the
    // reading position is theirs: later layout changes no longer pull it back to the target.
    connect(m_scroll->verticalScrollBar(), &QScrollBar::actionTriggered, this, [this] { m_target = {}; });
    connect(qApp, &QApplication::focusChanged, this, [this](QWidget *, QWidget *now) {
        if (now && m_scroll->isAncestorOf(now))
            m_target = {};
    });

    auto *reader = new QWidget;
    auto *layout = new QVBoxLayout(reader);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(nav);
    layout->addWidget(m_scroll, 1);
    return reader;
}

void LessonsPage::setAppearance(const Appearance &appearance)
{
    m_appearance = appearance;
    QFont font = QApplication::font();
    if (font.pointSizeF() > 0)
        font.setPointSizeF(font.pointSizeF() * 1.15);
    m_column->setFont(font);
    QFont headingFont = font;
    headingFont.setBold(true);
    if (font.pointSizeF() > 0)
        headingFont.setPointSizeF(font.pointSizeF() * 1.4);
    for (QLabel *heading : {m_tryItHeading, m_quizHeading, m_sourcesHeading})
        heading->setFont(headingFont);
    const QFontMetrics metrics(font);
    // About 100 characters a line, and room for a picture at its own width.
    m_column->setMaximumWidth(std::max(metrics.averageCharWidth() * 100, 1000));
    m_text->setImageScale(appearance.presentation ? 1.35 : 1.0);
    m_sidebar->setIconSize(QFontMetrics(QApplication::font()).height());
    if (m_quiz)
        m_quiz->setAppearance(appearance);
    for (int i = 0; i < lessonCount(); ++i)
        updateProgress(i);
    // Re-render the lesson so its links and pictures take the new palette and size, keeping the
    // reader's place.
    if (m_current >= 0) {
        const QScrollBar *bar = m_scroll->verticalScrollBar();
        ScrollTarget keep = m_target;
        if (keep.kind == ScrollTarget::Kind::None) {
            keep.kind = ScrollTarget::Kind::Fraction;
            keep.fraction = bar->maximum() > 0 ? double(bar->value()) / bar->maximum() : 0.0;
        }
        const int index = m_current;
        m_current = -1;
        showIndex(index, keep);
    }
}

bool LessonsPage::showLesson(const QString &id)
{
    for (std::size_t i = 0; i < m_lessons.size(); ++i) {
        if (toQString(m_lessons[i].id) == id) {
            showIndex(static_cast<int>(i), {});
            return true;
        }
    }
    return false;
}

bool LessonsPage::showLesson(const QString &id, const QString &section)
{
    const auto lesson
        = std::find_if(m_lessons.begin(), m_lessons.end(), [&](const Lesson &l) { return toQString(l.id) == id; });
    if (lesson == m_lessons.end())
        return false;
    const std::string wanted = toStdString(section.trimmed());
    if (std::find(lesson->sections.begin(), lesson->sections.end(), wanted) == lesson->sections.end())
        return false;
    ScrollTarget target;
    if (wanted == "Try it" || wanted == "Quiz" || wanted == "Sources") {
        target.kind = ScrollTarget::Kind::Widget;
        target.widget = wanted == "Try it" ? m_tryItHeading : wanted == "Quiz" ? m_quizHeading : m_sourcesHeading;
    } else {
        target.kind = ScrollTarget::Kind::Heading;
        target.heading = plainInline(toQString(wanted));
    }
    showIndex(static_cast<int>(lesson - m_lessons.begin()), target);
    return true;
}

QString LessonsPage::currentLessonId() const
{
    return m_current >= 0 ? toQString(m_lessons[static_cast<std::size_t>(m_current)].id) : QString();
}

bool LessonsPage::showNext()
{
    if (m_current < 0 || m_current + 1 >= lessonCount())
        return false;
    showIndex(m_current + 1, {});
    return true;
}

bool LessonsPage::showPrevious()
{
    if (m_current <= 0)
        return false;
    showIndex(m_current - 1, {});
    return true;
}

void LessonsPage::showIndex(int index, ScrollTarget target)
{
    if (index < 0 || index >= lessonCount())
        return;
    if (target.kind == ScrollTarget::Kind::None) {
        target.kind = ScrollTarget::Kind::Fraction;
        target.fraction = 0.0;
    }
    if (index == m_current) { // the same lesson: only move the reading position
        scrollTo(target);
        return;
    }
    m_current = index;
    const Lesson &lesson = m_lessons[static_cast<std::size_t>(index)];
    m_sidebar->setCurrent(index);
    m_text->setLesson(toQString(lesson.markdown), toQString(lesson.path));
    rebuildExtras(lesson);
    updateNavigation();
    markVisited();
    updateProgress(index);
    applyHighlight(false);
    scrollTo(target);
    emit lessonShown(toQString(lesson.id));
}

void LessonsPage::rebuildExtras(const Lesson &lesson)
{
    // Widgets of the previous lesson leave at once (so lookups never find them) and are deleted
    // once control is back in the event loop, in case one of them is what led here.
    auto discard = [](QWidget *widget) {
        widget->hide();
        widget->setParent(nullptr);
        widget->deleteLater();
    };
    while (QLayoutItem *item = m_tryIts->takeAt(0)) {
        if (item->widget())
            discard(item->widget());
        delete item;
    }
    if (m_quiz) {
        m_quizHolder->removeWidget(m_quiz);
        discard(m_quiz);
        m_quiz = nullptr;
    }

    for (const TryIt &tryIt : lesson.tryIts) {
        auto *card = new TryItWidget(tryIt, embeddedPresets().find(tryIt.presetId));
        connect(card, &TryItWidget::presetRequested, this, &LessonsPage::presetRequested);
        m_tryIts->addWidget(card);
        card->show(); // now, not once the layout's queued show arrives: callers may use it at once
    }
    m_tryItHeading->setVisible(!lesson.tryIts.empty());

    const QString id = toQString(lesson.id);
    m_quiz = new QuizWidget(lesson.quiz, m_appearance);
    for (int q = 0; q < m_quiz->questionCount(); ++q) {
        if (const std::optional<int> answer = m_progress.answer(id, q))
            m_quiz->restoreAnswer(q, *answer);
    }
    connect(m_quiz, &QuizWidget::answerChecked, this, &LessonsPage::onAnswerChecked);
    m_quizHolder->addWidget(m_quiz);
    m_quiz->show();
    m_quizHeading->setVisible(!lesson.quiz.empty());
    m_quizScore->setVisible(!lesson.quiz.empty());

    QStringList sources;
    for (const std::string &source : lesson.sources)
        sources << QStringLiteral("- ") + toQString(source);
    m_sources->setText(sources.join(QLatin1Char('\n')));
    m_sourcesHeading->setVisible(!sources.isEmpty());
    m_sources->setVisible(!sources.isEmpty());
}

void LessonsPage::onLink(const QUrl &url)
{
    const QString scheme = url.scheme();
    if (scheme == QLatin1String("lesson"))
        showLesson(url.path());
    else if (scheme == QLatin1String("preset"))
        emit presetRequested(url.path());
    else if (scheme == QLatin1String("http") || scheme == QLatin1String("https") || scheme == QLatin1String("mailto"))
        QDesktopServices::openUrl(url);
}

QString LessonsPage::searchTerm() const
{
    return m_sidebar->searchTerm();
}

void LessonsPage::openFirstMatch()
{
    if (searchTerm().isEmpty())
        return;
    const int first = m_sidebar->firstMatch();
    if (first < 0)
        return;
    if (first != m_current)
        showIndex(first, {});
    applyHighlight(true);
}

void LessonsPage::applyHighlight(bool scrollToIt)
{
    const QString term = searchTerm();
    const int found = m_text->highlight(term);
    if (!scrollToIt || term.isEmpty())
        return;
    ScrollTarget target;
    if (found > 0) {
        target.kind = ScrollTarget::Kind::Highlight;
    } else {
        // Not in the text: the first card, question or source that holds it.
        for (QLabel *label : m_column->findChildren<QLabel *>()) {
            if (label->isVisibleTo(m_column) && plainInline(label->text()).contains(term, Qt::CaseInsensitive)) {
                target.kind = ScrollTarget::Kind::Widget;
                target.widget = label;
                break;
            }
        }
    }
    if (target.kind != ScrollTarget::Kind::None)
        scrollTo(target);
}

void LessonsPage::onAnswerChecked(int question, int answer, bool)
{
    if (m_current < 0)
        return;
    m_progress.setAnswer(currentLessonId(), question, answer);
    updateProgress(m_current);
}

void LessonsPage::markVisited()
{
    // A lesson counts as opened when it is on screen, not when the page merely loads it.
    if (m_current < 0 || !isVisible())
        return;
    m_progress.markVisited(currentLessonId());
    updateProgress(m_current);
}

void LessonsPage::updateProgress(int index)
{
    if (index < 0 || index >= lessonCount())
        return;
    m_sidebar->showProgress(index, m_progress, m_appearance);
    if (index != m_current)
        return;
    const Lesson &lesson = m_lessons[static_cast<std::size_t>(index)];
    const int correct = m_progress.correctAnswers(lesson);
    const int questions = static_cast<int>(lesson.quiz.size());
    m_status->setText(
        questions == 0 ? progressState(lesson, m_progress) : tr("Quiz: %1 of %2 correct").arg(correct).arg(questions));
    m_quizScore->setText(correct == questions
            ? tr("All %1 answered correctly.").arg(questions)
            : tr("%1 of %2 answered correctly so far. Choose an answer, then Check.").arg(correct).arg(questions));
}

void LessonsPage::updateNavigation()
{
    const bool hasPrevious = m_current > 0;
    const bool hasNext = m_current >= 0 && m_current + 1 < lessonCount();
    m_previous->setEnabled(hasPrevious);
    m_next->setEnabled(hasNext);
    m_previous->setToolTip(hasPrevious
            ? tr("%1 (Alt+Left)").arg(lessonLabel(m_lessons[static_cast<std::size_t>(m_current - 1)]))
            : tr("This is the first lesson"));
    m_next->setToolTip(hasNext
            ? tr("%1 (Alt+Right)").arg(lessonLabel(m_lessons[static_cast<std::size_t>(m_current + 1)]))
            : tr("This is the last lesson"));
    m_position->setText(m_current >= 0 ? tr("Lesson %1 of %2").arg(m_current + 1).arg(lessonCount()) : QString());
    m_nextAtEnd->setVisible(hasNext);
    if (hasNext) {
        const QString label = lessonLabel(m_lessons[static_cast<std::size_t>(m_current + 1)]);
        // The whole title where the column has room for it; on a projector's narrow window the
        // button says less (the title is in its name) rather than widening the page past the view.
        const QString full = tr("Next lesson: %1").arg(label);
        const int room = m_scroll->viewport()->width() - 32 - m_nextAtEnd->iconSize().width() - 40;
        m_nextAtEnd->setText(m_nextAtEnd->fontMetrics().horizontalAdvance(full) <= room ? full : tr("Next lesson"));
        m_nextAtEnd->setAccessibleName(full);
    }
}

void LessonsPage::scrollTo(ScrollTarget target)
{
    m_target = std::move(target);
    applyScrollTarget();
    // Once the new content is laid out, land there again.
    QTimer::singleShot(0, this, &LessonsPage::applyScrollTarget);
}

void LessonsPage::applyScrollTarget()
{
    QWidget *content = m_scroll->widget();
    QScrollBar *bar = m_scroll->verticalScrollBar();
    int y = 0;
    switch (m_target.kind) {
    case ScrollTarget::Kind::None:
        return;
    case ScrollTarget::Kind::Fraction:
        y = static_cast<int>(m_target.fraction * bar->maximum());
        break;
    case ScrollTarget::Kind::Heading: {
        const std::optional<int> top = m_text->headingTop(m_target.heading);
        if (!top)
            return;
        y = m_text->mapTo(content, QPoint(0, *top)).y();
        break;
    }
    case ScrollTarget::Kind::Widget:
        if (!m_target.widget)
            return;
        y = m_target.widget->mapTo(content, QPoint(0, 0)).y();
        break;
    case ScrollTarget::Kind::Highlight: {
        const std::optional<QRect> hit = m_text->firstHighlight();
        if (!hit)
            return;
        // A third of the way down, with the sentence before it in view.
        y = m_text->mapTo(content, hit->topLeft()).y() - m_scroll->viewport()->height() / 3;
        break;
    }
    }
    bar->setValue(std::clamp(y, 0, bar->maximum()));
}

void LessonsPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    markVisited();
    QTimer::singleShot(0, this, &LessonsPage::applyScrollTarget);
}

bool LessonsPage::eventFilter(QObject *watched, QEvent *event)
{
    if (m_scroll && watched == m_scroll->widget() && event->type() == QEvent::Resize)
        applyScrollTarget();
    if (m_scroll && watched == m_scroll->viewport() && event->type() == QEvent::Resize)
        updateNavigation();
    return QWidget::eventFilter(watched, event);
}

} // namespace clab
