#include "walkthrough/presenterwindow.h"

#include "lab/rundescription.h"
#include "model/presetcatalog.h"
#include "textutil.h"
#include "walkthrough.h"
#include "walkthrough/steptext.h"
#include "walkthrough/walkthroughplayer.h"

#include <QApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QTextDocument>
#include <QTimer>
#include <QVBoxLayout>

namespace clab {

PresenterWindow::PresenterWindow(WalkthroughPlayer *player, QWidget *parent)
    : QWidget(parent, Qt::Window)
    , m_player(player)
    , m_title(new QLabel)
    , m_step(new QLabel)
    , m_where(new QLabel)
    , m_experiment(new QLabel)
    , m_points(new QLabel)
    , m_next(new QLabel)
    , m_timing(new QLabel)
    , m_previousButton(new QPushButton(tr("◀ Previous")))
    , m_reveal(new QPushButton(tr("Reveal the answers")))
    , m_nextButton(new QPushButton(tr("Next ▶")))
    , m_clock(new QTimer(this))
{
    setObjectName(QStringLiteral("presenterWindow"));
    setWindowTitle(tr("Concurrency Lab · presenter"));
    setAccessibleName(tr("Presenter view"));
    const std::pair<QLabel *, const char *> named[] = {{m_title, "presenterTitle"}, {m_step, "presenterStep"},
        {m_where, "presenterWhere"}, {m_experiment, "presenterExperiment"}, {m_points, "presenterPoints"},
        {m_next, "presenterNext"}, {m_timing, "presenterTiming"}};
    for (const auto &[label, name] : named) {
        label->setObjectName(QString::fromLatin1(name));
        label->setWordWrap(true);
    }
    m_points->setTextFormat(Qt::RichText);
    m_points->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_points->setAccessibleName(tr("Talking points and answers"));
    m_reveal->setObjectName(QStringLiteral("presenterReveal"));
    m_reveal->setToolTip(tr("Show the step's after-the-run points to the class now (Ctrl+Shift+A)"));
    m_previousButton->setAccessibleName(tr("Previous step"));
    m_nextButton->setAccessibleName(tr("Next step"));

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_previousButton);
    buttons->addStretch();
    buttons->addWidget(m_reveal);
    buttons->addStretch();
    buttons->addWidget(m_nextButton);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_step);
    layout->addWidget(m_timing);
    layout->addWidget(m_where);
    layout->addWidget(m_experiment);
    layout->addWidget(m_points, 1);
    layout->addWidget(m_next);
    layout->addLayout(buttons);

    connect(m_previousButton, &QPushButton::clicked, m_player, &WalkthroughPlayer::previous);
    connect(m_nextButton, &QPushButton::clicked, m_player, &WalkthroughPlayer::next);
    connect(m_reveal, &QPushButton::clicked, m_player, &WalkthroughPlayer::revealAfterRun);
    connect(m_player, &WalkthroughPlayer::stepChanged, this, &PresenterWindow::showStep);
    connect(m_player, &WalkthroughPlayer::afterRunRevealed, this, &PresenterWindow::showStep);
    m_clock->setInterval(1000);
    connect(m_clock, &QTimer::timeout, this, &PresenterWindow::updateTiming);
    m_clock->start();
    setAppearance(m_appearance);
    showStep();
}

void PresenterWindow::setAppearance(const Appearance &appearance)
{
    m_appearance = appearance;
    // The window's theme: the application's palette, set again so that a window made before the
    // theme changed (or kept across the change) takes the new one whole.
    setPalette(QApplication::palette(this));
    setFont(QApplication::font(this)); // the title and the buttons too, at the presentation size
    // Read at arm's length on a laptop beside the projector: larger than the controls, and larger
    // again in presentation mode, as the application's font (applyAppearance) is.
    QFont big = QApplication::font(this);
    big.setPointSizeF(big.pointSizeF() * 1.4);
    QFont title = big;
    title.setBold(true);
    m_step->setFont(title);
    for (QLabel *label : {m_points, m_timing, m_experiment, m_next, m_where})
        label->setFont(big);
    if (m_player->currentStep())
        updateTiming(); // its colour is the theme's
}

void PresenterWindow::showStep()
{
    const WalkthroughStep *step = m_player->currentStep();
    if (!step)
        return;
    m_title->setText(tr("Walkthrough: %1").arg(toQString(m_player->walkthrough().title)));
    m_step->setText(tr("Step %1 of %2 · %3")
                        .arg(m_player->currentIndex() + 1)
                        .arg(m_player->stepCount())
                        .arg(toQString(step->title)));
    m_where->setText(stepWhereText(*m_player, *step));
    if (const Preset *preset = step->preset.empty() ? nullptr : m_player->presets().find(step->preset))
        m_experiment->setText(
            tr("Experiment: %1\nAsks: %2").arg(describeRun(preset->config), toQString(preset->question)));
    else
        m_experiment->setText(tr("No experiment in this step."));
    m_points->setText(stepPointsHtml(*step, m_player->isAfterRunShown() ? AfterRun::Shown : AfterRun::ForPresenter));
    m_reveal->setEnabled(!step->afterRun.empty() && !m_player->isAfterRunShown());
    m_reveal->setText(
        m_player->isAfterRunShown() || step->afterRun.empty() ? tr("Answers shown") : tr("Reveal the answers"));
    const int nextIndex = m_player->currentIndex() + 1;
    if (nextIndex < m_player->stepCount())
        m_next->setText(
            tr("Next: %1").arg(toQString(m_player->walkthrough().steps[static_cast<std::size_t>(nextIndex)].title)));
    else
        m_next->setText(tr("Next: the end of the walkthrough."));
    m_previousButton->setEnabled(m_player->canGoPrevious());
    m_nextButton->setEnabled(m_player->canGoNext());
    updateTiming();
}

void PresenterWindow::updateTiming()
{
    m_timing->setText(stepTimingText(*m_player));
    QPalette palette = m_timing->palette();
    palette.setColor(QPalette::WindowText, isStepOverTime(*m_player) ? m_appearance.error() : m_appearance.text());
    m_timing->setPalette(palette);
}

QString PresenterWindow::stepText() const
{
    QTextDocument points;
    points.setHtml(m_points->text());
    return QStringList{m_title->text(), m_step->text(), m_timing->text(), m_where->text(), m_experiment->text(),
        points.toPlainText(), m_next->text()}
        .join(QLatin1Char('\n'));
}

} // namespace clab
