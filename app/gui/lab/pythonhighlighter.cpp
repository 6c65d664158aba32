#include "lab/pythonhighlighter.h"

#include <QStringList>

#include <algorithm>

namespace clab {

namespace {

// The block states: a triple-quoted string left open at the end of the line, and its quote.
constexpr int kNormal = 0;
constexpr int kInDoubleTriple = 1;
constexpr int kInSingleTriple = 2;

// Python's keywords and soft keywords (the `keyword` module's kwlist and softkwlist).
const QStringList &keywords()
{
    static const QStringList words = {QStringLiteral("False"), QStringLiteral("None"), QStringLiteral("True"),
        QStringLiteral("and"), QStringLiteral("as"), QStringLiteral("assert"), QStringLiteral("async"),
        QStringLiteral("await"), QStringLiteral("break"), QStringLiteral("class"), QStringLiteral("continue"),
        QStringLiteral("def"), QStringLiteral("del"), QStringLiteral("elif"), QStringLiteral("else"),
        QStringLiteral("except"), QStringLiteral("finally"), QStringLiteral("for"), QStringLiteral("from"),
        QStringLiteral("global"), QStringLiteral("if"), QStringLiteral("import"), QStringLiteral("in"),
        QStringLiteral("is"), QStringLiteral("lambda"), QStringLiteral("nonlocal"), QStringLiteral("not"),
        QStringLiteral("or"), QStringLiteral("pass"), QStringLiteral("raise"), QStringLiteral("return"),
        QStringLiteral("try"), QStringLiteral("while"), QStringLiteral("with"), QStringLiteral("yield"),
        QStringLiteral("match"), QStringLiteral("case")};
    return words;
}

// The builtins the programs use most, coloured apart from the keywords.
const QStringList &builtins()
{
    static const QStringList words = {QStringLiteral("print"), QStringLiteral("range"), QStringLiteral("len"),
        QStringLiteral("min"), QStringLiteral("max"), QStringLiteral("sum"), QStringLiteral("sorted"),
        QStringLiteral("int"), QStringLiteral("float"), QStringLiteral("str"), QStringLiteral("bytes"),
        QStringLiteral("list"), QStringLiteral("dict"), QStringLiteral("set"), QStringLiteral("tuple"),
        QStringLiteral("bool"), QStringLiteral("open"), QStringLiteral("getattr"), QStringLiteral("isinstance"),
        QStringLiteral("enumerate"), QStringLiteral("zip"), QStringLiteral("self")};
    return words;
}

QTextCharFormat charFormat(const QColor &colour, bool bold = false, bool italic = false)
{
    QTextCharFormat result;
    result.setForeground(colour);
    if (bold)
        result.setFontWeight(QFont::Bold);
    result.setFontItalic(italic);
    return result;
}

} // namespace

PythonHighlighter::PythonHighlighter(QTextDocument *document)
    : QSyntaxHighlighter(document)
    , m_words(QStringLiteral("\\b[A-Za-z_][A-Za-z0-9_]*\\b"))
    , m_numbers(QStringLiteral("\\b(?:0[xX][0-9a-fA-F_]+|[0-9][0-9_]*\\.?[0-9_]*(?:[eE][-+]?[0-9]+)?)\\b"))
{
    setDark(false);
}

void PythonHighlighter::setDark(bool dark)
{
    m_dark = dark;
    // Light: on white; dark: on the dark theme's panel (40, 43, 48). Each kind its own hue, dark
    // enough (light enough) to read as text on its background.
    m_keyword = charFormat(dark ? QColor(198, 146, 255) : QColor(128, 0, 160), true);
    m_builtin = charFormat(dark ? QColor(110, 190, 255) : QColor(0, 82, 160));
    m_string = charFormat(dark ? QColor(152, 214, 120) : QColor(24, 112, 24));
    m_comment = charFormat(dark ? QColor(160, 166, 176) : QColor(100, 104, 112), false, true);
    m_number = charFormat(dark ? QColor(255, 176, 96) : QColor(170, 70, 0));
    m_decorator = charFormat(dark ? QColor(240, 200, 90) : QColor(128, 96, 0));
    rehighlight();
}

void PythonHighlighter::highlightBlock(const QString &text)
{
    // Names and numbers first; strings and comments then colour over what they contain.
    for (auto it = m_words.globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch match = it.next();
        const QString word = match.captured();
        if (keywords().contains(word))
            setFormat(int(match.capturedStart()), int(match.capturedLength()), m_keyword);
        else if (builtins().contains(word))
            setFormat(int(match.capturedStart()), int(match.capturedLength()), m_builtin);
    }
    for (auto it = m_numbers.globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch match = it.next();
        setFormat(int(match.capturedStart()), int(match.capturedLength()), m_number);
    }
    const QString stripped = text.trimmed();
    if (stripped.startsWith(QLatin1Char('@')))
        setFormat(int(text.indexOf(QLatin1Char('@'))), int(stripped.size()), m_decorator);

    setCurrentBlockState(kNormal);
    int from = 0;
    const int previous = previousBlockState();
    if (previous == kInDoubleTriple || previous == kInSingleTriple) {
        const QString quote = QString(3, previous == kInDoubleTriple ? QLatin1Char('"') : QLatin1Char('\''));
        const int end = int(text.indexOf(quote));
        if (end < 0) {
            setFormat(0, int(text.size()), m_string);
            setCurrentBlockState(previous);
            return;
        }
        setFormat(0, end + 3, m_string);
        from = end + 3;
    }
    highlightLine(text, from);
}

void PythonHighlighter::highlightLine(const QString &text, int from)
{
    const int size = int(text.size());
    int i = from;
    while (i < size) {
        const QChar c = text[i];
        if (c == QLatin1Char('#')) {
            setFormat(i, size - i, m_comment);
            return;
        }
        if (c != QLatin1Char('"') && c != QLatin1Char('\'')) {
            ++i;
            continue;
        }
        // A string's prefix (f, r, b, rb, ...) is coloured with it.
        int start = i;
        while (start > 0 && QStringLiteral("rRbBfFuU").contains(text[start - 1]))
            --start;
        if (start > 0 && (text[start - 1].isLetterOrNumber() || text[start - 1] == QLatin1Char('_')))
            start = i; // the end of a name, not a prefix
        const QString triple(3, c);
        if (text.mid(i, 3) == triple) {
            const int end = int(text.indexOf(triple, i + 3));
            if (end < 0) {
                setFormat(start, size - start, m_string);
                setCurrentBlockState(c == QLatin1Char('"') ? kInDoubleTriple : kInSingleTriple);
                return;
            }
            setFormat(start, end + 3 - start, m_string);
            i = end + 3;
            continue;
        }
        int j = i + 1;
        while (j < size && text[j] != c) {
            if (text[j] == QLatin1Char('\\'))
                ++j; // an escaped character, a quote included
            ++j;
        }
        const int end = std::min(j + 1, size);
        setFormat(start, end - start, m_string);
        i = end;
    }
}

} // namespace clab
