#include "charts/lanebuckets.h"

namespace clab {

ColumnShares::ColumnShares(int width)
    : m_columns(static_cast<std::size_t>(std::max(width, 0)))
{}

void ColumnShares::add(double x0, double x1, LaneColour colour)
{
    x0 = std::max(x0, 0.0);
    x1 = std::min(x1, static_cast<double>(m_columns.size()));
    for (double column = std::floor(x0); column < x1; column += 1.0) {
        const double part = std::min(x1, column + 1.0) - std::max(x0, column);
        if (part > 0.0)
            accumulate(column, colour, part);
    }
}

void ColumnShares::addShares(double column, const std::vector<ColumnShare> &shares)
{
    for (const auto &[colour, part] : shares)
        accumulate(column, colour, part);
}

LaneColour ColumnShares::fillOf(int index) const
{
    const std::vector<ColumnShare> &shares = column(index);
    return shares.size() == 1 && shares.front().second >= 0.95 ? shares.front().first : kNoColour;
}

void ColumnShares::accumulate(double column, LaneColour colour, double part)
{
    if (column < 0.0 || column >= static_cast<double>(m_columns.size()))
        return;
    auto &shares = m_columns[static_cast<std::size_t>(column)];
    auto found = std::find_if(shares.begin(), shares.end(), [&](const auto &s) { return s.first == colour; });
    if (found == shares.end())
        shares.emplace_back(colour, part);
    else
        found->second += part;
}

} // namespace clab
