#include "apptestsupport.h"
#include "lab/labpage.h"
#include "lab/pythonhighlighter.h"
#include "lab/pythoninterpreters.h"
#include "lab/pythontab.h"
#include "shell/mainwindow.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QFileDialog>
#include <QFontDatabase>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTextLayout>

#include <cstdlib>

using namespace clab;

// The Lab's Python tab: the program of the current settings, following them, highlighted; Copy;
// Save as .py; and what it says when no interpreter is found.
class TestPythonTab : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void fontsArePresent();
    void showsTheProgramOfTheSettings();
    void followsTheSettings();
    void highlightsPython_data();
    void highlightsPython();
    void tellsAConfigWithoutAProgram();
    void copyPutsTheProgramOnTheClipboard();
    void saveWritesAFilePythonCompiles();
    void withoutAnInterpreterSaysHowToGetOne();

private:
    // The format the highlighter gave the first character of `word` in the first line holding it.
    static QTextCharFormat formatOf(QPlainTextEdit *editor, const QString &line, const QString &word);

    QTemporaryDir m_settings;
};

void TestPythonTab::initTestCase()
{
    test::isolateSettings(m_settings);
    // Qt's own dialog, which a test can answer, whatever the desktop would offer.
    QCoreApplication::setAttribute(Qt::AA_DontUseNativeDialogs);
}

void TestPythonTab::fontsArePresent()
{
    // Without fonts every label renders as boxes and the other tests would still pass.
    QVERIFY(!QFontDatabase::families().isEmpty());
    QLabel label(QStringLiteral("import threading"));
    label.resize(label.sizeHint());
    QVERIFY(test::hasSeveralColours(label.grab().toImage()));
}

void TestPythonTab::showsTheProgramOfTheSettings()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    LabPage *lab = window.labPage();
    QVERIFY(lab->loadPreset(QStringLiteral("cpu-threads-2-modern")));
    lab->showPythonTab();
    QCOMPARE(lab->views()->currentWidget(), lab->pythonTab());
    auto *editor = test::namedChild<QPlainTextEdit>(lab, "pythonSource");
    QVERIFY(editor);
    QTRY_VERIFY(editor->toPlainText().contains(QStringLiteral("preset cpu-threads-2-modern")));
    const QString program = editor->toPlainText();
    QVERIFY(program.contains(QStringLiteral("import threading")));
    QVERIFY(program.contains(QStringLiteral("WORKERS = 2")));
    QVERIFY(editor->isReadOnly());
    QVERIFY(QFontInfo(editor->font()).fixedPitch());
    QCOMPARE(lab->pythonTab()->source(), program);
    QVERIFY(lab->pythonTab()->programError().isEmpty());
    // Starting a run shows its charts.
    QVERIFY(lab->startRun());
    QCOMPARE(lab->views()->currentIndex(), 0);
    lab->stopRun();
    QTRY_VERIFY_WITH_TIMEOUT(!window.controller()->isBusy(), 30000);
}

void TestPythonTab::followsTheSettings()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    LabPage *lab = window.labPage();
    QVERIFY(lab->loadPreset(QStringLiteral("cpu-threads-2-modern")));
    lab->showPythonTab();
    auto *editor = test::namedChild<QPlainTextEdit>(lab, "pythonSource");
    QTRY_VERIFY(editor->toPlainText().contains(QStringLiteral("WORKERS = 2")));

    // A control changed by the user: the program follows while the tab is in view.
    auto *workers = test::namedChild<QSpinBox>(lab, "workersSpin");
    QVERIFY(workers);
    workers->setValue(3);
    QTRY_VERIFY(editor->toPlainText().contains(QStringLiteral("WORKERS = 3")));
    QVERIFY(!editor->toPlainText().contains(QStringLiteral("WORKERS = 2")));

    // Settings changed while the charts are shown: the program is the new one when shown again.
    lab->views()->setCurrentIndex(0);
    RunConfig config = lab->configFromControls();
    config.model = ExecutionModel::Processes;
    lab->setControls(config);
    lab->showPythonTab();
    QTRY_VERIFY(editor->toPlainText().contains(QStringLiteral("multiprocessing")));
}

