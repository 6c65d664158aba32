#pragma once

#include "shell/appearance.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QTimer;

namespace clab {

class WalkthroughPlayer;

// The presenter's own window, on a second screen, like slide software's presenter view: the
// current step with its talking points and, marked as not yet shown, its "after the run" points
// (the answer); the step's experiment and its settings; the next step; the clock; and Previous /
// Reveal / Next. The audience screen meanwhile shows only the lesson or the Lab. It draws what the
// player says; stepping and revealing go through the player.
class PresenterWindow : public QWidget
{
    Q_OBJECT

public:
    explicit PresenterWindow(WalkthroughPlayer *player, QWidget *parent = nullptr);

    void setAppearance(const Appearance &appearance);
    // Everything the presenter sees of the step, as plain text (for tests and screen readers).
    QString stepText() const;
    QPushButton *revealButton() const { return m_reveal; }

private:
    void showStep();
    void updateTiming();

    WalkthroughPlayer *m_player;
    QLabel *m_title;
    QLabel *m_step;
    QLabel *m_where;
    QLabel *m_experiment;
    QLabel *m_points;
    QLabel *m_next;
    QLabel *m_timing;
    QPushButton *m_previousButton;
    QPushButton *m_reveal;
    QPushButton *m_nextButton;
    QTimer *m_clock;
    Appearance m_appearance;
};

} // namespace clab
