#include "apptestsupport.h"
#include "lessons/embeddedcontent.h"
#include "lessons/lessonspage.h"
#include "lessons/lessontextwidget.h"
#include "lessons/quizwidget.h"
#include "lessons/tryitwidget.h"

#include <QAbstractTextDocumentLayout>
#include <QFontDatabase>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QRadioButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTextDocument>

using namespace clab;

namespace {

QString qs(const std::string &text)
{
    return QString::fromStdString(text);
}

// What a rich-text label reads as, without its markup.
QString plainText(const QLabel *label)
{
    QTextDocument document;
    document.setHtml(label->text());
    return document.toPlainText().simplified();
}

int visibleRows(const QListWidget *list)
{
    int visible = 0;
    for (int i = 0; i < list->count(); ++i)
        visible += list->item(i)->isHidden() ? 0 : 1;
    return visible;
}

// Where the lesson's "## heading" is, in the scroll area's viewport (negative: scrolled past).
std::optional<int> headingInViewport(const LessonsPage &page, const QString &heading)
{
    const auto *text = page.findChild<LessonTextWidget *>(QStringLiteral("lessonText"));
    const auto *scroll = page.findChild<QScrollArea *>(QStringLiteral("lessonScroll"));
    for (QTextBlock block = text->document()->begin(); block.isValid(); block = block.next()) {
        if (block.blockFormat().headingLevel() == 2 && block.text() == heading) {
            const QRectF rect = text->document()->documentLayout()->blockBoundingRect(block);
            return text->viewport()->mapTo(scroll->viewport(), QPoint(0, static_cast<int>(rect.top()))).y();
        }
    }
    return std::nullopt;
}

} // namespace

class TestLessonsPage : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void fontsArePresent();
    void everyLessonRenders();
    void nextAndPreviousFollowTheOrder();
    void searchFiltersAndCounts();
    void enterOpensTheFirstHitAndEscClears();
    void quizFeedbackFollowsTheChosenAnswer();
    void progressSurvivesANewPage();
    void showLessonLandsOnTheSection_data();
    void showLessonLandsOnTheSection();
    void showLessonRefusesUnknownInput();
    void lessonLinksOpenTheLesson();
    void tryItButtonRequestsItsPreset();

private:
    QTemporaryDir m_settings;
};

void TestLessonsPage::initTestCase()
{
    QCoreApplication::setOrganizationName(QStringLiteral("ConcurrencyLabTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_lessonspage"));
    test::isolateSettings(m_settings);
    QVERIFY(embeddedLessons().lessons.size() >= 15);
}

void TestLessonsPage::init()
{
    QSettings().clear();
}

void TestLessonsPage::fontsArePresent()
{
    // Without fonts every label renders as boxes and the other tests would still pass.
    QVERIFY(!QFontDatabase::families().isEmpty());
}

void TestLessonsPage::everyLessonRenders()
{
    LessonsPage page;
    page.resize(1400, 900);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    const auto *text = page.findChild<LessonTextWidget *>(QStringLiteral("lessonText"));
    QVERIFY(text);
    QCOMPARE(page.lessonCount(), static_cast<int>(embeddedLessons().lessons.size()));
    int pictures = 0;
    for (const Lesson &lesson : embeddedLessons().lessons) {
        QVERIFY(page.showLesson(qs(lesson.id)));
        QCOMPARE(page.currentLessonId(), qs(lesson.id));
        QTextDocument *document = text->document();
        QVERIFY2(!document->isEmpty(), lesson.path.c_str());
        QVERIFY2(document->toPlainText().size() > 500, lesson.path.c_str());
        QVERIFY2(document->toPlainText().contains(qs(lesson.sections.front()).remove(QLatin1Char('`'))),
            lesson.path.c_str());
        QVERIFY(text->height() >= static_cast<int>(document->size().height()));
        for (const std::string &image : lesson.images) {
            const QVariant resource = document->resource(QTextDocument::ImageResource, QUrl(qs(image)));
            const QImage picture = resource.value<QImage>();
            QVERIFY2(!picture.isNull(), (lesson.path + ": " + image).c_str());
            QVERIFY2(test::hasSeveralColours(picture), image.c_str());
            // Shown at a readable width: its own width, or the whole column when that is narrower.
            const QSize shown = text->imageSizes().value(qs(image));
            QVERIFY2(shown.width() >= 600,
                qPrintable(QStringLiteral("%1 shown %2 px wide").arg(qs(image)).arg(shown.width())));
            ++pictures;
        }
        QCOMPARE(page.findChildren<TryItWidget *>().size(), static_cast<qsizetype>(lesson.tryIts.size()));
        const auto *quiz = page.findChild<QuizWidget *>(QStringLiteral("quiz"));
        QVERIFY(quiz);
        QCOMPARE(quiz->questionCount(), static_cast<int>(lesson.quiz.size()));
        const auto *sources = page.findChild<QLabel *>(QStringLiteral("lessonSources"));
        QVERIFY(sources->isVisible());
        QVERIFY(sources->text().contains(qs(lesson.sources.front()).left(12)));
    }
    QVERIFY(pictures >= 10);
}

