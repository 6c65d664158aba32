#include "lessons/lessontext.h"

#include "textutil.h"

#include <QRegularExpression>
#include <QStringList>
#include <QTextDocument>

namespace clab {

// Why not QTextDocument::setMarkdown() here, as the Lessons page uses for whole lessons: these
// are one-line fragments inside labels and buttons. QTextDocument::toHtml() wraps them in a whole
// document with a <p> block, margins and its own default font size, which overrides the label's
// font (presentation mode's large type) and adds space; toPlainText() would do for plainInline()
// but would then disagree with inlineMarkdown() on what counts as emphasis. The fragments use only
// `code`, **bold** and *italic*, so three patterns cover them and keep the label's own font.
QString inlineMarkdown(const QString &text)
{
    static const QRegularExpression bold(QStringLiteral("\\*\\*(.+?)\\*\\*"));
    static const QRegularExpression italic(QStringLiteral("(^|[^*\\w])\\*([^*\\s][^*]*?)\\*(?![*\\w])"));
    // Backticks split the text: odd pieces are code spans, even pieces may hold emphasis.
    const QStringList pieces = text.split(QLatin1Char('`'));
    QString html;
    for (qsizetype i = 0; i < pieces.size(); ++i) {
        QString piece = pieces[i].toHtmlEscaped();
        const bool unclosed = i == pieces.size() - 1 && i % 2 == 1;
        if (i % 2 == 1 && !unclosed) {
            html += QStringLiteral("<code>%1</code>").arg(piece);
            continue;
        }
        piece.replace(bold, QStringLiteral("<b>\\1</b>"));
        piece.replace(italic, QStringLiteral("\\1<i>\\2</i>"));
        html += unclosed ? QLatin1Char('`') + piece : piece;
    }
    return html;
}

QString plainInline(const QString &text)
{
    QString plain = text;
    plain.remove(QLatin1Char('`'));
    plain.remove(QStringLiteral("**"));
    static const QRegularExpression italic(QStringLiteral("(^|[^*\\w])\\*([^*\\s][^*]*?)\\*(?![*\\w])"));
    plain.replace(italic, QStringLiteral("\\1\\2"));
    return plain;
}

QString lessonPlainText(const Lesson &lesson)
{
    QStringList parts{toQString(lesson.title)};
    for (const TryIt &tryIt : lesson.tryIts)
        parts << toQString(tryIt.title) << toQString(tryIt.predict) << toQString(tryIt.lookFor);
    for (const QuizQuestion &question : lesson.quiz) {
        parts << toQString(question.text);
        for (const QuizAnswer &answer : question.answers)
            parts << toQString(answer.text) << toQString(answer.feedback);
    }
    for (const std::string &source : lesson.sources)
        parts << toQString(source);
    for (QString &part : parts)
        part = plainInline(part);
    // The body as the reader sees it: "*interpreter* consistent" is searched as words.
    QTextDocument body;
    body.setMarkdown(toQString(lesson.markdown));
    parts.insert(1, body.toPlainText());
    return parts.join(QLatin1Char('\n'));
}

} // namespace clab
