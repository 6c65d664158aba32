#include "lessonspage.h"

#include <QApplication>
#include <QDesktopServices>
#include <QDir>
#include <QFile>
#include <QHBoxLayout>
#include <QListWidget>
#include <QRegularExpression>
#include <QSplitter>
#include <QTextBrowser>
#include <QTextDocument>

#include <algorithm>

namespace clab {

LessonsPage::LessonsPage(QWidget *parent)
    : QWidget(parent)
    , m_list(new QListWidget)
    , m_text(new QTextBrowser)
{
    setAccessibleName(tr("Lessons"));
    m_list->setObjectName(QStringLiteral("lessonList"));
    m_list->setAccessibleName(tr("Lessons"));
    m_text->setObjectName(QStringLiteral("lessonText"));
    m_text->setAccessibleName(tr("Lesson text"));
    m_text->setOpenLinks(false);
    m_text->setSearchPaths({QStringLiteral(":/lessons")});
    auto *split = new QSplitter(Qt::Horizontal);
    split->addWidget(m_list);
    split->addWidget(m_text);
    split->setStretchFactor(1, 1);
    split->setSizes({360, 1000});
    m_list->setWordWrap(true);
    m_list->setTextElideMode(Qt::ElideNone);
    m_list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_list->setSpacing(2);
    m_text->document()->setDocumentMargin(16);
    auto *layout = new QHBoxLayout(this);
    layout->addWidget(split);
    connect(m_list, &QListWidget::currentRowChanged, this, &LessonsPage::showIndex);
    connect(m_text, &QTextBrowser::anchorClicked, this, &LessonsPage::onLink);
    load();
}

void LessonsPage::load()
{
    const QDir dir(QStringLiteral(":/lessons"));
    static const QRegularExpression frontMatter(QStringLiteral("\\A---\\n(.*?)\\n---\\n"),
                                                QRegularExpression::DotMatchesEverythingOption);
    for (const QString &name : dir.entryList({QStringLiteral("*.md")}, QDir::Files, QDir::Name)) {
        QFile file(dir.filePath(name));
        if (!file.open(QIODevice::ReadOnly))
            continue;
        QString text = QString::fromUtf8(file.readAll());
        Lesson lesson;
        lesson.id = name.chopped(3);
        if (const auto match = frontMatter.match(text); match.hasMatch()) {
            for (const QString &line : match.captured(1).split(QLatin1Char('\n'))) {
                const qsizetype colon = line.indexOf(QLatin1Char(':'));
                if (colon < 0)
                    continue;
                const QString key = line.left(colon).trimmed();
                const QString value = line.mid(colon + 1).trimmed();
                if (key == QLatin1String("id"))
                    lesson.id = value;
                else if (key == QLatin1String("title"))
                    lesson.title = value.size() >= 2 && value.startsWith(QLatin1Char('"')) && value.endsWith(QLatin1Char('"'))
                        ? value.mid(1, value.size() - 2)
                        : value;
                else if (key == QLatin1String("order"))
                    lesson.order = value.toInt();
            }
            text.remove(0, match.capturedLength());
        }
        // Pictures are embedded under :/resources/lessons, next to the lessons.
        text.replace(QStringLiteral("](../resources/lessons/"), QStringLiteral("](qrc:/resources/lessons/"));
        // "Try it" links become buttons-like links the Lab understands.
        lesson.markdown = text;
        if (lesson.title.isEmpty())
            lesson.title = lesson.id;
        m_lessons.push_back(std::move(lesson));
    }
    std::stable_sort(m_lessons.begin(), m_lessons.end(),
                     [](const Lesson &a, const Lesson &b) { return a.order < b.order; });
    for (const Lesson &lesson : m_lessons)
        m_list->addItem(lesson.order > 0 ? QStringLiteral("%1. %2").arg(lesson.order).arg(lesson.title) : lesson.title);
    if (!m_lessons.empty())
        m_list->setCurrentRow(0);
}

void LessonsPage::setAppearance(const Appearance &)
{
    QFont font = QApplication::font();
    font.setPointSizeF(font.pointSizeF() * 1.15);
    m_text->setFont(font);
    showIndex(m_list->currentRow()); // re-lay the document in the new font
}

void LessonsPage::showIndex(int index)
{
    if (index < 0 || index >= static_cast<int>(m_lessons.size()))
        return;
    m_text->setMarkdown(m_lessons[static_cast<std::size_t>(index)].markdown);
}

bool LessonsPage::showLesson(const QString &id)
{
    for (std::size_t i = 0; i < m_lessons.size(); ++i) {
        if (m_lessons[i].id == id) {
            m_list->setCurrentRow(static_cast<int>(i));
            return true;
        }
    }
    return false;
}

QString LessonsPage::currentLessonId() const
{
    const int row = m_list->currentRow();
    return row >= 0 && row < static_cast<int>(m_lessons.size()) ? m_lessons[static_cast<std::size_t>(row)].id
                                                                : QString();
}

void LessonsPage::onLink(const QUrl &url)
{
    if (url.scheme() == QLatin1String("preset"))
        emit presetRequested(url.path());
    else if (url.scheme() == QLatin1String("lesson"))
        showLesson(url.path());
    else if (url.scheme() == QLatin1String("http") || url.scheme() == QLatin1String("https"))
        QDesktopServices::openUrl(url);
}

} // namespace clab
