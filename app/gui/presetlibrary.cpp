#include "presetlibrary.h"

#include "textutil.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

namespace clab {

namespace {

// A JSON value as the text setField() parses ("4000", "0.5", "true", "threads").
QString valueText(const QJsonValue &value)
{
    if (value.isBool())
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (value.isDouble()) {
        const double number = value.toDouble();
        if (number == std::trunc(number) && std::abs(number) < 1e15)
            return QString::number(static_cast<qint64>(number));
        return QString::number(number, 'g', 17);
    }
    return value.toString();
}

} // namespace

PresetLibrary PresetLibrary::builtIn()
{
    PresetLibrary library;
    QFile file(QStringLiteral(":/lessons/presets.json"));
    if (file.open(QIODevice::ReadOnly))
        library.loadJson(file.readAll());
    return library;
}

bool PresetLibrary::loadJson(const QByteArray &json, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (!document.isArray()) {
        if (error)
            *error = parseError.errorString();
        return false;
    }
    QStringList problems;
    for (const QJsonValue &entry : document.array()) {
        const QJsonObject object = entry.toObject();
        Preset preset;
        preset.id = object.value(QStringLiteral("id")).toString();
        preset.title = object.value(QStringLiteral("title")).toString();
        preset.lesson = object.value(QStringLiteral("lesson")).toString();
        preset.question = object.value(QStringLiteral("question")).toString();
        const QJsonObject config = object.value(QStringLiteral("config")).toObject();
        bool ok = !preset.id.isEmpty();
        for (auto it = config.begin(); it != config.end() && ok; ++it) {
            if (auto problem = setField(preset.config, toStdString(it.key()), toStdString(valueText(it.value())))) {
                problems << preset.id + QStringLiteral(": ") + toQString(problem->toString());
                ok = false;
            }
        }
        if (ok)
            m_presets.push_back(std::move(preset));
    }
    if (error)
        *error = problems.join(QStringLiteral("; "));
    return problems.isEmpty();
}

const Preset *PresetLibrary::find(const QString &id) const
{
    for (const Preset &preset : m_presets) {
        if (preset.id == id)
            return &preset;
    }
    return nullptr;
}

} // namespace clab
