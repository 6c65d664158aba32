#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <signal.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <initializer_list>
#include <memory>
#include <vector>

// Faults a user can cause (the issue "Hardening", section 4), each through the real programs: the
// CLI started as a user starts it, with the bad input, the broken worker program, the full disk or
// the low limit. Every fault ends with exit code 1 (the run failed) or 2 (invalid input), a message
// on stderr naming what and where, the user's files as they were, and nothing left running.
//
// This test makes itself a child subreaper (prctl(2) PR_SET_CHILD_SUBREAPER): a process the CLI
// leaves behind is handed to it when the CLI exits, so "nothing left running" is checkable.

namespace {

constexpr const char *kKept = "the user's own file, kept\n";

struct Result
{
    int exitCode = -1;
    QString out;
    QString err;
};

// Runs the CLI, through `/bin/bash -c` when `shell` is given ("ulimit -n 40; " before exec).
Result runCli(const QStringList &args, const QStringList &environment, const QString &shell = {},
    const QStringList &wrapper = {}, int timeoutMs = 120000)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString &entry : environment)
        env.insert(entry.section(QLatin1Char('='), 0, 0), entry.section(QLatin1Char('='), 1));
    process.setProcessEnvironment(env);
    const QString cli = QStringLiteral(CLAB_CLI_PATH);
    if (shell.isEmpty() && wrapper.isEmpty()) {
        process.start(cli, args);
    } else {
        // bash -c 'ulimit ...; exec "$0" "$@"' CLI ARGS...: the limit set, then the CLI in its place.
        const QString command = shell + QStringLiteral("exec \"$0\" \"$@\"");
        QStringList argv
            = wrapper + QStringList{QStringLiteral("/bin/bash"), QStringLiteral("-c"), command, cli} + args;
        const QString program = argv.takeFirst();
        process.start(program, argv);
    }
    Result result;
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        result.err = QStringLiteral("(timed out)");
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}

// Processes whose parent is this test: the CLI's orphans (this is their subreaper). Each found is
// killed and reaped, so that one row's leftovers do not spoil the next.
QStringList collectOrphans()
{
    QStringList found;
    const QString self = QString::number(getpid());
    for (const QString &pid : QDir(QStringLiteral("/proc")).entryList(QDir::Dirs)) {
        bool number = false;
        const int id = pid.toInt(&number);
        if (!number)
            continue;
        QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
        if (!stat.open(QIODevice::ReadOnly))
            continue;
        const QString text = QString::fromUtf8(stat.readAll());
        // pid (comm) state ppid ...: comm may hold spaces, so read after its closing parenthesis.
        const QStringList fields = text.mid(text.lastIndexOf(QLatin1Char(')')) + 2).split(QLatin1Char(' '));
        if (fields.size() > 1 && fields[1] == self) {
            found << text.left(text.lastIndexOf(QLatin1Char(')')) + 1) + QLatin1Char(' ') + fields[0];
            kill(id, SIGKILL);
            waitpid(id, nullptr, 0);
        }
    }
    return found;
}

int openFdCount()
{
    return static_cast<int>(QDir(QStringLiteral("/proc/self/fd")).entryList(QDir::Files | QDir::System).size());
}

void writeFile(const QString &path, const QByteArray &content, QFile::Permissions permissions = {})
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(file.write(content), content.size());
    file.close();
    if (permissions)
        QVERIFY(file.setPermissions(permissions));
}

QByteArray presetObject(const QByteArray &id, const QByteArray &config)
{
    return "{\"id\": \"" + id + "\", \"title\": \"t\", \"lesson\": \"l\", \"question\": \"q\", \"config\": " + config
        + "}";
}

QByteArray presetWith(const QByteArray &config)
{
    return "[" + presetObject("p", config) + "]";
}

// `count` presets, each with a problem of its own.
QByteArray manyInvalidPresets(int count)
{
    QByteArray out = "[";
    for (int i = 0; i < count; ++i)
        out += (i ? "," : "") + presetObject("p" + QByteArray::number(i), "{\"workers\": 0}");
    return out + "]";
}

QStringList list(std::initializer_list<const char *> items)
{
    QStringList out;
    for (const char *item : items)
        out << QString::fromUtf8(item);
    return out;
}

bool isRoot()
{
    return geteuid() == 0;
}

QString quickRun()
{
    return QStringLiteral("--tasks 8 --cpu-steps 200");
}

QStringList words(const QString &text)
{
    return text.split(QLatin1Char(' '), Qt::SkipEmptyParts);
}

} // namespace