void TestLessonsPage::nextAndPreviousFollowTheOrder()
{
    LessonsPage page;
    page.resize(1200, 800);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    const auto &lessons = embeddedLessons().lessons;
    auto *previous = page.findChild<QPushButton *>(QStringLiteral("previousLesson"));
    auto *next = page.findChild<QPushButton *>(QStringLiteral("nextLesson"));
    QVERIFY(previous && next);

    QVERIFY(page.showLesson(qs(lessons.front().id)));
    QVERIFY(!previous->isEnabled());
    QVERIFY(!page.showPrevious());
    QCOMPARE(page.currentLessonId(), qs(lessons.front().id));
    for (std::size_t i = 1; i < lessons.size(); ++i) {
        QTest::mouseClick(next, Qt::LeftButton);
        QCOMPARE(page.currentLessonId(), qs(lessons[i].id));
    }
    QVERIFY(!next->isEnabled());
    QVERIFY(!page.showNext());
    QCOMPARE(page.currentLessonId(), qs(lessons.back().id));
    QTest::mouseClick(previous, Qt::LeftButton);
    QCOMPARE(page.currentLessonId(), qs(lessons[lessons.size() - 2].id));

    // The keyboard does the same while the page is shown.
    page.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&page));
    QTest::keyClick(&page, Qt::Key_Right, Qt::AltModifier);
    QCOMPARE(page.currentLessonId(), qs(lessons.back().id));
    QTest::keyClick(&page, Qt::Key_Right, Qt::AltModifier);
    QCOMPARE(page.currentLessonId(), qs(lessons.back().id));
    QTest::keyClick(&page, Qt::Key_Left, Qt::AltModifier);
    QTest::keyClick(&page, Qt::Key_Left, Qt::AltModifier);
    QCOMPARE(page.currentLessonId(), qs(lessons[lessons.size() - 3].id));
}

