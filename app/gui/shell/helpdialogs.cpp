#include "shell/helpdialogs.h"

#include <QApplication>
#include <QMessageBox>

namespace clab {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("clab::MainWindow", text);
}

} // namespace

void showHowTo(QWidget *parent)
{
    QMessageBox box(parent);
    box.setWindowTitle(tr("How to use Concurrency Lab"));
    box.setTextFormat(Qt::RichText);
    box.setText(tr("<h3>How to use</h3>"
                   "<ol>"
                   "<li><b>Lessons</b> explain each idea; <i>Try it</i> opens its experiment in the Lab, and a "
                   "short quiz checks it. Search with Ctrl+F; Alt+Left/Right go to the previous or next lesson.</li>"
                   "<li>In the <b>Lab</b>, pick a preset or set the model, workers, workload and GIL yourself.</li>"
                   "<li><b>Predict first</b>: faster, the same or slower than one worker, and by how much.</li>"
                   "<li>Press <b>Run</b> (Ctrl+R). A sequential baseline of the same workload is measured first, "
                   "once per session. Watch throughput, every core, and each worker's timeline live.</li>"
                   "<li>Read the summary: speedup against the baseline, GIL statistics, and why.</li>"
                   "<li><b>Compare</b> lists every run of the session with speedup against workers.</li>"
                   "</ol>"
                   "<p><b>Instructors</b>: the Walkthrough menu opens a lesson-by-lesson plan for a class; "
                   "Page Down and Page Up (what a presenter's clicker sends) step through it.</p>"
                   "<p>Stop: Esc · Export: Ctrl+E · Presentation mode: Ctrl+Shift+P · Full screen: F11<br>"
                   "Timeline: Ctrl+wheel or +/- zoom, arrows or drag pan, 0 fits the whole run.</p>"));
    box.exec();
}

void showAbout(QWidget *parent)
{
    QMessageBox::about(parent, tr("About Concurrency Lab"),
        tr("<h3>Concurrency Lab %1</h3>"
           "<p>See concurrency, parallelism and the Python GIL happen on your own CPU cores: real "
           "threads, processes and a lock that behaves like CPython's GIL, measured live.</p>"
           "<p>GPL-3.0-or-later. Built with Qt %2.</p>")
            .arg(QApplication::applicationVersion(), QString::fromLatin1(qVersion())));
}

} // namespace clab
