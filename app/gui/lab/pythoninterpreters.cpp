#include "lab/pythoninterpreters.h"

#include "offthreadptr.h"
#include "textutil.h"

#include <QComboBox>
#include <QFileInfo>
#include <QPointer>
#include <QSettings>

#include <algorithm>

namespace clab {

void fillInterpreterCombo(QComboBox *combo, const PythonInterpreters *interpreters)
{
    const QString chosen = combo->currentData().toString();
    const QSignalBlocker blocker(combo);
    combo->clear();
    if (interpreters) {
        for (const PythonInterpreters::Entry &entry : interpreters->entries()) {
            const QString path = toQString(entry.interpreter.path);
            combo->addItem(
                PythonInterpreters::tr("%1 (%2)").arg(toQString(entry.interpreter.label()), QFileInfo(path).fileName()),
                path);
            combo->setItemData(combo->count() - 1, path, Qt::ToolTipRole);
        }
    }
    const int again = combo->findData(chosen);
    combo->setCurrentIndex(again >= 0 ? again : 0);
}

PythonInterpreters::PythonInterpreters(QObject *parent)
    : QObject(parent)
{}

PythonInterpreters::~PythonInterpreters()
{
    // The pool threads would otherwise go on probing for a list that is gone, and an application
    // that quits waits for its pool (QThreadPool::globalInstance()) to be idle.
    m_destroyed->store(true);
    if (m_searchStop)
        m_searchStop->store(true);
}

QStringList PythonInterpreters::addedPaths() const
{
    return QSettings().value(QLatin1String(kSettingsKey)).toStringList();
}

void PythonInterpreters::saveAddedPaths() const
{
    QStringList paths;
    for (const Entry &entry : m_entries) {
        if (entry.added)
            paths << toQString(entry.interpreter.path);
    }
    QSettings settings;
    if (paths.isEmpty())
        settings.remove(QLatin1String(kSettingsKey));
    else
        settings.setValue(QLatin1String(kSettingsKey), paths);
}

void PythonInterpreters::search(const QString &pathVariable)
{
    const std::string path
        = pathVariable.isNull() ? qEnvironmentVariable("PATH").toStdString() : toStdString(pathVariable);
    std::vector<std::string> extra;
    for (const QString &added : addedPaths())
        extra.push_back(toStdString(added));
    const int generation = ++m_generation;
    m_searching = true;
    if (m_searchStop)
        m_searchStop->store(true); // superseded: its answer would be dropped anyway
    m_searchStop = std::make_shared<std::atomic<bool>>(false);
    python::ProgramLimits limits{std::chrono::seconds(10), [stop = m_searchStop] { return stop->load(); }};
    QPointer<PythonInterpreters> self(this);
    runOffThread([self, generation, path, extra, limits] {
        std::vector<std::string> problems;
        std::vector<python::Interpreter> found = python::findInterpreters(path, {}, &problems, limits);
        std::vector<python::Interpreter> added;
        for (const std::string &candidate : extra) {
            if (limits.stopRequested())
                return;
            python::Probe probe = python::probeInterpreter(candidate, limits);
            if (probe.interpreter)
                added.push_back(std::move(*probe.interpreter));
            else
                problems.push_back(candidate + ": " + probe.error);
        }
        QStringList problemTexts;
        for (const std::string &problem : problems)
            problemTexts << toQString(problem);
        deliverToGuiThread(self,
            [generation, found = std::move(found), added = std::move(added), problemTexts](
                PythonInterpreters &receiver) mutable {
                receiver.onSearched(generation, std::move(found), std::move(added), problemTexts);
            });
    });
}

void PythonInterpreters::onSearched(int generation, std::vector<python::Interpreter> found,
    std::vector<python::Interpreter> added, QStringList problems)
{
    if (generation != m_generation)
        return; // a newer search is under way
    m_searching = false;
    m_searched = true;
    std::vector<Entry> entries;
    const auto known = [&entries](const std::string &path) {
        return std::any_of(
            entries.begin(), entries.end(), [&](const Entry &entry) { return entry.interpreter.path == path; });
    };
    for (python::Interpreter &interpreter : found)
        entries.push_back({std::move(interpreter), false});
    for (python::Interpreter &interpreter : added) {
        if (!known(interpreter.path))
            entries.push_back({std::move(interpreter), true});
    }
    // One added while the search went on stays.
    for (const Entry &entry : m_entries) {
        if (entry.added && !known(entry.interpreter.path))
            entries.push_back(entry);
    }
    m_entries = std::move(entries);
    m_problems = std::move(problems);
    emit changed();
    emit searchFinished();
}

void PythonInterpreters::add(const QString &path)
{
    const QString trimmed = path.trimmed();
    if (trimmed.isEmpty()) {
        emit addFailed(path, tr("Give the path of a Python program, such as /usr/bin/python3.12."));
        return;
    }
    ++m_probing;
    QPointer<PythonInterpreters> self(this);
    const std::string candidate = toStdString(trimmed);
    const python::ProgramLimits limits{
        std::chrono::seconds(10), [destroyed = m_destroyed] { return destroyed->load(); }};
    runOffThread([self, candidate, trimmed, limits] {
        python::Probe probe = python::probeInterpreter(candidate, limits);
        deliverToGuiThread(self,
            [trimmed, probe = std::move(probe)](PythonInterpreters &receiver) { receiver.onProbed(trimmed, probe); });
    });
}

void PythonInterpreters::onProbed(const QString &path, const python::Probe &probe)
{
    --m_probing;
    if (!probe.interpreter) {
        emit addFailed(path, toQString(probe.error));
        return;
    }
    if (find(path)) { // found on PATH meanwhile, or added twice: usable, and listed once
        emit added(path);
        return;
    }
    m_entries.push_back({*probe.interpreter, true});
    saveAddedPaths();
    emit changed();
    emit added(path);
}

bool PythonInterpreters::remove(const QString &path)
{
    const auto it = std::find_if(m_entries.begin(), m_entries.end(),
        [&](const Entry &entry) { return entry.added && toQString(entry.interpreter.path) == path; });
    if (it == m_entries.end())
        return false;
    m_entries.erase(it);
    saveAddedPaths();
    emit changed();
    return true;
}

const python::Interpreter *PythonInterpreters::find(const QString &path) const
{
    for (const Entry &entry : m_entries) {
        if (toQString(entry.interpreter.path) == path)
            return &entry.interpreter;
    }
    // A name ("python3", as on a command line) is the file a shell would run.
    if (!path.isEmpty() && !path.contains(QLatin1Char('/'))) {
        const QString resolved
            = toQString(python::resolveOnPath(toStdString(path), qEnvironmentVariable("PATH").toStdString()));
        if (resolved != path)
            return find(resolved);
    }
    return nullptr;
}

} // namespace clab
