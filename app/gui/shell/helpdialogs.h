#pragma once

class QWidget;

namespace clab {

// Help ▸ How to use (a modal message box with the steps and the shortcuts) and Help ▸ About.
void showHowTo(QWidget *parent);
void showAbout(QWidget *parent);

} // namespace clab
