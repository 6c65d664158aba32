#include "results/amdahl.h"

#include <algorithm>
#include <cmath>

namespace clab {

namespace {

double sumOfSquares(const std::vector<SpeedupPoint> &points, double s)
{
    double sum = 0.0;
    for (const SpeedupPoint &p : points) {
        const double residual = p.speedup - amdahlSpeedup(s, p.workers);
        sum += residual * residual;
    }
    return sum;
}

} // namespace

double amdahlSpeedup(double serialFraction, double workers)
{
    return 1.0 / (serialFraction + (1.0 - serialFraction) / workers);
}

std::optional<AmdahlFit> fitAmdahl(const std::vector<SpeedupPoint> &points)
{
    std::vector<SpeedupPoint> used;
    bool informative = false;
    for (const SpeedupPoint &p : points) {
        if (!std::isfinite(p.workers) || p.workers < 1.0 || !std::isfinite(p.speedup) || p.speedup <= 0.0)
            continue;
        used.push_back(p);
        informative = informative || p.workers > 1.0;
    }
    if (!informative)
        return std::nullopt;

    // The sum of squares is smooth in s but need not have one minimum over all of [0, 1] when the
    // points disagree: scan a grid first, then narrow the best cell by golden-section search.
    constexpr int kGrid = 1000;
    int best = 0;
    double bestValue = sumOfSquares(used, 0.0);
    for (int k = 1; k <= kGrid; ++k) {
        const double value = sumOfSquares(used, k / double(kGrid));
        if (value < bestValue) {
            bestValue = value;
            best = k;
        }
    }
    double lo = std::max(0.0, (best - 1) / double(kGrid));
    double hi = std::min(1.0, (best + 1) / double(kGrid));
    const double ratio = (std::sqrt(5.0) - 1.0) / 2.0;
    double a = hi - ratio * (hi - lo);
    double b = lo + ratio * (hi - lo);
    double fa = sumOfSquares(used, a);
    double fb = sumOfSquares(used, b);
    for (int i = 0; i < 200 && hi - lo > 1e-15; ++i) {
        if (fa <= fb) {
            hi = b;
            b = a;
            fb = fa;
            a = hi - ratio * (hi - lo);
            fa = sumOfSquares(used, a);
        } else {
            lo = a;
            a = b;
            fa = fb;
            b = lo + ratio * (hi - lo);
            fb = sumOfSquares(used, b);
        }
    }
    double s = (lo + hi) / 2.0;
    // The search never quite reaches an end of [0, 1]; a clamped fit sits exactly on it.
    for (const double end : {0.0, 1.0}) {
        if (std::abs(s - end) < 1e-9 && sumOfSquares(used, end) <= sumOfSquares(used, s))
            s = end;
    }

    AmdahlFit fit;
    fit.serialFraction = s;
    if (s > 0.0)
        fit.limit = 1.0 / s;
    fit.pointsUsed = static_cast<int>(used.size());
    fit.rmsError = std::sqrt(sumOfSquares(used, s) / static_cast<double>(used.size()));
    // Standard error: residual variance over the degrees of freedom, divided by the sum of the
    // squared sensitivities dS/ds = -S(n)^2 (1 - 1/n) of the informative points.
    std::vector<double> counts;
    double sensitivity = 0.0;
    for (const SpeedupPoint &p : used) {
        if (p.workers <= 1.0)
            continue;
        if (std::find(counts.begin(), counts.end(), p.workers) == counts.end())
            counts.push_back(p.workers);
        const double fitted = amdahlSpeedup(s, p.workers);
        const double slope = fitted * fitted * (1.0 - 1.0 / p.workers);
        sensitivity += slope * slope;
    }
    if (counts.size() >= 2 && sensitivity > 0.0) {
        const double variance = sumOfSquares(used, s) / static_cast<double>(used.size() - 1);
        fit.serialFractionError = std::sqrt(variance / sensitivity);
    }
    return fit;
}

} // namespace clab
