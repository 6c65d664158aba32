#pragma once

#include <optional>
#include <vector>

namespace clab {

// Amdahl's law (G. Amdahl, "Validity of the single processor approach...", AFIPS 1967): when a
// fraction s of the work stays serial, n workers speed it up by
//
//     S(n) = 1 / (s + (1 - s) / n)
//
// and no number of workers gets past 1/s. A measured sweep is fitted to this curve to say how much
// of the run behaved as if it were serial: under one GIL, CPU-bound threads fit s close to 1.
//
// Pure functions, no state: any thread may call them. A fit costs a few thousand evaluations of
// the sum of squares, microseconds for a sweep's handful of points.

// The speedup Amdahl's law allows `workers` workers when `serialFraction` of the work is serial.
double amdahlSpeedup(double serialFraction, double workers);

struct SpeedupPoint
{
    double workers = 1.0;
    double speedup = 1.0;
};

struct AmdahlFit
{
    double serialFraction = 0.0; // s, within [0, 1]
    std::optional<double> limit; // 1/s, the most any number of workers reaches; none when s is 0
    double rmsError = 0.0; // root mean square of measured minus fitted speedup, over the points used
    int pointsUsed = 0;
    // The standard error of serialFraction, from the points' scatter about the fitted curve
    // (least squares linearised at the fit). Only with two or more worker counts above one: a
    // single one fixes s exactly and says nothing about how well it holds, so a fit without an
    // error is not to be shown as a measurement.
    std::optional<double> serialFractionError;
    bool isDetermined() const { return serialFractionError.has_value(); }
};

// The serial fraction s in [0, 1] that minimises the sum of squared differences between the
// measured speedups and S(n). Least squares on the speedups themselves, so every point weighs in
// the unit the chart shows. A speedup above n (superlinear: caches, or noise) pulls s to 0; one
// below 1 (slower than sequential, the old GIL's battle) pulls it to 1: the law has no room for
// either, so s is clamped there.
//
// Points with fewer than 1 worker, or a speedup that is not a positive finite number, are
// ignored. A point at one worker is used but says nothing about s (S(1) = 1 for every s): with no
// point above one worker there is no fit.
std::optional<AmdahlFit> fitAmdahl(const std::vector<SpeedupPoint> &points);

} // namespace clab
