#pragma once

#include <QRegularExpression>
#include <QSyntaxHighlighter>
#include <QTextCharFormat>

namespace clab {

// Colours a Python program: keywords, strings (one line, and triple-quoted over several lines),
// comments, numbers and decorators. Two palettes, one for a light and one for a dark background,
// each readable on its theme (contrast of at least 4.5:1 against the editor's background).
class PythonHighlighter : public QSyntaxHighlighter
{
    Q_OBJECT

public:
    explicit PythonHighlighter(QTextDocument *document);

    void setDark(bool dark);
    bool isDark() const { return m_dark; }

protected:
    void highlightBlock(const QString &text) override;

private:
    // Colours one line's strings and comments from `from`; a triple-quoted string left open sets
    // the block's state, so the next line starts inside it.
    void highlightLine(const QString &text, int from);

    bool m_dark = false;
    QTextCharFormat m_keyword;
    QTextCharFormat m_builtin;
    QTextCharFormat m_string;
    QTextCharFormat m_comment;
    QTextCharFormat m_number;
    QTextCharFormat m_decorator;
    QRegularExpression m_words;
    QRegularExpression m_numbers;
};

} // namespace clab
