#pragma once

#include "lessonlibrary.h"
#include "model/presetcatalog.h"

#include <QFrame>

class QPushButton;

namespace clab {

// One "Try it" experiment of a lesson as a card: its title, what the preset runs, the question
// to predict before running, what to look for in the charts, and a button that asks for the
// preset to be opened in the Lab. `preset` is null when the lesson names a preset that does
// not exist; the card then says so and its button is disabled. GUI thread.
class TryItWidget : public QFrame
{
    Q_OBJECT

public:
    TryItWidget(const TryIt &tryIt, const Preset *preset, QWidget *parent = nullptr);

    QString presetId() const { return m_presetId; }
    QPushButton *button() const { return m_button; }

signals:
    void presetRequested(const QString &presetId);

private:
    QString m_presetId;
    QPushButton *m_button;
};

} // namespace clab
