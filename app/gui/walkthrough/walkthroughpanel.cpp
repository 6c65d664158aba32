#include "walkthrough/walkthroughpanel.h"

#include "lessonlibrary.h"
#include "model/presetcatalog.h"
#include "textutil.h"
#include "walkthrough/steptext.h"
#include "walkthrough/walkthroughplayer.h"

#include <QAbstractSpinBox>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QGridLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QTextEdit>
#include <QTimer>
#include <QVBoxLayout>

namespace clab {

WalkthroughPanel::WalkthroughPanel(WalkthroughPlayer *player, QWidget *parent)
    : QFrame(parent)
    , m_player(player)
    , m_title(new QLabel)
    , m_step(new QLabel)
    , m_where(new QLabel)
    , m_timing(new QLabel)
    , m_points(new QLabel)
    , m_previous(new QPushButton(tr("◀  Previous")))
    , m_next(new QPushButton(tr("Next  ▶")))
    , m_lesson(new QPushButton(tr("Show lesson")))
    , m_lab(new QPushButton(tr("Open in Lab")))
    , m_showPoints(new QCheckBox(tr("Talking points")))
    , m_presentation(new QCheckBox(tr("Presentation mode")))
    , m_close(new QPushButton(tr("Close")))
    , m_clock(new QTimer(this))
{
    setObjectName(QStringLiteral("walkthroughPanel"));
    setAccessibleName(tr("Walkthrough"));
    const std::pair<QLabel *, const char *> labels[] = {{m_title, "walkthroughTitle"}, {m_step, "walkthroughStep"},
        {m_where, "walkthroughWhere"}, {m_timing, "walkthroughTiming"}, {m_points, "walkthroughPoints"}};
    for (const auto &[label, name] : labels) {
        label->setObjectName(QString::fromLatin1(name));
        label->setWordWrap(true);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    }
    m_title->setAccessibleName(tr("Walkthrough title"));
    m_step->setAccessibleName(tr("Walkthrough step"));
    m_where->setAccessibleName(tr("Step lesson and preset"));
    m_timing->setAccessibleName(tr("Planned and elapsed time"));
    m_points->setAccessibleName(tr("Talking points"));
    m_points->setTextFormat(Qt::RichText);

    const std::pair<QAbstractButton *, QString> buttons[]
        = {{m_previous, tr("Previous step")}, {m_next, tr("Next step")}, {m_lesson, tr("Show the step's lesson")},
            {m_lab, tr("Open the step's experiment in the Lab")}, {m_showPoints, tr("Show talking points")},
            {m_presentation, tr("Presentation mode")}, {m_close, tr("Close walkthrough")}};
    for (const auto &[button, name] : buttons) {
        button->setAccessibleName(name);
        button->setFocusPolicy(Qt::StrongFocus);
        if (auto *push = qobject_cast<QPushButton *>(button))
            push->setAutoDefault(false);
    }
    m_previous->setObjectName(QStringLiteral("walkthroughPrevious"));
    m_next->setObjectName(QStringLiteral("walkthroughNext"));
    m_lesson->setObjectName(QStringLiteral("walkthroughLesson"));
    m_lab->setObjectName(QStringLiteral("walkthroughLab"));
    m_showPoints->setObjectName(QStringLiteral("walkthroughShowPoints"));
    m_presentation->setObjectName(QStringLiteral("walkthroughPresentation"));
    m_close->setObjectName(QStringLiteral("walkthroughClose"));
    m_previous->setToolTip(tr("Previous step (Page Up)"));
    m_next->setToolTip(tr("Next step (Page Down; a presenter's clicker sends it)"));
    m_lesson->setToolTip(tr("Show this step's lesson on the Lessons page"));
    m_lab->setToolTip(
        tr("Show the Lab with this step's experiment loaded; press Run (Ctrl+R) when the class has predicted"));
    m_presentation->setToolTip(tr("Larger fonts and stronger contrast for a projector (Ctrl+Shift+P)"));
    m_showPoints->setToolTip(tr("Show the step's talking points; fold them away to give the Lab's charts room"));
    m_showPoints->setChecked(true);
    m_close->setToolTip(tr("Close the walkthrough; the lesson and the Lab stay as they are"));

    auto *text = new QVBoxLayout;
    text->setSpacing(2);
    text->addWidget(m_title);
    text->addWidget(m_step);
    text->addWidget(m_where);
    text->addWidget(m_timing);
    text->addSpacing(4);
    // The points scroll when the window has no room for them all above the page (a 1024x768
    // projector in presentation mode): the window is never taller than its screen.
    auto *points = m_pointsScroll = new QScrollArea;
    points->setObjectName(QStringLiteral("walkthroughPointsScroll"));
    points->setWidget(m_points);
    points->setWidgetResizable(true);
    points->setFrameShape(QFrame::NoFrame);
    points->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    points->setMinimumHeight(3 * m_points->fontMetrics().height());
    points->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred);
    text->addWidget(points, 1);
    auto *controls = m_controls = new QGridLayout;
    placeControls();
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(18, 8, 12, 10); // room for the accent bar on the left
    layout->addLayout(text, 1);
    layout->addSpacing(12);
    layout->addLayout(controls);

