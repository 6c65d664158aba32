#pragma once

#include "python/interpreters.h"

#include <QObject>
#include <QString>
#include <QStringList>

#include <atomic>
#include <memory>
#include <vector>

class QComboBox;

namespace clab {

// The Python interpreters the Lab can run its experiments on: those found on PATH when the app
// starts, and those the user added by path (kept in QSettings under kSettingsKey). Finding and
// probing run interpreters, which takes a while: it happens on a pool thread (runOffThread), and
// the answers come back to the GUI thread as signals; a search that is superseded, or whose list
// is destroyed, stops at once (its probe killed). Used on the GUI thread only.
class PythonInterpreters;

// Fills `combo` with `interpreters`' entries ("CPython 3.11.2 (python3.11)", the path as data and
// tooltip), keeping the one chosen before when it is still listed, else the first; emits nothing.
void fillInterpreterCombo(QComboBox *combo, const PythonInterpreters *interpreters);

class PythonInterpreters : public QObject
{
    Q_OBJECT

public:
    static constexpr const char *kSettingsKey = "python/interpreters";

    struct Entry
    {
        python::Interpreter interpreter;
        bool added = false; // by the user (and removable), not found on PATH
    };

    explicit PythonInterpreters(QObject *parent = nullptr);
    // Kills the probes still running and starts no other: no search outlives its list.
    ~PythonInterpreters() override;

    // Looks on `pathVariable` (PATH's value; the process's PATH when null) and probes the added
    // paths, off the GUI thread; searchFinished() when done. A search under way is superseded.
    void search(const QString &pathVariable = {});
    bool isSearching() const { return m_searching; }
    bool hasSearched() const { return m_searched; }

    // Probes `path` off the GUI thread; then either `entries()` has it (added(), and it is kept
    // in the settings; added() too when it was listed already) or addFailed() says why it is not
    // a usable Python.
    void add(const QString &path);
    bool isProbing() const { return m_probing > 0; }
    // Forgets an added interpreter (the settings too); those found on PATH stay.
    bool remove(const QString &path);

    // Found on PATH first, in PATH order, then the added ones, each path once.
    const std::vector<Entry> &entries() const { return m_entries; }
    const python::Interpreter *find(const QString &path) const;
    // Why some found or added ones are not usable ("<path>: <why>"), from the last search.
    const QStringList &problems() const { return m_problems; }

signals:
    void searchFinished();
    void added(const QString &path);
    void addFailed(const QString &path, const QString &error);
    void changed(); // entries() changed

private:
    QStringList addedPaths() const;
    void saveAddedPaths() const;
    void onSearched(int generation, std::vector<python::Interpreter> found, std::vector<python::Interpreter> added,
        QStringList problems);
    void onProbed(const QString &path, const python::Probe &probe);

    std::vector<Entry> m_entries;
    QStringList m_problems;
    bool m_searching = false;
    bool m_searched = false;
    int m_generation = 0;
    int m_probing = 0;
    // Shared with the pool threads that probe: set when the search is superseded (m_searchStop)
    // or the list is destroyed (both), polled by the probes, which are then killed.
    std::shared_ptr<std::atomic<bool>> m_searchStop;
    std::shared_ptr<std::atomic<bool>> m_destroyed = std::make_shared<std::atomic<bool>>(false);
};

} // namespace clab
