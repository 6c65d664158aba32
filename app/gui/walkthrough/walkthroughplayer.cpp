#include "walkthrough/walkthroughplayer.h"

#include "platform/system.h"
#include "textutil.h"

#include <QFile>

namespace clab {

WalkthroughPlayer::WalkthroughPlayer(const LessonLibrary &lessons, const PresetCatalog &presets, QObject *parent)
    : QObject(parent)
    , m_lessons(lessons)
    , m_presets(presets)
{}

QStringList WalkthroughPlayer::open(const std::string &jsonText, const QString &source)
{
    WalkthroughParse parsed = parseWalkthrough(jsonText, m_lessons, m_presets);
    if (!parsed.ok()) {
        QStringList errors;
        for (const std::string &error : parsed.errors)
            errors << toQString(error);
        return errors;
    }
    m_walkthrough = std::move(parsed.walkthrough);
    m_source = source;
    m_index = 0;
    m_afterRunShown = false;
    m_sinceOpened.start();
    m_sinceStep.start();
    emit opened();
    emit stepChanged(m_index);
    return {};
}

QStringList WalkthroughPlayer::openFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {tr("%1: cannot be read (%2)").arg(path, file.errorString())};
    // At most one byte more than allowed, whatever the file is: a device such as /dev/zero says it
    // is empty and never ends, so its size cannot be trusted.
    const QByteArray bytes = file.read(kMaxFileBytes + 1);
    if (bytes.size() > kMaxFileBytes)
        return {tr("%1: too large for a walkthrough (at most %2 bytes)").arg(path).arg(kMaxFileBytes)};
    if (file.error() != QFileDevice::NoError)
        return {tr("%1: cannot be read (%2)").arg(path, file.errorString())};
    return open(bytes.toStdString(), path);
}

QString WalkthroughPlayer::saveAs(const QString &path) const
{
    if (!isOpen())
        return tr("no walkthrough is open");
    // writeFileAtomically, not QSaveFile, whose commit() ignores a failed fsync(2) (a full disk).
    if (auto error = platform::writeFileAtomically(toStdString(path), m_walkthrough.toJson()))
        return toQString(*error);
    return {};
}

void WalkthroughPlayer::close()
{
    if (!isOpen())
        return;
    m_walkthrough = {};
    m_source.clear();
    m_index = -1;
    m_sinceOpened.invalidate();
    m_sinceStep.invalidate();
    emit closed();
}

const WalkthroughStep *WalkthroughPlayer::currentStep() const
{
    return isOpen() ? &m_walkthrough.steps[static_cast<std::size_t>(m_index)] : nullptr;
}

bool WalkthroughPlayer::next()
{
    return goToStep(m_index + 1);
}

bool WalkthroughPlayer::previous()
{
    return goToStep(m_index - 1);
}

bool WalkthroughPlayer::goToStep(int index)
{
    if (!isOpen() || index < 0 || index >= stepCount() || index == m_index)
        return false;
    m_index = index;
    m_afterRunShown = false;
    m_sinceStep.start();
    emit stepChanged(m_index);
    return true;
}

void WalkthroughPlayer::revealAfterRun()
{
    if (!isOpen() || m_afterRunShown)
        return;
    m_afterRunShown = true;
    emit afterRunRevealed();
}

qint64 WalkthroughPlayer::elapsedMs() const
{
    return m_sinceOpened.isValid() ? m_sinceOpened.elapsed() : 0;
}

qint64 WalkthroughPlayer::stepElapsedMs() const
{
    return m_sinceStep.isValid() ? m_sinceStep.elapsed() : 0;
}

} // namespace clab