QTextCharFormat TestPythonTab::formatOf(QPlainTextEdit *editor, const QString &line, const QString &word)
{
    for (QTextBlock block = editor->document()->begin(); block.isValid(); block = block.next()) {
        if (!block.text().startsWith(line))
            continue;
        const int at = int(block.text().indexOf(word));
        for (const QTextLayout::FormatRange &range : block.layout()->formats()) {
            if (range.start <= at && at < range.start + range.length)
                return range.format;
        }
        return {};
    }
    qWarning("no line starts with %s", qPrintable(line));
    return {};
}

void TestPythonTab::highlightsPython_data()
{
    QTest::addColumn<bool>("dark");
    QTest::newRow("light") << false;
    QTest::newRow("dark") << true;
}

void TestPythonTab::highlightsPython()
{
    QFETCH(bool, dark);
    PythonTab tab;
    tab.setConfigSource([] { return RunConfig{}; }, [] { return QString(); });
    tab.setAppearance({.dark = dark, .presentation = false});
    tab.show();
    QVERIFY(QTest::qWaitForWindowExposed(&tab));
    auto *editor = test::namedChild<QPlainTextEdit>(&tab, "pythonSource");
    QTRY_VERIFY(!editor->toPlainText().isEmpty());
    const QTextCharFormat keyword = formatOf(editor, QStringLiteral("def "), QStringLiteral("def"));
    const QTextCharFormat comment = formatOf(editor, QStringLiteral("# "), QStringLiteral("#"));
    const QTextCharFormat docstring = formatOf(editor, QStringLiteral("    \"\"\""), QStringLiteral("\"\"\""));
    const QTextCharFormat number = formatOf(editor, QStringLiteral("WORKERS = "), QString::number(RunConfig{}.workers));
    QVERIFY(keyword.fontWeight() == QFont::Bold);
    QVERIFY(comment.fontItalic());
    QVERIFY(docstring.foreground().color().isValid());
    // Four kinds, four colours, each far enough from the editor's background to read.
    const QColor background = dark ? QColor(40, 43, 48) : QColor(255, 255, 255);
    QList<QColor> colours;
    for (const QTextCharFormat &format : {keyword, comment, docstring, number}) {
        const QColor colour = format.foreground().color();
        QVERIFY2(!colours.contains(colour), qPrintable(colour.name()));
        colours << colour;
        QVERIFY2(std::abs(colour.lightness() - background.lightness()) > 80, qPrintable(colour.name()));
    }
}

void TestPythonTab::tellsAConfigWithoutAProgram()
{
    PythonTab tab;
    RunConfig config;
    config.workers = 0; // out of range: no program
    tab.setConfigSource([config] { return config; }, [] { return QString(); });
    tab.show();
    QVERIFY(QTest::qWaitForWindowExposed(&tab));
    QVERIFY(tab.source().isEmpty());
    QVERIFY(tab.programError().contains(QStringLiteral("workers")));
    auto *about = test::namedChild<QLabel>(&tab, "pythonAbout");
    QVERIFY(about->text().contains(tab.programError()));
    QVERIFY(!test::namedChild<QPushButton>(&tab, "pythonCopy")->isEnabled());
    QVERIFY(!test::namedChild<QPushButton>(&tab, "pythonSave")->isEnabled());
}

void TestPythonTab::copyPutsTheProgramOnTheClipboard()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.labPage()->loadPreset(QStringLiteral("io-sleep-threads-4")));
    window.labPage()->showPythonTab();
    QApplication::clipboard()->clear();
    auto *copy = test::namedChild<QPushButton>(window.labPage(), "pythonCopy");
    QVERIFY(copy && copy->isEnabled());
    QTest::mouseClick(copy, Qt::LeftButton);
    const QString program = window.labPage()->pythonTab()->source();
    QVERIFY(program.contains(QStringLiteral("time.sleep")));
    QCOMPARE(QApplication::clipboard()->text(), program);
}

