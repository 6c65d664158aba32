#include "walkthrough/walkthroughpanel.h"

#include "lessonlibrary.h"
#include "model/presetcatalog.h"
#include "textutil.h"
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
#include <QTextEdit>
#include <QTimer>
#include <QVBoxLayout>

namespace clab {

namespace {

// "4:05", "1:02:10": how long a step or the whole class has been going.
QString clockText(qint64 ms)
{
    const qint64 seconds = ms / 1000;
    if (seconds >= 3600)
        return QStringLiteral("%1:%2:%3")
            .arg(seconds / 3600)
            .arg(seconds / 60 % 60, 2, 10, QLatin1Char('0'))
            .arg(seconds % 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1:%2").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0'));
}

} // namespace

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
    text->addWidget(m_points);
    auto *controls = new QGridLayout;
    controls->addWidget(m_previous, 0, 0);
    controls->addWidget(m_next, 0, 1);
    controls->addWidget(m_lesson, 1, 0);
    controls->addWidget(m_lab, 1, 1);
    controls->addWidget(m_showPoints, 2, 0);
    controls->addWidget(m_presentation, 2, 1);
    controls->addWidget(m_close, 3, 1);
    controls->setRowStretch(4, 1);
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
    connect(m_presentation, &QCheckBox::toggled, this, &WalkthroughPanel::presentationRequested);
    connect(m_close, &QPushButton::clicked, m_player, &WalkthroughPlayer::close);
    connect(m_player, &WalkthroughPlayer::stepChanged, this, [this] {
        m_afterRunShown = false;
        showStep();
    });
    connect(m_player, &WalkthroughPlayer::opened, this, [this] {
        show();
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

void WalkthroughPanel::revealAfterRun()
{
    m_afterRunShown = true;
    showStep();
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

bool WalkthroughPanel::eventFilter(QObject *watched, QEvent *event)
{
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

    QString where;
    if (const Lesson *lesson = m_player->lessons().find(step->lesson))
        where = tr("Lesson %1 · %2").arg(lesson->order).arg(toQString(lesson->title));
    else
        where = tr("Lesson %1").arg(toQString(step->lesson));
    if (!step->section.empty())
        where += QStringLiteral(" › ") + toQString(step->section);
    if (const Preset *preset = step->preset.empty() ? nullptr : m_player->presets().find(step->preset))
        where += tr("   ·   Lab: %1").arg(toQString(preset->title));
    else
        where += tr("   ·   no experiment in this step");
    m_where->setText(where);

    auto list = [](const std::vector<std::string> &points) {
        QString html = QStringLiteral("<ul style=\"margin-left: 0px; -qt-list-indent: 1;\">");
        for (const std::string &point : points)
            html += QStringLiteral("<li style=\"margin-bottom: 3px;\">%1</li>").arg(toQString(point).toHtmlEscaped());
        return html + QStringLiteral("</ul>");
    };
    QString html = step->talkingPoints.empty() ? QString() : list(step->talkingPoints);
    // What would give the result away waits for the run: the class predicts first.
    if (!step->afterRun.empty()) {
        if (m_afterRunShown)
            html += QStringLiteral("<p><b>%1</b></p>").arg(tr("After the run:").toHtmlEscaped()) + list(step->afterRun);
        else
            html += QStringLiteral("<p><i>%1</i></p>")
                        .arg((step->afterRun.size() == 1
                                ? tr("1 more point after the run, once the class has predicted.")
                                : tr("%1 more points after the run, once the class has predicted.")
                                      .arg(step->afterRun.size()))
                                 .toHtmlEscaped());
    }
    const bool any = !step->talkingPoints.empty() || !step->afterRun.empty();
    m_points->setText(html);
    m_points->setVisible(m_showPoints->isChecked() && any);
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
    const auto minutes = [](double value) { return tr("%1 min").arg(QString::number(value, 'g', 3)); };
    const qint64 stepMs = m_player->stepElapsedMs();
    const double planned = m_player->walkthrough().durationMin;
    QString text = step->minutes > 0 ? tr("%1 planned · %2 on this step").arg(minutes(step->minutes), clockText(stepMs))
                                     : tr("%1 on this step").arg(clockText(stepMs));
    text += planned > 0 ? tr(" · %1 of %2 in all").arg(clockText(m_player->elapsedMs()), minutes(planned))
                        : tr(" · %1 in all").arg(clockText(m_player->elapsedMs()));
    m_timing->setText(text);
    // Past the step's planned time the clock turns to the warning colour: time to move on.
    const bool over = step->minutes > 0 && static_cast<double>(stepMs) > step->minutes * 60000.0;
    QPalette palette = m_timing->palette();
    palette.setColor(QPalette::WindowText, over ? m_appearance.error() : m_appearance.text());
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
