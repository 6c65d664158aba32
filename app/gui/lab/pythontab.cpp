#include "lab/pythontab.h"

#include "lab/pythonhighlighter.h"
#include "lab/pythoninterpreters.h"
#include "python/pythonexperiment.h"
#include "python/pythonprogram.h"
#include "textutil.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QSettings>
#include <QTimer>
#include <QVBoxLayout>

namespace clab {

namespace {

// The choice is kept between sessions: "Run in Python too" and the interpreter's path.
constexpr auto kRunTooKey = "python/runToo";
constexpr auto kInterpreterKey = "python/interpreter";

} // namespace

PythonTab::PythonTab(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("pythonTab"));
    setAccessibleName(tr("Python"));

    m_about = new QLabel;
    m_about->setObjectName(QStringLiteral("pythonAbout"));
    m_about->setWordWrap(true);

    m_found = new QLabel;
    m_found->setObjectName(QStringLiteral("pythonFound"));
    m_found->setAccessibleName(tr("Python interpreters found"));
    m_found->setWordWrap(true);
    m_found->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_runToo = new QCheckBox(tr("Run in Python too, after the engine, on:"));
    m_runToo->setObjectName(QStringLiteral("runInPythonCheck"));
    m_runToo->setAccessibleName(tr("Run in Python too"));
    m_runToo->setToolTip(tr("After the engine's run, run the same experiment as this program on a real "
                            "interpreter, its sequential baseline first, and show its numbers beside the engine's"));
    m_interpreter = new QComboBox;
    m_interpreter->setObjectName(QStringLiteral("pythonInterpreterCombo"));
    m_interpreter->setAccessibleName(tr("Python interpreter"));
    // As wide as "CPython 3.11.7 (pytho…"; a longer name is cut here (the list shows it whole,
    // the tooltip the path), rather than widening the column past a projector's window.
    m_interpreter->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_interpreter->setMinimumContentsLength(20);
    // The interpreter under the check box: beside it, the two would not fit a projector's column.
    auto *choice = new QVBoxLayout;
    choice->setSpacing(2);
    choice->addWidget(m_runToo);
    auto *interpreterRow = new QHBoxLayout;
    interpreterRow->addSpacing(QFontMetrics(font()).horizontalAdvance(QStringLiteral("M")) * 2);
    interpreterRow->addWidget(m_interpreter);
    interpreterRow->addStretch();
    choice->addLayout(interpreterRow);

    m_source = new QPlainTextEdit;
    m_source->setObjectName(QStringLiteral("pythonSource"));
    m_source->setAccessibleName(tr("Python program"));
    m_source->setReadOnly(true);
    m_source->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_source->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_source->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_highlighter = new PythonHighlighter(m_source->document());

    m_copy = new QPushButton(tr("&Copy"));
    m_copy->setObjectName(QStringLiteral("pythonCopy"));
    m_copy->setAccessibleName(tr("Copy the program"));
    m_copy->setToolTip(tr("Copy the whole program to the clipboard"));
    m_save = new QPushButton(tr("Save as .py…"));
    m_save->setObjectName(QStringLiteral("pythonSave"));
    m_save->setAccessibleName(tr("Save the program as a .py file"));
    m_message = new QLabel;
    m_message->setObjectName(QStringLiteral("pythonMessage"));
    m_message->setAccessibleName(tr("Python message"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_copy);
    buttons->addWidget(m_save);
    buttons->addWidget(m_message, 1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_about);
    layout->addWidget(m_found);
    layout->addLayout(choice);
    layout->addWidget(m_source, 1);
    layout->addLayout(buttons);

    connect(m_copy, &QPushButton::clicked, this, &PythonTab::copyToClipboard);
    connect(m_save, &QPushButton::clicked, this, &PythonTab::openSaveDialog);
    connect(m_runToo, &QCheckBox::toggled, this, [this] {
        m_interpreter->setEnabled(m_runToo->isChecked() && !m_busy);
        regenerate(); // says whether the chosen interpreter can run it
        rememberChoice();
        emit choiceChanged();
    });
    connect(m_interpreter, &QComboBox::currentIndexChanged, this, [this] {
        m_interpreter->setToolTip(
            m_interpreter->currentText() + QLatin1Char('\n') + m_interpreter->currentData().toString());
        regenerate();
        rememberChoice();
        emit choiceChanged();
    });
    const QSettings settings;
    m_savedInterpreter = settings.value(QLatin1String(kInterpreterKey)).toString();
    m_savedRunToo = settings.value(QLatin1String(kRunTooKey), false).toBool();
    m_restorePending = !m_savedInterpreter.isEmpty();
    updateInterpreters();
    m_interpreter->setEnabled(false);
}

void PythonTab::setConfigSource(std::function<RunConfig()> config, std::function<QString()> presetId)
{
    m_config = std::move(config);
    m_presetId = std::move(presetId);
    settingsChanged();
}

void PythonTab::settingsChanged()
{
    m_dirty = true;
    if (isVisible())
        QTimer::singleShot(0, this, [this] {
            if (m_dirty)
                regenerate();
        }); // once for a burst of changes (a preset sets every control)
}

void PythonTab::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_dirty)
        regenerate();
}

