#include "platform/system.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <vector>

using namespace clab;

// The file calls of the platform layer, on a real temporary directory.
class TestPlatform : public QObject
{
    Q_OBJECT

private slots:
    void directoriesAreTold();
    void removeFileRemovesOnlyThatFile();
    void writeSyncReadBackRoundTrips();
    void writeSyncReadBackSaysWhyItFailed();
    void writingReplacesARegularFileWhole();
    void writingIntoSpecialFilesAndFolders();
    void readingIsCappedWhateverTheFile();
    void tempDirFailureNamesThePlace();
};

void TestPlatform::directoriesAreTold()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(platform::isDirectory(dir.path().toStdString()));
    QVERIFY(!platform::isDirectory(dir.filePath(QStringLiteral("nothing")).toStdString()));
    QVERIFY(!platform::isDirectory(""));
    QVERIFY(!platform::writeFileAtomically(dir.filePath(QStringLiteral("file")).toStdString(), "x"));
    QVERIFY(!platform::isDirectory(dir.filePath(QStringLiteral("file")).toStdString()));
}

void TestPlatform::removeFileRemovesOnlyThatFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string a = dir.filePath(QStringLiteral("a")).toStdString();
    const std::string b = dir.filePath(QStringLiteral("b")).toStdString();
    QVERIFY(!platform::writeFileAtomically(a, "a"));
    QVERIFY(!platform::writeFileAtomically(b, "b"));
    platform::removeFile(a);
    platform::removeFile(a); // already gone: nothing happens
    platform::removeFile("");
    QVERIFY(!QFile::exists(QString::fromStdString(a)));
    QVERIFY(QFile::exists(QString::fromStdString(b)));
}

void TestPlatform::writeSyncReadBackRoundTrips()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string path = dir.filePath(QStringLiteral("unit-0.dat")).toStdString();
    std::vector<unsigned char> data(10'000);
    for (std::size_t i = 0; i < data.size(); ++i)
        data[i] = static_cast<unsigned char>(i * 7);
    std::vector<unsigned char> scratch(4096); // read back in three pieces
    const auto problem = platform::writeSyncReadBack(path, data.data(), data.size(), scratch);
    QVERIFY2(!problem, problem ? problem->c_str() : "");
    QFile file(QString::fromStdString(path));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), QByteArray(reinterpret_cast<const char *>(data.data()), qsizetype(data.size())));

    // Again over the same file: truncated and written anew, not appended.
    const auto again = platform::writeSyncReadBack(path, data.data(), 100, scratch);
    QVERIFY2(!again, again ? again->c_str() : "");
    QCOMPARE(QFile(QString::fromStdString(path)).size(), 100);
}

void TestPlatform::writeSyncReadBackSaysWhyItFailed()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string path = dir.filePath(QStringLiteral("missing/unit-0.dat")).toStdString();
    std::vector<unsigned char> data(64, 1);
    std::vector<unsigned char> scratch(64);
    const auto problem = platform::writeSyncReadBack(path, data.data(), data.size(), scratch);
    QVERIFY(problem.has_value());
    QCOMPARE(QString::fromStdString(*problem), QString::fromUtf8(std::strerror(ENOENT))); // the folder is not there
}

void TestPlatform::writingReplacesARegularFileWhole()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string path = dir.filePath(QStringLiteral("run.json")).toStdString();
    QVERIFY(!platform::writeFileAtomically(path, "first"));
    QVERIFY(!platform::writeFileAtomically(path, "second"));
    QFile file(QString::fromStdString(path));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), QByteArray("second"));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 1); // no temporary file left
    QVERIFY(platform::writeFileAtomically("", "x"));
}