void TestPythonTab::saveWritesAFilePythonCompiles()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.labPage()->loadPreset(QStringLiteral("cpu-threads-2-modern")));
    window.labPage()->showPythonTab();
    auto *save = test::namedChild<QPushButton>(window.labPage(), "pythonSave");
    QTest::mouseClick(save, Qt::LeftButton);
    auto *dialog = test::namedChild<QFileDialog>(window.labPage(), "pythonSaveDialog");
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    QCOMPARE(dialog->acceptMode(), QFileDialog::AcceptSave);
    QVERIFY(dialog->selectedFiles().value(0).endsWith(QStringLiteral("cpu-threads-2-modern.py")));

    QTemporaryDir folder;
    QVERIFY(folder.isValid());
    const QString path = folder.filePath(QStringLiteral("experiment.py"));
    dialog->selectFile(path);
    static_cast<QDialog *>(dialog)->accept(); // QFileDialog::accept() checks the name, then fileSelected()
    QTRY_VERIFY(QFileInfo::exists(path));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(QString::fromUtf8(file.readAll()), window.labPage()->pythonTab()->source());
    QVERIFY(test::namedChild<QLabel>(window.labPage(), "pythonMessage")->text().contains(QStringLiteral("Saved")));

    const QString python = QStandardPaths::findExecutable(QStringLiteral("python3"));
    if (python.isEmpty())
        QSKIP("no python3 on PATH to compile the saved program");
    QProcess compile;
    compile.start(python, {QStringLiteral("-m"), QStringLiteral("py_compile"), path});
    QVERIFY(compile.waitForFinished(60000));
    QVERIFY2(compile.exitCode() == 0, compile.readAllStandardError().constData());

    // A folder that cannot be written: the message says so.
    QVERIFY(!window.labPage()->pythonTab()->saveTo(QStringLiteral("/proc/no-such-folder/x.py")).isEmpty());
    QVERIFY(test::namedChild<QLabel>(window.labPage(), "pythonMessage")->text().contains(QStringLiteral("Could not")));
}

void TestPythonTab::withoutAnInterpreterSaysHowToGetOne()
{
    PythonInterpreters interpreters;
    PythonTab tab;
    tab.setConfigSource([] { return RunConfig{}; }, [] { return QString(); });
    tab.setInterpreters(&interpreters);
    // Until the search has answered, the tab says it is looking, not that there is none.
    QVERIFY(test::namedChild<QLabel>(&tab, "pythonFound")->text().startsWith(QStringLiteral("Looking for")));
    QSignalSpy searched(&interpreters, &PythonInterpreters::searchFinished);
    QTemporaryDir emptyFolder;
    interpreters.search(emptyFolder.path()); // a PATH with no Python on it
    tab.show();
    QVERIFY(QTest::qWaitForWindowExposed(&tab));
    // Waiting for the window may already have delivered the answer.
    QTRY_VERIFY_WITH_TIMEOUT(searched.count() == 1, 30000);
    QVERIFY(interpreters.entries().empty());
    auto *found = test::namedChild<QLabel>(&tab, "pythonFound");
    QVERIFY(found->text().contains(QStringLiteral("sudo apt install python3")));
    QVERIFY(found->text().contains(QStringLiteral("Preferences")));
    QVERIFY(!tab.source().isEmpty()); // the program is still there
    QVERIFY(!test::namedChild<QWidget>(&tab, "runInPythonCheck")->isEnabled());
    QVERIFY(!tab.chosenInterpreter());
}

QTEST_MAIN(TestPythonTab)
#include "tst_pythontab.moc"
