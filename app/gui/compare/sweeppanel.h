#pragma once

#include "model/runconfig.h"

#include <QGroupBox>

#include <vector>

class QCheckBox;
class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace clab {

class PythonInterpreters;

// Compare's sweep controls: the Lab's workload it sweeps, the models and GIL policies to sweep,
// the most workers, a Python interpreter to run the same points on after the engine (a line of its
// own), Run sweep / Cancel, the progress bar (the runs planned, until a sweep starts),
// and the sweep's status and validation message. It asks for a sweep by signals; ComparePage and
// its SweepController run it.
class SweepPanel : public QGroupBox
{
    Q_OBJECT

public:
    explicit SweepPanel(QWidget *parent = nullptr);

    std::vector<ExecutionModel> chosenModels() const;
    std::vector<GilPolicy> chosenPolicies() const;
    int maxWorkers() const;
    // The interpreters to offer (MainWindow owns them); the path of the one chosen to sweep too,
    // empty when "Also on Python" is off or none is listed.
    void setInterpreters(PythonInterpreters *interpreters);
    QString chosenPythonPath() const;
    void setPythonChoice(const QString &path); // empty: off
    // Shows what is being swept, however it was started.
    void setChoices(const std::vector<ExecutionModel> &models, const std::vector<GilPolicy> &policies, int maxWorkers);

    // While a sweep runs its choices are fixed, and Run sweep waits for the Lab's run to end.
    void setState(bool sweeping, bool cancelling, bool labBusy);
    void setWorkload(const QString &text);
    // The bar says how many runs the choices add up to (not while a sweep runs).
    void showPlannedRuns();
    // The bar counts a sweep's runs from here on.
    void startProgress(int runs);
    void setProgress(int done);
    void setStatus(const QString &text);
    void showMessage(const QString &message, const QColor &colour);
    QString messageText() const;
    bool isMessageShown() const;

    QProgressBar *progress() const { return m_progress; }

signals:
    void sweepRequested();
    void cancelRequested();

private:
    void updateInterpreters();

    QLabel *m_workload = nullptr;
    PythonInterpreters *m_interpreters = nullptr;
    QCheckBox *m_pythonToo = nullptr;
    QComboBox *m_pythonCombo = nullptr;
    std::vector<std::pair<ExecutionModel, QCheckBox *>> m_modelBoxes;
    std::vector<std::pair<GilPolicy, QCheckBox *>> m_gilBoxes;
    QSpinBox *m_maxWorkers = nullptr;
    QPushButton *m_sweepButton = nullptr;
    QPushButton *m_cancelButton = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_message = nullptr;
    bool m_sweeping = false;
};

} // namespace clab
