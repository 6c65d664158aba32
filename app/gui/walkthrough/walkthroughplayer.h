#pragma once

#include "walkthrough.h"

#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <QStringList>

#include <string>

namespace clab {

struct LessonLibrary;
struct PresetCatalog;

// The walkthrough an instructor is presenting and the step it is at. Holds no widgets: the window
// shows what a step asks for (its lesson, its preset in the Lab) and WalkthroughPanel draws it.
// A walkthrough with any error is refused whole, and the one being presented stays as it was.
// GUI thread only.
class WalkthroughPlayer : public QObject
{
    Q_OBJECT

public:
    // `lessons` and `presets` are what steps may refer to; they must outlive the player.
    WalkthroughPlayer(const LessonLibrary &lessons, const PresetCatalog &presets, QObject *parent = nullptr);

    // Parses and checks a walkthrough; on success presents it from its first step. Returns the
    // problems, each saying where ("step 3 (\"Two threads\"): preset 'x' does not exist"); when
    // there are any, nothing changes.
    QStringList open(const std::string &jsonText, const QString &source);
    // The same from a file or a resource path; an unreadable file is one problem naming it.
    QStringList openFile(const QString &path);
    // Writes the walkthrough being presented as JSON, atomically (platform::writeFileAtomically): a failed write leaves
    // any file already at `path` untouched. Returns why it failed, or an empty string.
    QString saveAs(const QString &path) const;
    void close();

    bool isOpen() const { return m_index >= 0; }
    const Walkthrough &walkthrough() const { return m_walkthrough; }
    QString source() const { return m_source; } // the file or resource it was opened from
    int stepCount() const { return static_cast<int>(m_walkthrough.steps.size()); }
    int currentIndex() const { return m_index; } // 0-based, -1 when none is open
    const WalkthroughStep *currentStep() const;
    const LessonLibrary &lessons() const { return m_lessons; }
    const PresetCatalog &presets() const { return m_presets; }

    bool canGoNext() const { return isOpen() && m_index + 1 < stepCount(); }
    bool canGoPrevious() const { return isOpen() && m_index > 0; }
    // Each returns false, and changes nothing, at the ends or when no walkthrough is open.
    bool next();
    bool previous();
    bool goToStep(int index);

    // The current step's "after the run" points may be shown to the class: its experiment has run,
    // or the presenter revealed them. Every step starts hidden.
    bool isAfterRunShown() const { return m_afterRunShown; }
    void revealAfterRun();

    qint64 elapsedMs() const; // since the walkthrough was opened
    qint64 stepElapsedMs() const; // since the current step was shown

    // A file that big is not a walkthrough; refusing it keeps the GUI thread from parsing it.
    static constexpr qint64 kMaxFileBytes = 1024 * 1024;

signals:
    void opened();
    void stepChanged(int index);
    void closed();
    void afterRunRevealed();

private:
    const LessonLibrary &m_lessons;
    const PresetCatalog &m_presets;
    Walkthrough m_walkthrough;
    QString m_source;
    int m_index = -1;
    bool m_afterRunShown = false;
    QElapsedTimer m_sinceOpened;
    QElapsedTimer m_sinceStep;
};

} // namespace clab
