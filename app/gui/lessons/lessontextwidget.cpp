#include "lessons/lessontextwidget.h"

#include <QAbstractTextDocumentLayout>
#include <QImageReader>
#include <QPainter>
#include <QRegularExpression>
#include <QResizeEvent>
#include <QScrollBar>
#include <QSvgRenderer>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>

#include <algorithm>
#include <cmath>

namespace clab {

namespace {

// The size a picture is drawn at by default: an SVG's own width and height, or a bitmap's pixels.
QSize naturalSize(const QString &path)
{
    if (path.endsWith(QLatin1String(".svg"), Qt::CaseInsensitive))
        return QSvgRenderer(path).defaultSize();
    return QImageReader(path).size();
}

// The alternative text of every picture ("![alt](path)"), by path: the picture's tooltip.
QHash<QString, QString> altTexts(const QString &markdown)
{
    static const QRegularExpression image(QStringLiteral("!\\[([^\\]]*)\\]\\(([^)\\s]+)\\)"));
    QHash<QString, QString> alts;
    for (auto it = image.globalMatch(markdown); it.hasNext();) {
        const QRegularExpressionMatch match = it.next();
        alts.insert(match.captured(2), match.captured(1));
    }
    return alts;
}

} // namespace

LessonTextWidget::LessonTextWidget(QWidget *parent)
    : QTextBrowser(parent)
{
    setOpenLinks(false);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setFrameShape(QFrame::NoFrame);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    document()->setDocumentMargin(16);
    // Sizes are settled once the layout of a change is done, not in the middle of it.
    connect(document()->documentLayout(), &QAbstractTextDocumentLayout::documentSizeChanged, this,
        &LessonTextWidget::fitHeight, Qt::QueuedConnection);
    m_rerender.setSingleShot(true);
    m_rerender.setInterval(120);
    connect(&m_rerender, &QTimer::timeout, this, &LessonTextWidget::layoutImages);
}

void LessonTextWidget::setLesson(const QString &markdown, const QString &sourcePath)
{
    m_base = QUrl(QStringLiteral("qrc") + sourcePath);
    m_imageSizes.clear();
    setExtraSelections({});
    setMarkdown(markdown);
    const QHash<QString, QString> alts = altTexts(markdown);
    // The importer keeps no alternative text: it becomes the picture's tooltip.
    for (QTextBlock block = document()->begin(); block.isValid(); block = block.next()) {
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            const QTextFragment fragment = it.fragment();
            if (!fragment.charFormat().isImageFormat())
                continue;
            QTextImageFormat format = fragment.charFormat().toImageFormat();
            format.setToolTip(alts.value(format.name()));
            QTextCursor cursor(document());
            cursor.setPosition(fragment.position());
            cursor.setPosition(fragment.position() + fragment.length(), QTextCursor::KeepAnchor);
            cursor.setCharFormat(format);
        }
    }
    m_laidOutWidth = -1;
    layoutImages();
    fitHeight();
}

void LessonTextWidget::setImageScale(double scale)
{
    if (scale == m_imageScale)
        return;
    m_imageScale = scale;
    m_laidOutWidth = -1;
    layoutImages();
}

QString LessonTextWidget::resourcePath(const QUrl &name) const
{
    const QUrl resolved = name.isRelative() ? m_base.resolved(name) : name;
    if (resolved.scheme() == QLatin1String("qrc"))
        return QLatin1Char(':') + resolved.path();
    if (resolved.isLocalFile())
        return resolved.toLocalFile();
    return {};
}

int LessonTextWidget::imageWidthFor(const QString &path) const
{
    const QSize natural = naturalSize(path);
    if (natural.isEmpty())
        return 0;
    const int available = viewport()->width() - 2 * static_cast<int>(document()->documentMargin());
    const int wanted = static_cast<int>(natural.width() * m_imageScale);
    return std::max(1, std::min(wanted, available));
}