void PythonTab::setAppearance(const Appearance &appearance)
{
    m_highlighter->setDark(appearance.dark);
    QFont code = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    code.setPointSizeF(QApplication::font().pointSizeF()); // applyAppearance() scaled it
    m_source->setFont(code);
}

void PythonTab::setBusy(bool busy)
{
    m_busy = busy;
    m_runToo->setEnabled(!busy);
    m_interpreter->setEnabled(!busy && m_runToo->isChecked());
}

QString PythonTab::source()
{
    if (m_dirty)
        regenerate();
    return m_source->toPlainText();
}

QString PythonTab::programError()
{
    if (m_dirty)
        regenerate();
    return m_error;
}

void PythonTab::regenerate()
{
    m_dirty = false;
    if (!m_config)
        return;
    const RunConfig config = m_config();
    const QString preset = m_presetId ? m_presetId() : QString();
    const python::Program program = python::programFor(config, toStdString(preset));
    m_error = toQString(program.error);
    if (!program.error.empty()) {
        m_source->setPlainText({});
        m_about->setText(tr("These settings make no program: %1").arg(m_error));
        showMessage(tr("Change the setting named above, and the program comes back."), true);
    } else {
        if (m_source->toPlainText() != toQString(program.source))
            m_source->setPlainText(toQString(program.source));
        m_about->setText(tr("The same experiment as a Python program (Python %1 or newer, the standard library "
                            "only): it measures itself as the engine does and prints its summary as JSON.")
                             .arg(toQString(python::versionText(program.minimumMinor))));
        const std::optional<python::Interpreter> chosen = chosenInterpreter();
        const std::optional<std::string> refused = chosen ? python::refusal(*chosen, config) : std::nullopt;
        showMessage(
            refused ? tr("%1 cannot run it: %2").arg(toQString(chosen->label()), toQString(*refused)) : QString(),
            refused.has_value());
    }
    m_copy->setEnabled(program.error.empty());
    m_save->setEnabled(program.error.empty());
}

void PythonTab::showMessage(const QString &text, bool error)
{
    m_message->setText(text);
    QPalette palette = m_message->palette();
    palette.setColor(QPalette::WindowText,
        error ? (m_highlighter->isDark() ? QColor(255, 120, 110) : QColor(176, 0, 32))
              : QApplication::palette().color(QPalette::WindowText));
    m_message->setPalette(palette);
}

void PythonTab::setInterpreters(PythonInterpreters *interpreters)
{
    m_interpreters = interpreters;
    connect(interpreters, &PythonInterpreters::changed, this, &PythonTab::updateInterpreters);
    connect(interpreters, &PythonInterpreters::searchFinished, this, &PythonTab::updateInterpreters);
    updateInterpreters();
}

