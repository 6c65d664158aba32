#include "lessonlibrary.h"
#include "model/presetcatalog.h"

#include <QFileInfo>
#include <QTest>

#include <set>

using namespace clab;

class TestLessonLibrary : public QObject
{
    Q_OBJECT

private slots:
    void shippedLessonsParse();
    void linksAndImagesResolve();
    void malformedLessonsSayWhere_data();
    void malformedLessonsSayWhere();
};

void TestLessonLibrary::shippedLessonsParse()
{
    const LessonLibrary library = LessonLibrary::load(findLessonsDir());
    for (const std::string &error : library.errors)
        qWarning("%s", error.c_str());
    QVERIFY(library.errors.empty());
    QCOMPARE(library.lessons.size(), std::size_t(17));
    std::size_t images = 0;
    std::size_t links = 0;
    for (const Lesson &lesson : library.lessons) {
        images += lesson.images.size();
        links += lesson.lessonLinks.size();
    }
    QVERIFY(images >= 14); // a picture in nearly every lesson
    QVERIFY(links >= 10);
    for (std::size_t i = 0; i < library.lessons.size(); ++i) {
        const Lesson &lesson = library.lessons[i];
        QCOMPARE(lesson.order, int(i) + 1);
        QVERIFY(!lesson.title.empty());
        QVERIFY2(lesson.title.front() != '"' && lesson.title.back() != '"', lesson.title.c_str());
        QVERIFY2(lesson.markdown.size() > 500, lesson.id.c_str());
        QVERIFY2(!lesson.tryIts.empty(), lesson.id.c_str());
        QVERIFY2(lesson.quiz.size() >= 2 && lesson.quiz.size() <= 3, lesson.id.c_str());
        for (const QuizQuestion &question : lesson.quiz) {
            for (const QuizAnswer &answer : question.answers)
                QVERIFY2(!answer.feedback.empty(), question.text.c_str());
        }
        QVERIFY2(!lesson.sources.empty(), lesson.id.c_str());
        // The interactive parts are not left in the Markdown the page renders.
        QVERIFY(lesson.markdown.find("[Try it:") == std::string::npos);
        QVERIFY(lesson.markdown.find("- [x]") == std::string::npos);
    }
}

void TestLessonLibrary::linksAndImagesResolve()
{
    const std::string dir = findLessonsDir();
    const LessonLibrary library = LessonLibrary::load(dir);
    const PresetCatalog presets = PresetCatalog::load(dir + "/presets.json");
    QVERIFY(!library.lessons.empty());
    std::set<std::string> usedPresets;
    for (const Lesson &lesson : library.lessons) {
        for (const std::string &image : lesson.images) {
            const QFileInfo file(QString::fromStdString(dir + "/" + image));
            QVERIFY2(file.isFile() && file.size() > 100, (lesson.id + ": " + image).c_str());
        }
        for (const std::string &link : lesson.lessonLinks)
            QVERIFY2(library.find(link), (lesson.id + " links to lesson " + link).c_str());
        for (const TryIt &tryIt : lesson.tryIts) {
            QVERIFY2(presets.find(tryIt.presetId), (lesson.id + " tries preset " + tryIt.presetId).c_str());
            usedPresets.insert(tryIt.presetId);
        }
    }
    for (const Preset &preset : presets.presets) {
        QVERIFY2(usedPresets.count(preset.id), (preset.id + " is used by no lesson").c_str());
        QVERIFY2(library.find(preset.lesson), (preset.id + ": lesson " + preset.lesson).c_str());
    }
}

void TestLessonLibrary::malformedLessonsSayWhere_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("error");
    const QString head = QStringLiteral("---\nid: x\ntitle: X\norder: 1\n---\n# X\n\nText.\n\n");
    const QString tryIt = QStringLiteral("## Try it\n\n[Try it: A](preset:a)\nPredict: Q?\nLook for: L.\n\n");
    const QString sources = QStringLiteral("## Sources\n- somewhere\n");
    QTest::newRow("no front matter") << QStringLiteral("# X\n") << "x.md:1: a lesson starts with front matter";
    QTest::newRow("no try it") << head + sources << "x.md:1: a lesson needs at least one Try it";
    QTest::newRow("bad try it line") << head + QStringLiteral("## Try it\n\nTry this: now\n") + sources
                                     << "x.md:12: in 'Try it', expected";
    QTest::newRow("answer without feedback")
        << head + tryIt + QStringLiteral("## Quiz\n\n### Q?\n- [x] yes\n- [ ] no\n  > no.\n") + sources
        << "x.md:19: a quiz answer needs feedback";
    QTest::newRow("no correct answer") << head + tryIt
            + QStringLiteral("## Quiz\n\n### Q?\n- [ ] yes\n  > a\n- [ ] no\n  > b\n")
            + sources << "quiz question 'Q?' needs two or more answers, one of them marked [x]";
    QTest::newRow("no sources") << head + tryIt << "a lesson needs a Sources section";
}

void TestLessonLibrary::malformedLessonsSayWhere()
{
    QFETCH(QString, text);
    QFETCH(QString, error);
    std::vector<std::string> errors;
    LessonLibrary::parse(text.toStdString(), "x.md", errors);
    QVERIFY(!errors.empty());
    bool found = false;
    for (const std::string &e : errors)
        found = found || QString::fromStdString(e).contains(error);
    QVERIFY2(found, errors.front().c_str());
}

QTEST_GUILESS_MAIN(TestLessonLibrary)
#include "tst_lessonlibrary.moc"