QImage LessonTextWidget::renderImage(const QString &path, int width) const
{
    const QSize natural = naturalSize(path);
    if (natural.isEmpty() || width <= 0)
        return {};
    const QSize size(
        width, std::max(1, static_cast<int>(std::lround(double(width) * natural.height() / natural.width()))));
    if (!path.endsWith(QLatin1String(".svg"), Qt::CaseInsensitive)) {
        QImage image(path);
        return image.isNull() ? image : image.scaled(size, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    }
    const qreal ratio = devicePixelRatioF();
    QImage image(size * ratio, QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(ratio);
    image.fill(Qt::transparent);
    QSvgRenderer renderer(path);
    if (!renderer.isValid())
        return {};
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    renderer.render(&painter, QRectF(QPointF(0, 0), QSizeF(size)));
    return image;
}

QVariant LessonTextWidget::loadResource(int type, const QUrl &name)
{
    if (type == QTextDocument::ImageResource) {
        const QString path = resourcePath(name);
        if (!path.isEmpty()) {
            const QImage image = renderImage(path, imageWidthFor(path));
            if (!image.isNull())
                return image;
        }
    }
    return QTextBrowser::loadResource(type, name);
}

void LessonTextWidget::layoutImages()
{
    const int width = viewport()->width();
    if (width == m_laidOutWidth)
        return;
    m_laidOutWidth = width;
    struct Placement
    {
        int position;
        int length;
        QTextImageFormat format;
    };
    std::vector<Placement> images;
    for (QTextBlock block = document()->begin(); block.isValid(); block = block.next()) {
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            const QTextFragment fragment = it.fragment();
            if (fragment.charFormat().isImageFormat())
                images.push_back({fragment.position(), fragment.length(), fragment.charFormat().toImageFormat()});
        }
    }
    for (Placement &placement : images) {
        const QString name = placement.format.name();
        const QString path = resourcePath(QUrl(name));
        const int imageWidth = path.isEmpty() ? 0 : imageWidthFor(path);
        const QImage image = renderImage(path, imageWidth);
        if (image.isNull())
            continue; // the document shows its broken-image placeholder; tests name the picture
        const QSize size = image.deviceIndependentSize().toSize();
        document()->addResource(QTextDocument::ImageResource, QUrl(name), image);
        m_imageSizes.insert(name, size);
        placement.format.setWidth(size.width());
        placement.format.setHeight(size.height());
        QTextCursor cursor(document());
        cursor.setPosition(placement.position);
        cursor.setPosition(placement.position + placement.length, QTextCursor::KeepAnchor);
        cursor.setCharFormat(placement.format);
    }
}

void LessonTextWidget::fitHeight()
{
    const int height = static_cast<int>(std::ceil(document()->size().height())) + 2 * frameWidth();
    if (height != this->height() || minimumHeight() != height)
        setFixedHeight(height);
}

QSize LessonTextWidget::sizeHint() const
{
    return {
        QTextBrowser::sizeHint().width(), static_cast<int>(std::ceil(document()->size().height())) + 2 * frameWidth()};
}

void LessonTextWidget::resizeEvent(QResizeEvent *event)
{
    QTextBrowser::resizeEvent(event);
    if (event->size().width() != event->oldSize().width()) {
        // Redraw the pictures for the new width once the resizing pauses; the text reflows now.
        if (m_laidOutWidth < 0)
            layoutImages();
        else
            m_rerender.start();
        fitHeight();
    }
}

std::optional<int> LessonTextWidget::headingTop(const QString &heading) const
{
    const QString wanted = heading.simplified();
    for (QTextBlock block = document()->begin(); block.isValid(); block = block.next()) {
        if (block.blockFormat().headingLevel() == 2 && block.text().simplified() == wanted) {
            const QRectF rect = document()->documentLayout()->blockBoundingRect(block);
            return static_cast<int>(rect.top()) + viewport()->y() - verticalScrollBar()->value();
        }
    }
    return std::nullopt;
}

int LessonTextWidget::highlight(const QString &term)
{
    QList<ExtraSelection> selections;
    if (!term.isEmpty()) {
        QTextCharFormat format;
        format.setBackground(palette().color(QPalette::Highlight));
        format.setForeground(palette().color(QPalette::HighlightedText));
        for (QTextCursor found = document()->find(term); !found.isNull(); found = document()->find(term, found))
            selections.append({found, format});
    }
    setExtraSelections(selections);
    return static_cast<int>(selections.size());
}

std::optional<QRect> LessonTextWidget::firstHighlight() const
{
    const QList<ExtraSelection> selections = extraSelections();
    if (selections.isEmpty())
        return std::nullopt;
    QTextCursor start = selections.front().cursor;
    start.setPosition(start.selectionStart());
    return cursorRect(start).translated(viewport()->pos());
}

} // namespace clab