class TestFaults : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void fault_data();
    void fault();
    void threadLimit_data();
    void threadLimit();
    void sequentialWithoutWorkersRunsOneWorker();
    void specialFilesAreWrittenWhereTheyAre();
    void runJsonNamesTheTimelineCap();

private:
    // Runs one fault and checks what every fault must leave: `expected` exit code, each of
    // `messages` on stderr, no failure on stdout, the user's file kept, no temporary file or
    // folder left, no process left, no descriptor of this test left open.
    void check(const QStringList &args, const QStringList &environment, const QString &shell,
        const QStringList &wrapper, int expected, const QStringList &messages);
    QString expand(QString text) const;

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestFaults::initTestCase()
{
    QVERIFY(QFileInfo(QStringLiteral(CLAB_CLI_PATH)).isExecutable());
    QCOMPARE(prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0), 0);
    // Qt keeps a descriptor of its own once a first process was started (its child watcher):
    // start one, so that each row compares like with like.
    QCOMPARE(runCli({QStringLiteral("help")}, {}).exitCode, 0);
}

void TestFaults::init()
{
    // A fresh folder for every row: {dir} in a row's text, with the user's file and the fixtures.
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    QVERIFY(QDir(m_dir->path()).mkdir(QStringLiteral("tmp")));
    writeFile(m_dir->filePath(QStringLiteral("kept.json")), kKept);
    writeFile(m_dir->filePath(QStringLiteral("bad-utf8.json")), presetWith("{\"model\": \"thr\xff\xfe\"}"));
    writeFile(m_dir->filePath(QStringLiteral("lone-surrogate.json")), presetWith("{\"model\": \"\\udc00\"}"));
    writeFile(m_dir->filePath(QStringLiteral("leading-zero.json")), presetWith("{\"workers\": 02}"));
    writeFile(m_dir->filePath(QStringLiteral("many-errors.json")), manyInvalidPresets(50));
    const auto executable = QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadOther | QFile::ExeOther
        | QFile::ReadGroup | QFile::ExeGroup;
    writeFile(
        m_dir->filePath(QStringLiteral("not-executable")), "#!/bin/sh\nexit 0\n", QFile::ReadOwner | QFile::WriteOwner);
    writeFile(m_dir->filePath(QStringLiteral("crashes")), "#!/bin/sh\nkill -SEGV $$\n", executable);
    writeFile(m_dir->filePath(QStringLiteral("garbage")),
        "#!/bin/sh\nprintf 'this is not a frame' >&4\nexec sleep 30\n", executable);
    writeFile(m_dir->filePath(QStringLiteral("hangs")), "#!/bin/sh\nexec sleep 120\n", executable);
    collectOrphans();
}

QString TestFaults::expand(QString text) const
{
    return text.replace(QStringLiteral("{dir}"), m_dir->path());
}

void TestFaults::check(const QStringList &args, const QStringList &environment, const QString &shell,
    const QStringList &wrapper, int expected, const QStringList &messages)
{
    QStringList expandedArgs;
    for (const QString &arg : args)
        expandedArgs << (arg == QLatin1String("{empty}") ? QString() : expand(arg));
    QStringList env{QStringLiteral("TMPDIR=") + m_dir->filePath(QStringLiteral("tmp"))};
    for (const QString &entry : environment)
        env << expand(entry);

    const int fdsBefore = openFdCount();
    const Result result = runCli(expandedArgs, env, expand(shell), wrapper);
    const QString all
        = QStringLiteral("exit %1\n--- stdout:\n%2--- stderr:\n%3").arg(result.exitCode).arg(result.out, result.err);

    QVERIFY2(result.exitCode == expected, qPrintable(all));
    for (const QString &message : messages)
        QVERIFY2(result.err.contains(expand(message)),
            qPrintable(QStringLiteral("wanted on stderr: ") + expand(message) + QLatin1Char('\n') + all));
    // A failure is told on stderr, and is not a stop the user asked for.
    for (const char *notOnStdout : {"FAILED", "Stopped before the end", "invalid input"})
        QVERIFY2(!result.out.contains(QLatin1String(notOnStdout)), qPrintable(all));
    QVERIFY2(!result.err.contains(QLatin1String("terminate called")), qPrintable(all));

    {
        QFile kept(m_dir->filePath(QStringLiteral("kept.json")));
        QVERIFY(kept.open(QIODevice::ReadOnly));
        QCOMPARE(kept.readAll(), QByteArray(kKept));
    }
    const QStringList parts = QDir(m_dir->path()).entryList({QStringLiteral("*.part-*")}, QDir::Files);
    QVERIFY2(parts.isEmpty(), qPrintable(parts.join(QLatin1Char(' '))));
    const QStringList temporary
        = QDir(m_dir->filePath(QStringLiteral("tmp"))).entryList(QDir::NoDotAndDotDot | QDir::AllEntries);
    QVERIFY2(temporary.isEmpty(), qPrintable(temporary.join(QLatin1Char(' '))));
    const QStringList orphans = collectOrphans();
    QVERIFY2(orphans.isEmpty(), qPrintable(QStringLiteral("left running: ") + orphans.join(QStringLiteral(", "))));
    QCOMPARE(openFdCount(), fdsBefore);
}