    connect(m_previous, &QPushButton::clicked, m_player, &WalkthroughPlayer::previous);
    connect(m_next, &QPushButton::clicked, m_player, &WalkthroughPlayer::next);
    connect(m_lesson, &QPushButton::clicked, this, &WalkthroughPanel::lessonRequested);
    connect(m_lab, &QPushButton::clicked, this, &WalkthroughPanel::labRequested);
    connect(m_showPoints, &QCheckBox::toggled, this, [this] { showStep(); });
    connect(m_showPoints, &QCheckBox::clicked, this, [this] { m_pointsChosen = true; });
    connect(m_presentation, &QCheckBox::toggled, this, &WalkthroughPanel::presentationRequested);
    connect(m_close, &QPushButton::clicked, m_player, &WalkthroughPlayer::close);
    connect(m_player, &WalkthroughPlayer::stepChanged, this, &WalkthroughPanel::showStep);
    connect(m_player, &WalkthroughPlayer::afterRunRevealed, this, &WalkthroughPanel::showStep);
    connect(m_player, &WalkthroughPlayer::opened, this, [this] {
        setVisible(!m_presenterElsewhere);
        m_clock->start();
    });
    connect(m_player, &WalkthroughPlayer::closed, this, [this] {
        m_clock->stop();
        hide();
    });
    // The clock ticks only while a walkthrough is open: an idle window stays idle.
    m_clock->setInterval(1000);
    connect(m_clock, &QTimer::timeout, this, &WalkthroughPanel::updateTiming);
    qApp->installEventFilter(this);
    setVisible(m_player->isOpen());
    if (m_player->isOpen())
        showStep();
}

bool WalkthroughPanel::isAfterRunShown() const
{
    return m_player->isAfterRunShown();
}

void WalkthroughPanel::setPresenterElsewhere(bool elsewhere)
{
    m_presenterElsewhere = elsewhere;
    setVisible(m_player->isOpen() && !elsewhere);
}

bool WalkthroughPanel::keepsPageKeys(const QWidget *focus)
{
    if (const auto *line = qobject_cast<const QLineEdit *>(focus))
        return !line->isReadOnly();
    if (const auto *spin = qobject_cast<const QAbstractSpinBox *>(focus))
        return !spin->isReadOnly();
    if (const auto *edit = qobject_cast<const QTextEdit *>(focus))
        return !edit->isReadOnly(); // a QTextBrowser (a lesson) is read-only: the clicker still steps
    if (const auto *plain = qobject_cast<const QPlainTextEdit *>(focus))
        return !plain->isReadOnly();
    if (const auto *combo = qobject_cast<const QComboBox *>(focus))
        return combo->isEditable();
    return false;
}

// Where the buttons go: four rows beside the text on a tall window; on a short one (a projector's
// 1024x768 or 1280x800) two rows, the presentation switch left to the View menu (Ctrl+Shift+P).
void WalkthroughPanel::placeControls()
{
    while (m_controls->count() > 0)
        m_controls->takeAt(0);
    for (int row = 0; row < 5; ++row)
        m_controls->setRowStretch(row, 0);
    if (m_compact) {
        m_controls->addWidget(m_previous, 0, 0);
        m_controls->addWidget(m_next, 0, 1);
        m_controls->addWidget(m_close, 0, 2);
        m_controls->addWidget(m_lesson, 1, 0);
        m_controls->addWidget(m_lab, 1, 1);
        m_controls->addWidget(m_showPoints, 1, 2);
        m_controls->setRowStretch(2, 1);
    } else {
        m_controls->addWidget(m_previous, 0, 0);
        m_controls->addWidget(m_next, 0, 1);
        m_controls->addWidget(m_lesson, 1, 0);
        m_controls->addWidget(m_lab, 1, 1);
        m_controls->addWidget(m_showPoints, 2, 0);
        m_controls->addWidget(m_presentation, 2, 1);
        m_controls->addWidget(m_close, 3, 1);
        m_controls->setRowStretch(4, 1);
    }
    m_presentation->setVisible(!m_compact);
}

