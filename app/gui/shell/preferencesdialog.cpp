#include "shell/preferencesdialog.h"

#include "lab/pythoninterpreters.h"
#include "textutil.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace clab {

PreferencesDialog::PreferencesDialog(PythonInterpreters *interpreters, QWidget *parent)
    : QDialog(parent)
    , m_interpreters(interpreters)
    , m_list(new QListWidget)
    , m_problems(new QLabel)
    , m_path(new QLineEdit)
    , m_add(new QPushButton(tr("&Add")))
    , m_remove(new QPushButton(tr("&Remove")))
    , m_search(new QPushButton(tr("Look on &PATH again")))
    , m_message(new QLabel)
{
    setWindowTitle(tr("Preferences"));
    setObjectName(QStringLiteral("preferencesDialog"));

    auto *box = new QGroupBox(tr("Python interpreters"));
    auto *intro = new QLabel(tr("The Lab's Python tab can run each experiment on these after the engine's run. "
                                "Those found on PATH are listed first; add others (a python3.13t, a virtual "
                                "environment's python) by path."));
    intro->setWordWrap(true);
    m_list->setObjectName(QStringLiteral("interpreterList"));
    m_list->setAccessibleName(tr("Python interpreters"));
    m_problems->setObjectName(QStringLiteral("interpreterProblems"));
    m_problems->setWordWrap(true);
    m_problems->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_path->setObjectName(QStringLiteral("interpreterPath"));
    m_path->setAccessibleName(tr("Path of a Python interpreter"));
    m_path->setPlaceholderText(tr("/usr/local/bin/python3.14t"));
    m_add->setObjectName(QStringLiteral("interpreterAdd"));
    m_remove->setObjectName(QStringLiteral("interpreterRemove"));
    m_remove->setToolTip(tr("Forget an interpreter you added (those found on PATH stay)"));
    m_search->setObjectName(QStringLiteral("interpreterSearch"));
    auto *browse = new QPushButton(tr("&Browse…"));
    m_message->setObjectName(QStringLiteral("interpreterMessage"));
    m_message->setAccessibleName(tr("Interpreter message"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *addRow = new QHBoxLayout;
    addRow->addWidget(m_path, 1);
    addRow->addWidget(browse);
    addRow->addWidget(m_add);
    auto *listButtons = new QHBoxLayout;
    listButtons->addWidget(m_remove);
    listButtons->addWidget(m_search);
    listButtons->addStretch();
    auto *boxLayout = new QVBoxLayout(box);
    boxLayout->addWidget(intro);
    boxLayout->addWidget(m_list, 1);
    boxLayout->addLayout(listButtons);
    boxLayout->addWidget(m_problems);
    boxLayout->addLayout(addRow);
    boxLayout->addWidget(m_message);

    auto *close = new QDialogButtonBox(QDialogButtonBox::Close);
    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(box, 1);
    layout->addWidget(close);

    connect(m_add, &QPushButton::clicked, this, [this] { addPath(m_path->text()); });
    connect(m_path, &QLineEdit::returnPressed, this, [this] { addPath(m_path->text()); });
    connect(browse, &QPushButton::clicked, this, [this] {
        auto *dialog = new QFileDialog(this, tr("Choose a Python interpreter"), QStringLiteral("/usr/bin"));
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->setFileMode(QFileDialog::ExistingFile);
        connect(dialog, &QFileDialog::fileSelected, this, [this](const QString &path) { m_path->setText(path); });
        dialog->open();
    });
    connect(m_remove, &QPushButton::clicked, this, &PreferencesDialog::removeSelected);
    connect(m_search, &QPushButton::clicked, this, [this] {
        m_interpreters->search();
        refresh();
    });
    connect(m_list, &QListWidget::currentRowChanged, this, [this] {
        const QListWidgetItem *item = m_list->currentItem();
        m_remove->setEnabled(item && item->data(Qt::UserRole + 1).toBool());
    });
    connect(m_interpreters, &PythonInterpreters::changed, this, &PreferencesDialog::refresh);
    connect(m_interpreters, &PythonInterpreters::searchFinished, this, &PreferencesDialog::refresh);
    connect(m_interpreters, &PythonInterpreters::added, this, [this](const QString &path) {
        showMessage(tr("Added %1.").arg(path), false);
        m_path->clear();
        refresh();
    });
    connect(m_interpreters, &PythonInterpreters::addFailed, this, [this](const QString &path, const QString &error) {
        showMessage(tr("%1 cannot be added: %2").arg(path, error), true);
        refresh();
    });
    resize(640, 460);
    refresh();
}

void PreferencesDialog::refresh()
{
    const QString current = m_list->currentItem() ? m_list->currentItem()->data(Qt::UserRole).toString() : QString();
    m_list->clear();
    for (const PythonInterpreters::Entry &entry : m_interpreters->entries()) {
        const QString path = toQString(entry.interpreter.path);
        auto *item
            = new QListWidgetItem(entry.added ? tr("%1 — %2 (added)").arg(toQString(entry.interpreter.label()), path)
                                              : tr("%1 — %2").arg(toQString(entry.interpreter.label()), path));
        item->setData(Qt::UserRole, path);
        item->setData(Qt::UserRole + 1, entry.added);
        item->setToolTip(toQString(entry.interpreter.executable));
        m_list->addItem(item);
        if (path == current)
            m_list->setCurrentItem(item);
    }
    if (m_interpreters->isSearching())
        m_problems->setText(tr("Looking on PATH…"));
    else if (m_interpreters->entries().empty())
        m_problems->setText(tr("No Python found on PATH. Install Python 3.8 or newer (on Debian: sudo apt install "
                               "python3), or add one by path below."));
    else
        m_problems->setText(m_interpreters->problems().isEmpty()
                ? QString()
                : tr("Not usable: %1").arg(m_interpreters->problems().join(QStringLiteral("; "))));
    m_problems->setVisible(!m_problems->text().isEmpty());
    m_search->setEnabled(!m_interpreters->isSearching());
    m_add->setEnabled(!m_interpreters->isProbing());
    const QListWidgetItem *item = m_list->currentItem();
    m_remove->setEnabled(item && item->data(Qt::UserRole + 1).toBool());
}

void PreferencesDialog::addPath(const QString &path)
{
    m_path->setText(path);
    if (m_interpreters->find(path.trimmed())) {
        showMessage(tr("%1 is in the list already.").arg(path.trimmed()), false);
        return;
    }
    showMessage(tr("Asking %1 what it is…").arg(path), false);
    m_interpreters->add(path);
    refresh();
}

void PreferencesDialog::removeSelected()
{
    if (const QListWidgetItem *item = m_list->currentItem()) {
        const QString path = item->data(Qt::UserRole).toString();
        if (m_interpreters->remove(path))
            showMessage(tr("Removed %1.").arg(path), false);
    }
}

void PreferencesDialog::showMessage(const QString &text, bool error)
{
    m_message->setText(text);
    QPalette palette = m_message->palette();
    const bool dark = palette.color(QPalette::Window).lightness() < 128;
    palette.setColor(QPalette::WindowText,
        !error     ? QPalette().color(QPalette::WindowText)
            : dark ? QColor(255, 120, 110)
                   : QColor(176, 0, 32));
    m_message->setPalette(palette);
}

QString PreferencesDialog::message() const
{
    return m_message->text();
}

} // namespace clab
