#include "platform/system.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <cerrno>
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

QTEST_GUILESS_MAIN(TestPlatform)
#include "tst_platform.moc"