void TestFaults::fault_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QStringList>("env");
    QTest::addColumn<QString>("shell");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QStringList>("messages");

    const QStringList none;
    const QStringList run = words(QStringLiteral("run ") + quickRun());
    const QStringList processes = run + words(QStringLiteral("--model processes --workers 2"));
    auto row = [&](const char *name, const QStringList &args, const QStringList &env, const char *shell, int exitCode,
                   const QStringList &messages) {
        QTest::newRow(name) << args << env << QString::fromUtf8(shell) << exitCode << messages;
    };

    // Input that was silently accepted.
    row("preset empty", list({"run", "--preset", "{empty}"}), none, "", 2, list({"preset: needs a value"}));
    row("validate=maybe", list({"presets", "--validate=maybe"}), none, "", 2,
        list({"validate: expected true or false", "got 'maybe'"}));
    row("baseline=maybe", run + list({"--baseline=maybe"}), none, "", 2, list({"baseline: expected true or false"}));
    row("json empty", run + list({"--json", "{empty}"}), none, "", 2, list({"json: needs a value"}));
    row("json=", run + list({"--json="}), none, "", 2, list({"json: needs a value"}));
    row("json a folder", run + list({"--json", "{dir}"}), none, "", 2, list({"json: {dir} is a folder"}));
    row("presets-file without preset", run + list({"--presets-file", "{dir}/kept.json"}), none, "", 2,
        list({"presets_file: only with --preset"}));

    // Files to read that are not there, too large, never end, or are not files.
    row("presets file missing", list({"presets", "--file", "/nonexistent/presets.json"}), none, "", 2,
        list({"file: cannot read /nonexistent/presets.json: No such file or directory"}));
    row("presets file /dev/zero", list({"presets", "--file", "/dev/zero"}), none, "", 2,
        list({"file: /dev/zero: larger than 4194304 bytes"}));
    row("presets file a folder", list({"presets", "--file", "{dir}"}), none, "", 2,
        list({"file: cannot read {dir}: it is a folder"}));
    row("preset from /dev/zero", list({"run", "--preset", "p", "--presets-file", "/dev/zero"}), none, "", 2,
        list({"presets_file: /dev/zero: larger than"}));
    row("preset file missing", list({"run", "--preset", "p", "--presets-file", "{dir}/none.json"}), none, "", 2,
        list({"presets_file: cannot read {dir}/none.json: No such file or directory"}));
    // JSON the parser must refuse (RFC 8259: UTF-8 only, no lone surrogates, no leading zeros).
    row("presets invalid UTF-8", list({"presets", "--validate", "--file", "{dir}/bad-utf8.json"}), none, "", 2,
        list({"invalid preset: {dir}/bad-utf8.json: "}));
    row("presets lone surrogate", list({"presets", "--validate", "--file", "{dir}/lone-surrogate.json"}), none, "", 2,
        list({"invalid preset: {dir}/lone-surrogate.json: "}));
    row("presets leading zero", list({"presets", "--validate", "--file", "{dir}/leading-zero.json"}), none, "", 2,
        list({"invalid preset: {dir}/leading-zero.json: "}));
    row("presets 50 errors", list({"presets", "--file", "{dir}/many-errors.json"}), none, "", 2,
        list({"invalid preset: {dir}/many-errors.json: ", "invalid preset: ... and 30 more"}));

    // Exports that cannot be written: the run is done, the message names the file, and a file
    // that was there stays as it was.
    row("json to /dev/full", run + list({"--json", "/dev/full"}), none, "", 1,
        list({"JSON: cannot write /dev/full: No space left on device"}));
    row("csv to /dev/full", run + list({"--csv", "/dev/full"}), none, "", 1,
        list({"CSV: cannot write /dev/full: No space left on device"}));
    row("json into a missing folder", run + list({"--json", "{dir}/missing/run.json"}), none, "", 1,
        list({"JSON: cannot create {dir}/missing/run.json.part-"}));
    // A file size limit (RLIMIT_FSIZE, which binds root too) makes the write fail part-way; the
    // signal it raises is ignored, so write(2) says EFBIG (setrlimit(2)).
    row("json over a file too large", run + list({"--json", "{dir}/kept.json"}), none, "trap '' XFSZ; ulimit -f 1; ", 1,
        list({"JSON: cannot write {dir}/kept.json: File too large"}));

    // The worker program of the processes model: missing, not executable, crashing, talking
    // nonsense, silent.
    row("worker missing", processes, list({"CLAB_WORKER=/nonexistent/clab-worker"}), "", 1,
        list({"/nonexistent/clab-worker", "CLAB_WORKER"}));
    row("worker not executable", processes, list({"CLAB_WORKER={dir}/not-executable"}), "", 1,
        list({"{dir}/not-executable", "not executable"}));
    row("worker crashes", processes, list({"CLAB_WORKER={dir}/crashes"}), "", 1,
        list({"WORKER FAILED: worker 0", "killed by signal 11 (SIGSEGV)"}));
    row("worker writes garbage", processes, list({"CLAB_WORKER={dir}/garbage"}), "", 1,
        list({"WORKER FAILED: worker 0", "garbled frame"}));
    row("worker hangs", processes, list({"CLAB_WORKER={dir}/hangs"}), "", 1,
        list({"WORKER FAILED: worker 0", "sent nothing for 10 s after it started"}));

    // The temporary folder cannot be made: TMPDIR under a regular file fails for root too.
    row("TMPDIR unusable, threads", run + list({"--workload", "io-file"}), list({"TMPDIR={dir}/kept.json/sub"}), "", 1,
        list({"io-file: cannot create a private folder in {dir}/kept.json/sub (from TMPDIR): Not a directory"}));
    row("TMPDIR unusable, processes", processes + list({"--workload", "io-file"}), list({"TMPDIR={dir}/kept.json/sub"}),
        "", 1, list({"io-file: cannot create a private folder in {dir}/kept.json/sub (from TMPDIR): Not a directory"}));

    // Too few descriptors for 64 worker processes (two pipes each).
    row("ulimit -n 40, 64 processes",
        words(QStringLiteral("run --model processes --workers 64 --tasks 64 --cpu-steps 100")), none, "ulimit -n 40; ",
        1, list({"Too many open files (ulimit -n is 40)"}));
}

