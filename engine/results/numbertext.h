#pragma once

#include <cstdio>
#include <string>

namespace clab {

// A number as text with a fixed number of decimals, in the C locale's "." notation: "1.50".
// What every plain-text output of the engine (summaries, verdicts) prints numbers with.
inline std::string fixedText(double value, int decimals)
{
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
    return buffer;
}

} // namespace clab
