#pragma once

#include "shell/appearance.h"

#include <QFrame>

class QCheckBox;
class QGridLayout;
class QLabel;
class QPushButton;
class QScrollArea;
class QTimer;

namespace clab {

class WalkthroughPlayer;

// The presenter strip shown above the pages while a walkthrough is open: its title, "Step 3 of 9 ·
// title", where the step goes (lesson, section, Lab preset), planned and elapsed time, the talking
// points (which can be folded away to give the Lab room), and Previous / Next / Show lesson /
// Open in Lab / Presentation mode / Close. It draws
// what the player says and asks the window (through signals) to show pages; it changes no page
// itself. Hidden while no walkthrough is open.
class WalkthroughPanel : public QFrame
{
    Q_OBJECT

public:
    explicit WalkthroughPanel(WalkthroughPlayer *player, QWidget *parent = nullptr);

    // Talking points read from the back of a room in presentation mode.
    void setAppearance(const Appearance &appearance);

    QPushButton *previousButton() const { return m_previous; }
    QPushButton *nextButton() const { return m_next; }
    QPushButton *lessonButton() const { return m_lesson; }
    QPushButton *labButton() const { return m_lab; }
    QCheckBox *pointsCheck() const { return m_showPoints; }
    QCheckBox *presentationCheck() const { return m_presentation; }
    QPushButton *closeButton() const { return m_close; }

    // True when `focus` is a field the user types into (an editable line, text or spin box): it
    // keeps PageUp/PageDown, which otherwise step the walkthrough wherever focus was left (a
    // presenter's clicker sends them).
    static bool keepsPageKeys(const QWidget *focus);

    // Whether the step's "after the run" points are shown (the player keeps it: its experiment
    // has run, or the presenter revealed them; each step starts hidden).
    bool isAfterRunShown() const;
    // Two rows of buttons, no walkthrough name or lesson line, points folded: a short window.
    bool isCompact() const { return m_compact; }
    // Hides the strip while a presenter window on another screen shows the step instead: the
    // audience screen then shows only the lesson or the Lab.
    void setPresenterElsewhere(bool elsewhere);

signals:
    void lessonRequested();
    void labRequested();
    void presentationRequested(bool on);

protected:
    void paintEvent(QPaintEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void showStep();
    void updateTiming();
    void placeControls();
    void setCompact(bool compact);

    // A window shorter than this (a 1024x768 or 1280x800 projector) gets the compact strip.
    static constexpr int kCompactBelowHeight = 880;

    WalkthroughPlayer *m_player;
    QLabel *m_title;
    QLabel *m_step;
    QLabel *m_where;
    QLabel *m_timing;
    QLabel *m_points;
    QScrollArea *m_pointsScroll = nullptr; // around m_points
    QPushButton *m_previous;
    QPushButton *m_next;
    QPushButton *m_lesson;
    QPushButton *m_lab;
    QCheckBox *m_showPoints;
    QCheckBox *m_presentation;
    QPushButton *m_close;
    QTimer *m_clock;
    Appearance m_appearance;
    bool m_presenterElsewhere = false;
    QGridLayout *m_controls = nullptr;
    bool m_compact = false;
    bool m_pointsChosen = false; // the presenter ticked or cleared the talking points
};

} // namespace clab