void TestLessonsPage::searchFiltersAndCounts()
{
    LessonsPage page;
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    auto *search = page.findChild<QLineEdit *>(QStringLiteral("lessonSearch"));
    auto *list = page.findChild<QListWidget *>(QStringLiteral("lessonList"));
    auto *count = page.findChild<QLabel *>(QStringLiteral("searchCount"));
    QVERIFY(search && list && count);
    const int total = page.lessonCount();
    QCOMPARE(visibleRows(list), total);

    // "Amdahl" carries no markup, so the lesson files say where it is.
    QStringList expected;
    for (const Lesson &lesson : embeddedLessons().lessons) {
        std::string all = lesson.title + lesson.markdown;
        for (const TryIt &t : lesson.tryIts)
            all += t.title + t.predict + t.lookFor;
        for (const QuizQuestion &q : lesson.quiz) {
            all += q.text;
            for (const QuizAnswer &a : q.answers)
                all += a.text + a.feedback;
        }
        for (const std::string &s : lesson.sources)
            all += s;
        if (qs(all).contains(QStringLiteral("amdahl"), Qt::CaseInsensitive))
            expected << qs(lesson.id);
    }
    QVERIFY(!expected.isEmpty() && expected.size() < total);
    QTest::keyClicks(search, QStringLiteral("amdahl"));
    QCOMPARE(visibleRows(list), static_cast<int>(expected.size()));
    for (int i = 0; i < list->count(); ++i)
        QCOMPARE(!list->item(i)->isHidden(),
            expected.contains(qs(embeddedLessons().lessons[static_cast<std::size_t>(i)].id)));
    QVERIFY2(count->text().startsWith(QStringLiteral("%1 of %2 lessons").arg(expected.size()).arg(total))
            || (expected.size() == 1 && count->text().startsWith(QStringLiteral("1 of"))),
        qPrintable(count->text()));

    // The text as read, not as written: "*interpreter* consistent" is found as two words.
    search->clear();
    QTest::keyClicks(search, QStringLiteral("interpreter consistent"));
    QVERIFY(visibleRows(list) >= 1);
    QVERIFY(!list->item(6)->isHidden()); // 7. The GIL

    search->clear();
    QTest::keyClicks(search, QStringLiteral("no lesson says zyxwv"));
    QCOMPARE(visibleRows(list), 0);
    QVERIFY2(count->text().startsWith(QStringLiteral("No lesson")), qPrintable(count->text()));

    search->clear();
    QCOMPARE(visibleRows(list), total);
    QCOMPARE(count->text(), QStringLiteral("%1 lessons").arg(total));
}

void TestLessonsPage::enterOpensTheFirstHitAndEscClears()
{
    LessonsPage page;
    page.resize(1200, 800);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    page.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&page));
    auto *search = page.findChild<QLineEdit *>(QStringLiteral("lessonSearch"));
    auto *list = page.findChild<QListWidget *>(QStringLiteral("lessonList"));
    auto *text = page.findChild<LessonTextWidget *>(QStringLiteral("lessonText"));
    auto *scroll = page.findChild<QScrollArea *>(QStringLiteral("lessonScroll"));
    const QString term = QStringLiteral("convoy effect");
    search->setFocus();
    QTest::keyClicks(search, term);
    int first = -1;
    for (int i = 0; i < list->count() && first < 0; ++i) {
        if (!list->item(i)->isHidden())
            first = i;
    }
    QVERIFY(first > 0); // lesson 1 does not mention it, so Enter has to move
    QTest::keyClick(search, Qt::Key_Return);
    QCOMPARE(page.currentLessonId(), qs(embeddedLessons().lessons[static_cast<std::size_t>(first)].id));
    const QList<QTextEdit::ExtraSelection> marks = text->extraSelections();
    QVERIFY(!marks.isEmpty());
    for (const QTextEdit::ExtraSelection &mark : marks)
        QCOMPARE(mark.cursor.selectedText().toLower(), term);
    // The first mark is scrolled into view.
    QTRY_VERIFY(scroll->verticalScrollBar()->value() > 0);
    const QRect hit = *text->firstHighlight();
    const int y = text->mapTo(scroll->viewport(), hit.topLeft()).y();
    QVERIFY2(y >= 0 && y < scroll->viewport()->height(), qPrintable(QString::number(y)));

    QTest::keyClick(search, Qt::Key_Escape);
    QVERIFY(search->text().isEmpty());
    QCOMPARE(visibleRows(list), page.lessonCount());
    QVERIFY(text->extraSelections().isEmpty());
}