void TestFaults::fault()
{
    QFETCH(QStringList, args);
    QFETCH(QStringList, env);
    QFETCH(QString, shell);
    QFETCH(int, exitCode);
    QFETCH(QStringList, messages);
    check(args, env, shell, {}, exitCode, messages);
}

void TestFaults::threadLimit_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    // Each worker sleeps long enough that the first cannot finish, and free its thread, before the
    // last one is asked for, however slowly threads start (ThreadSanitizer).
    QTest::newRow("threads") << words(
        QStringLiteral("run --model threads --workers 16 --workload io-sleep --tasks 16 --io-ms 5000"))
                             << QStringLiteral("cannot start worker thread");
    QTest::newRow("processes") << words(QStringLiteral("run --model processes --workers 16 ") + quickRun())
                               << QStringLiteral("Resource temporarily unavailable");
}

void TestFaults::threadLimit()
{
    // RLIMIT_NPROC counts the threads of the user, and binds no process of root (setrlimit(2)):
    // as root, the CLI runs as nobody (setpriv(1)), whose threads are few.
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    QStringList wrapper;
    if (isRoot()) {
        const QString setpriv = QStandardPaths::findExecutable(QStringLiteral("setpriv"));
        if (setpriv.isEmpty())
            QSKIP("running as root, and setpriv(1) is not there to run the CLI as another user: root's threads "
                  "are not limited by ulimit -u");
        wrapper = QStringList{setpriv, QStringLiteral("--reuid=65534"), QStringLiteral("--regid=65534"),
            QStringLiteral("--clear-groups")};
        // nobody must reach the programs: every folder above the build tree must be searchable.
        for (QFileInfo at(QStringLiteral(CLAB_CLI_PATH)); !at.isRoot(); at = QFileInfo(at.absolutePath())) {
            if (!(at.permissions() & QFile::ExeOther) && at.isDir())
                QSKIP(qPrintable(QStringLiteral("%1 is closed to other users, so the CLI cannot run as nobody")
                                     .arg(at.absoluteFilePath())));
        }
    }
    // Few enough that the run cannot have the threads it asks for: the CLI's main thread, its
    // supervisor and sampler, and a few of its 16 workers.
    const int limit = isRoot() ? 6 : 0;
    if (limit == 0)
        QSKIP("not root: this user's other processes count towards ulimit -u, so no limit is certain to stop "
              "only this run");
    // The worker's folder must be searchable by nobody too; CLAB_WORKER and TMPDIR stay ours.
    QVERIFY(
        QFile(m_dir->path()).setPermissions(QFile::permissions(m_dir->path()) | QFile::ExeOther | QFile::ReadOther));
    QVERIFY(QFile(m_dir->filePath(QStringLiteral("tmp")))
                .setPermissions(QFile::permissions(m_dir->filePath(QStringLiteral("tmp"))) | QFile::ExeOther
                    | QFile::WriteOther | QFile::ReadOther));
    check(args, {}, QStringLiteral("ulimit -u %1; ").arg(limit), wrapper, 1,
        {message, QStringLiteral("(ulimit -u is %1)").arg(limit)});
}

