#pragma once

#include "model/runconfig.h"
#include "python/interpreters.h"
#include "shell/appearance.h"

#include <QWidget>

#include <functional>
#include <optional>

class QCheckBox;
class QComboBox;
class QFileDialog;
class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace clab {

class PythonHighlighter;
class PythonInterpreters;

// The Lab's "Python" tab: the current settings' experiment as a Python program (the engine's
// python::programFor), highlighted, read-only, to copy or save as a .py file; which interpreters
// the app found; and the choice to run the experiment on one of them after the engine's run.
// It follows the settings as they change (the program is made again when shown, or at once when
// in view), and keeps the choice of interpreter between sessions.
class PythonTab : public QWidget
{
    Q_OBJECT

public:
    explicit PythonTab(QWidget *parent = nullptr);

    // Where the program's settings come from (the Lab's form and its preset).
    void setConfigSource(std::function<RunConfig()> config, std::function<QString()> presetId);
    // The settings changed: the program is made again (now when in view, else when next shown).
    void settingsChanged();
    void setInterpreters(PythonInterpreters *interpreters);
    // Colours for the theme; the program's type follows the application's (presentation mode).
    void setAppearance(const Appearance &appearance);
    // While a run goes on the choice of interpreter stays as it is.
    void setBusy(bool busy);

    // The program shown (made now if the settings changed since), and the problem instead of one.
    QString source();
    QString programError();
    // The interpreter to run the experiment on after the engine's run; nothing when "Run in Python
    // too" is off or no interpreter is chosen.
    std::optional<python::Interpreter> chosenInterpreter() const;
    void setRunInPython(bool on);
    // Turns it on with the interpreter at `path` (false when it is not in the list).
    bool setRunInPython(const QString &path);

    // Copy's and Save's work; saveTo() writes the program to `path` and returns the error, if any.
    void copyToClipboard();
    QString saveTo(const QString &path);
    // Save as .py…: a file dialog opened with open() (never exec()); it calls saveTo().
    QFileDialog *openSaveDialog();

signals:
    // "Run in Python too" or its interpreter changed.
    void choiceChanged();

protected:
    void showEvent(QShowEvent *event) override;

private:
    void regenerate();
    void updateInterpreters();
    void showMessage(const QString &text, bool error);
    // Keeps "Run in Python too" and the interpreter for the next session.
    void rememberChoice();

    std::function<RunConfig()> m_config;
    std::function<QString()> m_presetId;
    PythonInterpreters *m_interpreters = nullptr;
    bool m_dirty = true;
    bool m_busy = false;
    QString m_error;
    // Last session's choice, restored when its interpreter is listed.
    QString m_savedInterpreter;
    bool m_savedRunToo = false;
    bool m_restorePending = false;

    QLabel *m_about = nullptr;
    QLabel *m_found = nullptr;
    QCheckBox *m_runToo = nullptr;
    QComboBox *m_interpreter = nullptr;
    QPlainTextEdit *m_source = nullptr;
    PythonHighlighter *m_highlighter = nullptr;
    QPushButton *m_copy = nullptr;
    QPushButton *m_save = nullptr;
    QLabel *m_message = nullptr;
    QFileDialog *m_saveDialog = nullptr;
};

} // namespace clab