void TestLessonsPage::quizFeedbackFollowsTheChosenAnswer()
{
    LessonsPage page;
    page.resize(1200, 800);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    const Lesson *lesson = embeddedLessons().find("gil");
    QVERIFY(lesson && !lesson->quiz.empty());
    QVERIFY(page.showLesson(QStringLiteral("gil"), QStringLiteral("Quiz")));
    const QuizQuestion &question = lesson->quiz.front();
    int wrong = -1;
    int right = -1;
    for (std::size_t a = 0; a < question.answers.size(); ++a)
        (question.answers[a].correct ? right : wrong) = static_cast<int>(a);
    QVERIFY(wrong >= 0 && right >= 0);

    auto *check = page.findChild<QPushButton *>(QStringLiteral("quizCheck0"));
    auto *feedback = page.findChild<QLabel *>(QStringLiteral("quizFeedback0"));
    auto *mark = page.findChild<QLabel *>(QStringLiteral("quizMark0"));
    QVERIFY(check && feedback && mark);
    QVERIFY(!check->isEnabled()); // nothing chosen yet
    QVERIFY(!feedback->isVisible());

    QTest::mouseClick(page.findChild<QRadioButton *>(QStringLiteral("quizAnswer0_%1").arg(wrong)), Qt::LeftButton);
    QVERIFY(check->isEnabled());
    QVERIFY(!feedback->isVisible());
    QTest::mouseClick(check, Qt::LeftButton);
    QVERIFY(feedback->isVisible());
    QVERIFY2(plainText(feedback).startsWith(QStringLiteral("Not correct.")), qPrintable(plainText(feedback)));
    QVERIFY(plainText(feedback).contains(qs(question.answers[static_cast<std::size_t>(wrong)].feedback).left(30)));
    QCOMPARE(mark->accessibleName(), QStringLiteral("Not correct"));
    QVERIFY(!mark->pixmap().isNull());

    // Choosing another answer hides the old feedback until it is checked.
    QTest::mouseClick(page.findChild<QRadioButton *>(QStringLiteral("quizAnswer0_%1").arg(right)), Qt::LeftButton);
    QVERIFY(!feedback->isVisible());
    QTest::mouseClick(check, Qt::LeftButton);
    QVERIFY(feedback->isVisible());
    QVERIFY2(plainText(feedback).startsWith(QStringLiteral("Correct.")), qPrintable(plainText(feedback)));
    QVERIFY(plainText(feedback).contains(qs(question.answers[static_cast<std::size_t>(right)].feedback).left(30)));
    QCOMPARE(mark->accessibleName(), QStringLiteral("Correct"));

    auto *status = page.findChild<QLabel *>(QStringLiteral("lessonStatus"));
    QCOMPARE(status->text(), QStringLiteral("Quiz: 1 of %1 correct").arg(lesson->quiz.size()));
}

void TestLessonsPage::progressSurvivesANewPage()
{
    const Lesson *gil = embeddedLessons().find("gil");
    const Lesson *threads = embeddedLessons().find("threads");
    QVERIFY(gil && threads);
    int gilRow = -1;
    int threadsRow = -1;
    for (std::size_t i = 0; i < embeddedLessons().lessons.size(); ++i) {
        if (embeddedLessons().lessons[i].id == "gil")
            gilRow = static_cast<int>(i);
        if (embeddedLessons().lessons[i].id == "threads")
            threadsRow = static_cast<int>(i);
    }
    std::vector<int> gilAnswers;
    {
        LessonsPage page;
        page.resize(1200, 800);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QVERIFY(page.showLesson(QStringLiteral("threads")));
        QVERIFY(page.showLesson(QStringLiteral("gil")));
        // Every question of the GIL lesson answered correctly, through the real buttons.
        for (std::size_t q = 0; q < gil->quiz.size(); ++q) {
            int right = 0;
            while (!gil->quiz[q].answers[static_cast<std::size_t>(right)].correct)
                ++right;
            gilAnswers.push_back(right);
            QTest::mouseClick(
                page.findChild<QRadioButton *>(QStringLiteral("quizAnswer%1_%2").arg(q).arg(right)), Qt::LeftButton);
            QTest::mouseClick(page.findChild<QPushButton *>(QStringLiteral("quizCheck%1").arg(q)), Qt::LeftButton);
        }
    }
    LessonsPage again;
    again.resize(1200, 800);
    again.show();
    QVERIFY(QTest::qWaitForWindowExposed(&again));
    auto *list = again.findChild<QListWidget *>(QStringLiteral("lessonList"));
    QCOMPARE(list->item(gilRow)->toolTip(), QStringLiteral("quiz all correct"));
    QVERIFY2(list->item(threadsRow)->toolTip().startsWith(QStringLiteral("opened")),
        qPrintable(list->item(threadsRow)->toolTip()));
    const int untouched = gilRow + 1;
    QVERIFY2(list->item(untouched)->toolTip().startsWith(QStringLiteral("not opened yet")),
        qPrintable(list->item(untouched)->toolTip()));
    QVERIFY(list->item(gilRow)->data(Qt::AccessibleTextRole).toString().contains(QStringLiteral("quiz all correct")));
    // The marks differ in shape, not only in colour: three different pictures.
    const QImage passed = list->item(gilRow)->icon().pixmap(16).toImage();
    const QImage opened = list->item(threadsRow)->icon().pixmap(16).toImage();
    const QImage notOpened = list->item(untouched)->icon().pixmap(16).toImage();
    QVERIFY(passed != opened && opened != notOpened && passed != notOpened);
    QVERIFY(
        again.findChild<QLabel *>(QStringLiteral("progressSummary"))->text().startsWith(QStringLiteral("Opened 3 of")));

    // The quiz comes back answered.
    QVERIFY(again.showLesson(QStringLiteral("gil")));
    const auto *quiz = again.findChild<QuizWidget *>(QStringLiteral("quiz"));
    QCOMPARE(quiz->correctCount(), static_cast<int>(gil->quiz.size()));
    for (std::size_t q = 0; q < gilAnswers.size(); ++q) {
        QCOMPARE(quiz->checkedAnswer(static_cast<int>(q)), std::optional<int>(gilAnswers[q]));
        QVERIFY(again.findChild<QLabel *>(QStringLiteral("quizFeedback%1").arg(q))->isVisible());
    }
}

