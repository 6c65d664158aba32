#pragma once

#include <QString>

#include <QtGlobal>

namespace clab {

struct WalkthroughStep;
class WalkthroughPlayer;

// What the presenter strip and the presenter window say about a walkthrough step, in one place:
// where it goes, its points, and its clock.

// "Lesson 7 · The GIL › What it costs   ·   Lab: Two CPU-bound threads".
QString stepWhereText(const WalkthroughPlayer &player, const WalkthroughStep &step);

// How a step's "after the run" points appear: hidden behind a line that says they will come
// (the class has not predicted yet), shown, or shown to the presenter only (marked as not yet
// shown to the class).
enum class AfterRun
{
    Announced,
    Shown,
    ForPresenter
};
// The step's talking points and its "after the run" points, as rich text (a list each).
QString stepPointsHtml(const WalkthroughStep &step, AfterRun afterRun);

// "4:05", "1:02:10": how long a step or the whole class has been going.
QString clockText(qint64 ms);
// "5 min planned · 2:10 on this step · 12:40 of 45 min in all".
QString stepTimingText(const WalkthroughPlayer &player);
// Past the step's planned time: time to move on.
bool isStepOverTime(const WalkthroughPlayer &player);

} // namespace clab