void TestFaults::sequentialWithoutWorkersRunsOneWorker()
{
    // Sequential means one worker: without --workers the CLI does not pick the default of 2, which
    // the model refuses.
    const Result result = runCli(words(QStringLiteral("run --model sequential ") + quickRun()), {});
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    QVERIFY2(result.out.contains(QLatin1String("sequential, 1 worker,")), qPrintable(result.out));
    QVERIFY(collectOrphans().isEmpty());
}

void TestFaults::specialFilesAreWrittenWhereTheyAre()
{
    // /dev/null (as root it could be replaced with a file) and a FIFO are written into, not
    // renamed over.
    struct stat before
    {
    };
    QCOMPARE(stat("/dev/null", &before), 0);
    const QString fifo = m_dir->filePath(QStringLiteral("csv.fifo"));
    QCOMPARE(mkfifo(qPrintable(fifo), 0600), 0);
    QProcess reader;
    reader.start(QStringLiteral("/bin/cat"), {fifo});
    QVERIFY(reader.waitForStarted());
    // The CLI does not wait for a reader ("nothing is reading from it"): wait until cat is in its
    // open of the FIFO, waiting for a writer (the kernel's wait_for_partner), which on a busy
    // machine can be a while after it started.
    const auto readerHasIt = [&] {
        QFile wchan(QStringLiteral("/proc/%1/wchan").arg(reader.processId()));
        return wchan.open(QIODevice::ReadOnly) && wchan.readAll() == "wait_for_partner";
    };
    QTRY_VERIFY_WITH_TIMEOUT(readerHasIt(), 30000);

    const Result result = runCli(words(QStringLiteral("run ") + quickRun())
            + QStringList{QStringLiteral("--json"), QStringLiteral("/dev/null"), QStringLiteral("--csv"), fifo},
        {});
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    QVERIFY(reader.waitForFinished(30000));
    QVERIFY(reader.readAllStandardOutput().startsWith("t_s,tasks_done,throughput_tps"));

    struct stat after
    {
    };
    QCOMPARE(stat("/dev/null", &after), 0);
    QVERIFY(S_ISCHR(after.st_mode));
    QCOMPARE(after.st_ino, before.st_ino);
    struct stat stillFifo
    {
    };
    QCOMPARE(stat(qPrintable(fifo), &stillFifo), 0);
    QVERIFY(S_ISFIFO(stillFifo.st_mode));
    QVERIFY(collectOrphans().isEmpty());
}

void TestFaults::runJsonNamesTheTimelineCap()
{
    // The run's timelines are capped in total, and the JSON says at what and whether it was hit.
    const QString json = m_dir->filePath(QStringLiteral("run.json"));
    const Result result = runCli(
        words(QStringLiteral("run --workers 4 ") + quickRun()) + QStringList{QStringLiteral("--json"), json}, {});
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    QFile file(json);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QJsonObject events = QJsonDocument::fromJson(file.readAll())
                                   .object()[QStringLiteral("summary")]
                                   .toObject()[QStringLiteral("timeline_events")]
                                   .toObject();
    QCOMPARE(events[QStringLiteral("cap")].toInteger(), qint64(1) << 20);
    QCOMPARE(events[QStringLiteral("cap_reached")].toBool(true), false);
    QVERIFY(events[QStringLiteral("stored")].toInteger() > 0);
    QCOMPARE(events[QStringLiteral("dropped")].toInteger(-1), 0);
}

QTEST_GUILESS_MAIN(TestFaults)
#include "tst_faults.moc"