void PythonTab::updateInterpreters()
{
    const QString chosen = m_interpreter->currentData().toString();
    const bool wasChecked = m_runToo->isChecked();
    fillInterpreterCombo(m_interpreter, m_interpreters);
    const bool any = m_interpreter->count() > 0;
    // Last session's choice, once its interpreter is in the list again (an added one is there at
    // once; one on PATH when the search has found it). Until the search ends it may still come.
    if (m_restorePending) {
        const int saved = m_interpreter->findData(m_savedInterpreter);
        if (saved >= 0) {
            m_restorePending = false;
            const QSignalBlocker blockCombo(m_interpreter);
            const QSignalBlocker blockCheck(m_runToo);
            m_interpreter->setCurrentIndex(saved);
            m_interpreter->setToolTip(m_interpreter->currentText() + QLatin1Char('\n') + m_savedInterpreter);
            m_runToo->setChecked(m_savedRunToo);
        } else if (m_interpreters && m_interpreters->hasSearched() && !m_interpreters->isSearching()) {
            m_restorePending = false; // gone since: the first one found stays chosen, unticked
        }
    }
    if (!m_interpreters || !m_interpreters->hasSearched()) // not looked yet, or still looking
        m_found->setText(tr("Looking for Python interpreters on PATH…"));
    else if (!any)
        m_found->setText(tr("No Python interpreter found. Install Python 3.8 or newer (on Debian: sudo apt install "
                            "python3) or add one in File ▸ Preferences. The program below runs on any of them."));
    else
        m_found->setText(tr("Save it and run it with python3, or have it run after the engine below. File ▸ "
                            "Preferences lists the interpreters found and adds others."));
    if (!any && m_runToo->isChecked())
        m_runToo->setChecked(false);
    m_runToo->setEnabled(any && !m_busy);
    m_interpreter->setEnabled(any && !m_busy && m_runToo->isChecked());
    m_interpreter->setVisible(any);
    if (m_interpreter->currentData().toString() != chosen || m_runToo->isChecked() != wasChecked)
        emit choiceChanged();
    m_dirty = true;
    if (isVisible())
        regenerate();
}

void PythonTab::rememberChoice()
{
    // A choice made before last session's could be restored replaces it.
    m_restorePending = false;
    const QString path = m_interpreter->currentData().toString();
    if (path.isEmpty())
        return; // nothing listed (yet): keep what was saved
    QSettings settings;
    settings.setValue(QLatin1String(kInterpreterKey), path);
    settings.setValue(QLatin1String(kRunTooKey), m_runToo->isChecked());
}

std::optional<python::Interpreter> PythonTab::chosenInterpreter() const
{
    if (!m_runToo->isChecked() || !m_interpreters)
        return std::nullopt;
    const python::Interpreter *interpreter = m_interpreters->find(m_interpreter->currentData().toString());
    return interpreter ? std::optional<python::Interpreter>(*interpreter) : std::nullopt;
}

void PythonTab::setRunInPython(bool on)
{
    m_runToo->setChecked(on);
}

bool PythonTab::setRunInPython(const QString &path)
{
    // As listed: a name such as "python3" is the file on PATH it stands for.
    const python::Interpreter *listed = m_interpreters ? m_interpreters->find(path) : nullptr;
    const int index = m_interpreter->findData(listed ? toQString(listed->path) : path);
    if (index < 0)
        return false;
    m_interpreter->setCurrentIndex(index);
    m_runToo->setChecked(true);
    return true;
}

void PythonTab::copyToClipboard()
{
    const QString program = source();
    if (program.isEmpty())
        return;
    QApplication::clipboard()->setText(program);
    showMessage(tr("Copied the program (%1 lines) to the clipboard.").arg(m_source->blockCount()), false);
}

QString PythonTab::saveTo(const QString &path)
{
    const QString program = source();
    QSaveFile file(path);
    QString error;
    if (program.isEmpty())
        error = tr("There is no program to save: %1").arg(m_error);
    else if (!file.open(QIODevice::WriteOnly))
        error = file.errorString();
    else if (file.write(program.toUtf8()) < 0 || !file.commit())
        error = file.errorString();
    showMessage(error.isEmpty() ? tr("Saved %1. Run it with: python3 %2").arg(path, QFileInfo(path).fileName())
                                : tr("Could not save %1: %2").arg(path, error),
        !error.isEmpty());
    return error;
}

QFileDialog *PythonTab::openSaveDialog()
{
    if (!m_saveDialog) {
        m_saveDialog = new QFileDialog(this, tr("Save the program as"));
        m_saveDialog->setObjectName(QStringLiteral("pythonSaveDialog"));
        m_saveDialog->setAcceptMode(QFileDialog::AcceptSave);
        m_saveDialog->setNameFilter(tr("Python programs (*.py)"));
        m_saveDialog->setDefaultSuffix(QStringLiteral("py"));
        m_saveDialog->setDirectory(QDir::home());
        connect(m_saveDialog, &QFileDialog::fileSelected, this, [this](const QString &path) { saveTo(path); });
    }
    const QString preset = m_presetId ? m_presetId() : QString();
    m_saveDialog->selectFile((preset.isEmpty() ? QStringLiteral("experiment") : preset) + QStringLiteral(".py"));
    m_saveDialog->open();
    return m_saveDialog;
}

} // namespace clab