void TestPlatform::writingIntoSpecialFilesAndFolders()
{
    // A device is written into, never replaced (as root, rename(2) could put a file in its place).
    struct stat before
    {
    };
    QCOMPARE(stat("/dev/null", &before), 0);
    QVERIFY(!platform::writeFileAtomically("/dev/null", "nothing"));
    struct stat after
    {
    };
    QCOMPARE(stat("/dev/null", &after), 0);
    QVERIFY(S_ISCHR(after.st_mode));
    QCOMPARE(after.st_ino, before.st_ino);

    // A full device: the failed write is told, naming the path.
    const auto full = platform::writeFileAtomically("/dev/full", std::string(100'000, 'x'));
    QVERIFY(full);
    QVERIFY2(full->find("/dev/full") != std::string::npos && full->find(std::strerror(ENOSPC)) != std::string::npos,
        full->c_str());

    // A FIFO nobody reads: an error at once, not a wait for ever.
    QTemporaryDir dir;
    const std::string fifo = dir.filePath(QStringLiteral("fifo")).toStdString();
    QCOMPARE(mkfifo(fifo.c_str(), 0600), 0);
    const auto unread = platform::writeFileAtomically(fifo, "x");
    QVERIFY(unread);
    QVERIFY2(unread->find("nothing is reading from it") != std::string::npos, unread->c_str());

    // A folder is refused, and stays a folder.
    const auto folder = platform::writeFileAtomically(dir.path().toStdString(), "x");
    QVERIFY(folder);
    QVERIFY2(folder->find("it is a folder") != std::string::npos, folder->c_str());
    QVERIFY(QFileInfo(dir.path()).isDir());
}

void TestPlatform::readingIsCappedWhateverTheFile()
{
    QTemporaryDir dir;
    const std::string path = dir.filePath(QStringLiteral("small.json")).toStdString();
    QVERIFY(!platform::writeFileAtomically(path, "12345"));
    std::string text;
    QVERIFY(!platform::readFileCapped(path, 5, text));
    QCOMPARE(text, std::string("12345"));
    // One byte over: refused, and nothing kept.
    const auto over = platform::readFileCapped(path, 4, text);
    QVERIFY(over);
    QVERIFY2(
        over->find(path) != std::string::npos && over->find("larger than 4 bytes") != std::string::npos, over->c_str());
    QVERIFY(text.empty());
    // A device that never ends, and says it is empty: read only up to the cap.
    const auto zero = platform::readFileCapped("/dev/zero", 1 << 20, text);
    QVERIFY(zero);
    QVERIFY2(zero->find("/dev/zero: larger than") != std::string::npos, zero->c_str());
    // Missing, and a folder.
    const auto missing = platform::readFileCapped("/nonexistent/x.json", 100, text);
    QVERIFY(missing);
    QVERIFY2(missing->find("cannot read /nonexistent/x.json: ") != std::string::npos, missing->c_str());
    const auto folder = platform::readFileCapped(dir.path().toStdString(), 100, text);
    QVERIFY(folder);
    QVERIFY2(folder->find("it is a folder") != std::string::npos, folder->c_str());
}

void TestPlatform::tempDirFailureNamesThePlace()
{
    // Under a regular file: fails for root too (ENOTDIR), where permission bits would not.
    QTemporaryDir dir;
    const std::string file = dir.filePath(QStringLiteral("file")).toStdString();
    QVERIFY(!platform::writeFileAtomically(file, "x"));
    const char *old = std::getenv("TMPDIR");
    const std::string saved = old ? old : "";
    setenv("TMPDIR", (file + "/sub").c_str(), 1);
    std::string error;
    const std::string made = platform::makeTempDir(error);
    if (old)
        setenv("TMPDIR", saved.c_str(), 1);
    else
        unsetenv("TMPDIR");
    QVERIFY(made.empty());
    QVERIFY2(error.find(file + "/sub (from TMPDIR): ") != std::string::npos, error.c_str());

    const std::string fine = platform::makeTempDir(error);
    QVERIFY(!fine.empty());
    QVERIFY(error.empty());
    platform::removeTempDir(fine);
}

QTEST_GUILESS_MAIN(TestPlatform)
#include "tst_platform.moc"
