#include "runexporter.h"

#include "textutil.h"

#include <QBuffer>
#include <QDir>
#include <QGraphicsView>
#include <QImage>
#include <QPainter>
#include <QSaveFile>
#include <QSvgGenerator>
#include <QWidget>

namespace clab {

namespace {

QString saveBytes(const QString &path, const QByteArray &bytes)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return file.errorString();
    if (file.write(bytes) != bytes.size())
        return file.errorString();
    if (!file.commit())
        return file.errorString();
    return {};
}

// Charts are QGraphicsViews: render the view (a vector scene) rather than the widget's pixels.
void paintWidget(QWidget *widget, QPainter &painter)
{
    if (auto *view = qobject_cast<QGraphicsView *>(widget))
        view->render(&painter, QRectF(QPointF(0, 0), widget->size()), view->viewport()->rect());
    else
        widget->render(&painter, QPoint(), QRegion(), QWidget::DrawWindowBackground | QWidget::DrawChildren);
}

} // namespace

QString RunExporter::writePng(QWidget *widget, const QString &path)
{
    const QImage image = widget->grab().toImage();
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    if (!image.save(&buffer, "PNG"))
        return QStringLiteral("could not encode PNG");
    return saveBytes(path, bytes);
}

QString RunExporter::writeSvg(QWidget *widget, const QString &path, const QString &title)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QSvgGenerator generator;
    generator.setOutputDevice(&buffer);
    generator.setSize(widget->size());
    generator.setViewBox(QRect(QPoint(0, 0), widget->size()));
    generator.setTitle(title);
    generator.setDescription(QStringLiteral("Concurrency Lab"));
    {
        QPainter painter(&generator);
        paintWidget(widget, painter);
    }
    return saveBytes(path, bytes);
}

QString RunExporter::writeText(const QString &path, const std::string &content)
{
    if (auto error = writeFileAtomically(toStdString(path), content))
        return toQString(*error);
    return {};
}

RunExporter::Outcome RunExporter::exportAll(const QString &directory,
                                            const std::vector<std::pair<QString, QWidget *>> &charts,
                                            const RunResult *result)
{
    Outcome outcome;
    const QDir dir(directory);
    if (!dir.exists() && !QDir().mkpath(directory)) {
        outcome.errors << QStringLiteral("%1: cannot create the folder").arg(directory);
        return outcome;
    }
    auto record = [&](const QString &name, const QString &error) {
        if (error.isEmpty())
            outcome.written << name;
        else
            outcome.errors << name + QStringLiteral(": ") + error;
    };
    for (const auto &[name, widget] : charts) {
        record(name + QStringLiteral(".png"), writePng(widget, dir.filePath(name + QStringLiteral(".png"))));
        record(name + QStringLiteral(".svg"), writeSvg(widget, dir.filePath(name + QStringLiteral(".svg")), name));
    }
    if (result) {
        record(QStringLiteral("run.json"), writeText(dir.filePath(QStringLiteral("run.json")), result->toJson(true)));
        record(QStringLiteral("samples.csv"), writeText(dir.filePath(QStringLiteral("samples.csv")), result->samplesCsv()));
        record(QStringLiteral("trace.json"), writeText(dir.filePath(QStringLiteral("trace.json")), result->chromeTrace()));
        record(QStringLiteral("summary.txt"), writeText(dir.filePath(QStringLiteral("summary.txt")), result->summaryText()));
    }
    return outcome;
}

} // namespace clab
