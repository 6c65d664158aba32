#pragma once

#include "runconfig.h"

#include <QByteArray>
#include <QString>

#include <vector>

namespace clab {

// One experiment of lessons/presets.json: a config and the question to predict before running it.
struct Preset
{
    QString id;
    QString title;
    QString lesson;
    QString question;
    RunConfig config;
};

// The presets the lessons link to. Data, not code: read from the JSON file embedded in the
// program (":/lessons/presets.json"), each config key set through the engine's setField().
class PresetLibrary
{
public:
    static PresetLibrary builtIn();

    // Parses a presets file. Presets with unknown keys or values are skipped and named in `error`.
    bool loadJson(const QByteArray &json, QString *error = nullptr);

    const std::vector<Preset> &presets() const { return m_presets; }
    const Preset *find(const QString &id) const;

private:
    std::vector<Preset> m_presets;
};

} // namespace clab
