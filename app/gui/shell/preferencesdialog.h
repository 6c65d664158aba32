#pragma once

#include <QDialog>

class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;

namespace clab {

class PythonInterpreters;

// File ▸ Preferences: the Python interpreters the Lab can run its experiments on. Lists those
// found on PATH and those added by path, each with its label ("CPython 3.11.2"); adds one by path
// (probed off the GUI thread: the list grows, or a message says why it is not a usable Python),
// removes added ones, and looks on PATH again. Non-modal.
class PreferencesDialog : public QDialog
{
    Q_OBJECT

public:
    PreferencesDialog(PythonInterpreters *interpreters, QWidget *parent = nullptr);

    // Probes the path typed (or given) and adds it when it is a usable Python.
    void addPath(const QString &path);
    QString message() const;
    QListWidget *list() const { return m_list; }

private:
    void refresh();
    void showMessage(const QString &text, bool error);
    void removeSelected();

    PythonInterpreters *m_interpreters;
    QListWidget *m_list;
    QLabel *m_problems;
    QLineEdit *m_path;
    QPushButton *m_add;
    QPushButton *m_remove;
    QPushButton *m_search;
    QLabel *m_message;
};

} // namespace clab
