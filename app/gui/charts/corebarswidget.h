#pragma once

#include "shell/appearance.h"

#include <QWidget>

#include <vector>

namespace clab {

// The cores' busy % right now, as htop draws them: one bar per core in the core's colour, with
// its number. Custom painted (not Qt Charts): a few rectangles per frame.
class CoreBarsWidget : public QWidget
{
    Q_OBJECT

public:
    explicit CoreBarsWidget(QWidget *parent = nullptr);

    void setBusy(const std::vector<double> &percentPerCore);
    void clear();
    void setAppearance(const Appearance &appearance);
    const std::vector<double> &busy() const { return m_busy; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    std::vector<double> m_busy;
    Appearance m_appearance;
};

} // namespace clab