void TestLessonsPage::showLessonLandsOnTheSection_data()
{
    QTest::addColumn<QString>("lesson");
    QTest::addColumn<QString>("section");
    QTest::addColumn<bool>("hiddenFirst");
    QTest::newRow("heading mid-lesson") << QStringLiteral("gil") << QStringLiteral("How it is handed over") << false;
    QTest::newRow("heading in another lesson")
        << QStringLiteral("switch-interval") << QStringLiteral("The convoy effect") << false;
    QTest::newRow("first heading") << QStringLiteral("threads") << QStringLiteral("Shared memory: the bad part")
                                   << false;
    QTest::newRow("try it") << QStringLiteral("processes") << QStringLiteral("Try it") << false;
    QTest::newRow("quiz") << QStringLiteral("gil") << QStringLiteral("Quiz") << false;
    QTest::newRow("while the page is hidden")
        << QStringLiteral("measuring") << QStringLiteral("Speedup and efficiency") << true;
}

void TestLessonsPage::showLessonLandsOnTheSection()
{
    QFETCH(QString, lesson);
    QFETCH(QString, section);
    QFETCH(bool, hiddenFirst);
    LessonsPage page;
    page.resize(1200, 800);
    if (!hiddenFirst) {
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
    }
    QVERIFY(page.showLesson(lesson, section));
    QCOMPARE(page.currentLessonId(), lesson);
    if (hiddenFirst) {
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
    }
    auto *scroll = page.findChild<QScrollArea *>(QStringLiteral("lessonScroll"));
    const QScrollBar *bar = scroll->verticalScrollBar();
    auto position = [&]() -> std::optional<int> {
        if (section == QLatin1String("Try it") || section == QLatin1String("Quiz")
            || section == QLatin1String("Sources")) {
            const QString name = section == QLatin1String("Try it") ? QStringLiteral("tryItHeading")
                : section == QLatin1String("Quiz")                  ? QStringLiteral("quizHeading")
                                                                    : QStringLiteral("sourcesHeading");
            return page.findChild<QLabel *>(name)->mapTo(scroll->viewport(), QPoint(0, 0)).y();
        }
        return headingInViewport(page, section);
    };
    QVERIFY(position());
    // At the top of the view, or as near as the end of the lesson lets it come.
    QTRY_VERIFY2((*position() >= -2 && *position() <= 24)
            || (bar->value() == bar->maximum() && *position() > 0 && *position() < scroll->viewport()->height() / 2),
        qPrintable(
            QStringLiteral("heading at %1, scrolled %2 of %3").arg(*position()).arg(bar->value()).arg(bar->maximum())));
    QVERIFY(bar->value() > 0);
}

