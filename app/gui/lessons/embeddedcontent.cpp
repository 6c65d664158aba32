#include "lessons/embeddedcontent.h"

#include <QDir>
#include <QFile>

namespace clab {

std::string readAll(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll().toStdString();
}

const LessonLibrary &embeddedLessons()
{
    static const LessonLibrary library = [] {
        std::vector<LessonFile> files;
        const QDir dir(QStringLiteral(":/lessons"));
        for (const QString &name : dir.entryList({QStringLiteral("*.md")}, QDir::Files, QDir::Name))
            files.push_back({dir.filePath(name).toStdString(), readAll(dir.filePath(name))});
        return LessonLibrary::fromFiles(std::move(files));
    }();
    return library;
}

const PresetCatalog &embeddedPresets()
{
    static const PresetCatalog catalog = PresetCatalog::parse(readAll(QStringLiteral(":/lessons/presets.json")));
    return catalog;
}

QString presetLookFor(const Preset &preset)
{
    const TryIt *found = nullptr;
    for (const Lesson &lesson : embeddedLessons().lessons) {
        for (const TryIt &tryIt : lesson.tryIts) {
            if (tryIt.presetId != preset.id || tryIt.lookFor.empty())
                continue;
            if (lesson.id == preset.lesson)
                return QString::fromStdString(tryIt.lookFor);
            if (!found)
                found = &tryIt;
        }
    }
    return found ? QString::fromStdString(found->lookFor) : QString();
}

QStringList embeddedWalkthroughs()
{
    const QDir dir(QStringLiteral(":/lessons/walkthroughs"));
    QStringList paths;
    for (const QString &name : dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name))
        paths << dir.filePath(name);
    return paths;
}

} // namespace clab