void WalkthroughPanel::setCompact(bool compact)
{
    if (compact == m_compact)
        return;
    m_compact = compact;
    placeControls();
    // The walkthrough's name and the step's lesson and preset go into the step's tooltip, and the
    // talking points fold unless the presenter asked for them: the Lab below keeps its charts.
    m_title->setVisible(!compact);
    m_where->setVisible(!compact);
    if (!m_pointsChosen) {
        const QSignalBlocker blocker(m_showPoints);
        m_showPoints->setChecked(!compact);
    }
    showStep();
}

bool WalkthroughPanel::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::Resize && watched == window() && watched->isWidgetType())
        setCompact(static_cast<QWidget *>(watched)->height() < kCompactBelowHeight);
    // Before a key becomes a shortcut, Qt offers it to the focus widget as a ShortcutOverride;
    // accepting it there hands the key to the widget. Text fields keep Page Up/Down this way.
    if (event->type() == QEvent::ShortcutOverride && m_player->isOpen() && watched == QApplication::focusWidget()) {
        const auto *key = static_cast<QKeyEvent *>(event);
        const bool pageKey = key->key() == Qt::Key_PageUp || key->key() == Qt::Key_PageDown;
        if (pageKey && (key->modifiers() & ~Qt::KeypadModifier) == Qt::NoModifier
            && keepsPageKeys(QApplication::focusWidget())) {
            event->accept();
            return true;
        }
    }
    return QFrame::eventFilter(watched, event);
}

void WalkthroughPanel::setAppearance(const Appearance &appearance)
{
    m_appearance = appearance;
    const QFont base = QApplication::font();
    QFont next = base;
    next.setBold(true); // the button a presenter presses most
    m_next->setFont(next);
    QFont step = base;
    step.setBold(true);
    step.setPointSizeF(base.pointSizeF() * 1.3);
    m_step->setFont(step);
    QFont points = base;
    points.setPointSizeF(base.pointSizeF() * (appearance.presentation ? 1.15 : 1.05));
    m_points->setFont(points);
    QPalette muted = m_title->palette();
    muted.setColor(QPalette::WindowText, appearance.mutedText());
    m_title->setPalette(muted);
    m_where->setPalette(muted);
    {
        const QSignalBlocker blocker(m_presentation);
        m_presentation->setChecked(appearance.presentation);
    }
    updateTiming();
    update();
}

void WalkthroughPanel::showStep()
{
    const WalkthroughStep *step = m_player->currentStep();
    if (!step)
        return;
    const Walkthrough &walkthrough = m_player->walkthrough();
    m_title->setText(tr("Walkthrough: %1").arg(toQString(walkthrough.title)));
    m_step->setText(tr("Step %1 of %2 · %3")
                        .arg(m_player->currentIndex() + 1)
                        .arg(m_player->stepCount())
                        .arg(toQString(step->title)));

    m_where->setText(stepWhereText(*m_player, *step));
    m_step->setToolTip(m_compact ? m_title->text() + QLatin1Char('\n') + m_where->text() : QString());
    // What would give the result away waits for the run: the class predicts first.
    const QString html = stepPointsHtml(*step, m_player->isAfterRunShown() ? AfterRun::Shown : AfterRun::Announced);
    const bool any = !step->talkingPoints.empty() || !step->afterRun.empty();
    m_points->setText(html);
    m_points->setVisible(m_showPoints->isChecked() && any);
    m_pointsScroll->setVisible(m_points->isVisibleTo(m_pointsScroll));
    m_showPoints->setEnabled(any);

    m_previous->setEnabled(m_player->canGoPrevious());
    m_next->setEnabled(m_player->canGoNext());
    m_lab->setEnabled(!step->preset.empty());
    updateTiming();
}

void WalkthroughPanel::updateTiming()
{
    const WalkthroughStep *step = m_player->currentStep();
    if (!step) {
        m_timing->clear();
        return;
    }
    const QString timing = stepTimingText(*m_player);
    m_timing->setText(m_compact ? toQString(m_player->walkthrough().title) + QStringLiteral("  ·  ") + timing : timing);
    QPalette palette = m_timing->palette();
    palette.setColor(QPalette::WindowText, isStepOverTime(*m_player) ? m_appearance.error() : m_appearance.text());
    m_timing->setPalette(palette);
}

void WalkthroughPanel::paintEvent(QPaintEvent *event)
{
    QPainter painter(this);
    painter.fillRect(rect(), m_appearance.panel());
    const int bar = m_appearance.presentation ? 8 : 5;
    painter.fillRect(QRect(0, 0, bar, height()), palette().color(QPalette::Highlight));
    painter.fillRect(QRect(0, height() - 1, width(), 1), m_appearance.grid());
    QFrame::paintEvent(event);
}

} // namespace clab