void TestLessonsPage::showLessonRefusesUnknownInput()
{
    LessonsPage page;
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    QVERIFY(page.showLesson(QStringLiteral("threads")));
    QVERIFY(!page.showLesson(QStringLiteral("no-such-lesson")));
    QVERIFY(!page.showLesson(QStringLiteral("no-such-lesson"), QStringLiteral("Quiz")));
    QVERIFY(!page.showLesson(QStringLiteral("gil"), QStringLiteral("No such heading")));
    QCOMPARE(page.currentLessonId(), QStringLiteral("threads"));
}

void TestLessonsPage::lessonLinksOpenTheLesson()
{
    LessonsPage page;
    page.resize(1200, 800);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    QVERIFY(page.showLesson(QStringLiteral("gil"), QStringLiteral("What it does not protect")));
    auto *text = page.findChild<LessonTextWidget *>(QStringLiteral("lessonText"));
    // Click the real link "threads" in the text.
    QTextCursor link;
    for (QTextBlock block = text->document()->begin(); block.isValid() && link.isNull(); block = block.next()) {
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            if (it.fragment().charFormat().anchorHref() == QLatin1String("lesson:threads")) {
                link = QTextCursor(text->document());
                link.setPosition(it.fragment().position() + it.fragment().length() / 2);
                break;
            }
        }
    }
    QVERIFY(!link.isNull());
    // The section was scrolled to, so the link is in view.
    auto *scroll = page.findChild<QScrollArea *>(QStringLiteral("lessonScroll"));
    const QPoint at = text->cursorRect(link).center();
    QTRY_VERIFY(scroll->viewport()->rect().contains(text->viewport()->mapTo(scroll->viewport(), at)));
    QTest::mouseClick(text->viewport(), Qt::LeftButton, {}, at);
    QTRY_COMPARE(page.currentLessonId(), QStringLiteral("threads"));
}

void TestLessonsPage::tryItButtonRequestsItsPreset()
{
    LessonsPage page;
    page.resize(1200, 800);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    const Lesson *lesson = embeddedLessons().find("gil");
    QVERIFY(page.showLesson(QStringLiteral("gil"), QStringLiteral("Try it")));
    QSignalSpy spy(&page, &LessonsPage::presetRequested);
    const QList<TryItWidget *> cards = page.findChildren<TryItWidget *>();
    QCOMPARE(cards.size(), static_cast<qsizetype>(lesson->tryIts.size()));
    for (std::size_t i = 0; i < lesson->tryIts.size(); ++i) {
        TryItWidget *card = nullptr;
        for (TryItWidget *c : cards) {
            if (c->presetId() == qs(lesson->tryIts[i].presetId))
                card = c;
        }
        QVERIFY(card);
        // The card shows the prediction and what to look for.
        QVERIFY(plainText(card->findChild<QLabel *>(QStringLiteral("tryItPredict")))
                    .contains(qs(lesson->tryIts[i].predict).left(30)));
        QVERIFY(plainText(card->findChild<QLabel *>(QStringLiteral("tryItLookFor")))
                    .contains(qs(lesson->tryIts[i].lookFor).left(30)));
        // ... and where the same experiment is as a Python program.
        QVERIFY(
            plainText(card->findChild<QLabel *>(QStringLiteral("tryItPython"))).contains(QStringLiteral("Python tab")));
        QTest::mouseClick(card->button(), Qt::LeftButton);
        QCOMPARE(spy.size(), static_cast<qsizetype>(i + 1));
        QCOMPARE(spy.last().at(0).toString(), qs(lesson->tryIts[i].presetId));
    }
}

QTEST_MAIN(TestLessonsPage)
#include "tst_lessonspage.moc"
