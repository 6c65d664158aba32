#pragma once

#include <QHash>
#include <QTextBrowser>
#include <QTimer>

#include <optional>

namespace clab {

// A lesson's Markdown body, rendered. It does not scroll by itself: its height follows the
// document so the Lessons page can scroll the text together with the Try-it cards and the quiz
// below it. Pictures written as "../resources/lessons/x.svg" are resolved against the lesson's
// resource path and the SVGs are drawn at the width they are shown at, sharp on any screen.
// GUI thread.
class LessonTextWidget : public QTextBrowser
{
    Q_OBJECT

public:
    explicit LessonTextWidget(QWidget *parent = nullptr);

    // `sourcePath` is the lesson's resource path (":/lessons/07-gil.md"), the base of its links.
    void setLesson(const QString &markdown, const QString &sourcePath);
    // Pictures are shown no wider than their own width times `scale` (larger on a projector).
    void setImageScale(double scale);

    // The top of the "## " heading with this text (inline Markdown as written), in this
    // widget's coordinates.
    std::optional<int> headingTop(const QString &heading) const;
    // Marks every occurrence of `term` (case-insensitive; empty clears) and returns the number found.
    int highlight(const QString &term);
    // The rectangle of the first highlighted occurrence, in this widget's coordinates.
    std::optional<QRect> firstHighlight() const;

    // The display size of every picture of the lesson, by the name the lesson wrote.
    QHash<QString, QSize> imageSizes() const { return m_imageSizes; }

    QVariant loadResource(int type, const QUrl &name) override;
    QSize sizeHint() const override;

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    QString resourcePath(const QUrl &name) const;
    int imageWidthFor(const QString &path) const;
    QImage renderImage(const QString &path, int width) const;
    void layoutImages();
    void fitHeight();

    QUrl m_base;
    double m_imageScale = 1.0;
    int m_laidOutWidth = -1; // viewport width the pictures were last sized for
    QHash<QString, QSize> m_imageSizes;
    QTimer m_rerender;
};

} // namespace clab
