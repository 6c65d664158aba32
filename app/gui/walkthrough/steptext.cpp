#include "walkthrough/steptext.h"

#include "lessonlibrary.h"
#include "model/presetcatalog.h"
#include "textutil.h"
#include "walkthrough.h"
#include "walkthrough/walkthroughplayer.h"

#include <QCoreApplication>

#include <string>
#include <vector>

namespace clab {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("WalkthroughPanel", text);
}

QString listHtml(const std::vector<std::string> &points)
{
    QString html = QStringLiteral("<ul style=\"margin-left: 0px; -qt-list-indent: 1;\">");
    for (const std::string &point : points)
        html += QStringLiteral("<li style=\"margin-bottom: 3px;\">%1</li>").arg(toQString(point).toHtmlEscaped());
    return html + QStringLiteral("</ul>");
}

} // namespace

QString stepWhereText(const WalkthroughPlayer &player, const WalkthroughStep &step)
{
    QString where;
    if (const Lesson *lesson = player.lessons().find(step.lesson))
        where = tr("Lesson %1 · %2").arg(lesson->order).arg(toQString(lesson->title));
    else
        where = tr("Lesson %1").arg(toQString(step.lesson));
    if (!step.section.empty())
        where += QStringLiteral(" › ") + toQString(step.section);
    if (const Preset *preset = step.preset.empty() ? nullptr : player.presets().find(step.preset))
        where += tr("   ·   Lab: %1").arg(toQString(preset->title));
    else
        where += tr("   ·   no experiment in this step");
    return where;
}

QString stepPointsHtml(const WalkthroughStep &step, AfterRun afterRun)
{
    QString html = step.talkingPoints.empty() ? QString() : listHtml(step.talkingPoints);
    if (step.afterRun.empty())
        return html;
    switch (afterRun) {
    case AfterRun::Shown:
        return html + QStringLiteral("<p><b>%1</b></p>").arg(tr("After the run:").toHtmlEscaped())
            + listHtml(step.afterRun);
    case AfterRun::ForPresenter:
        return html
            + QStringLiteral("<p><b>%1</b></p>").arg(tr("After the run (not shown to the class yet):").toHtmlEscaped())
            + listHtml(step.afterRun);
    case AfterRun::Announced:
        break;
    }
    const QString more = step.afterRun.size() == 1
        ? tr("1 more point after the run, once the class has predicted.")
        : tr("%1 more points after the run, once the class has predicted.").arg(step.afterRun.size());
    return html + QStringLiteral("<p><i>%1</i></p>").arg(more.toHtmlEscaped());
}

QString clockText(qint64 ms)
{
    const qint64 seconds = ms / 1000;
    if (seconds >= 3600)
        return QStringLiteral("%1:%2:%3")
            .arg(seconds / 3600)
            .arg(seconds / 60 % 60, 2, 10, QLatin1Char('0'))
            .arg(seconds % 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1:%2").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0'));
}

QString stepTimingText(const WalkthroughPlayer &player)
{
    const WalkthroughStep *step = player.currentStep();
    if (!step)
        return {};
    const auto minutes = [](double value) { return tr("%1 min").arg(QString::number(value, 'g', 3)); };
    const qint64 stepMs = player.stepElapsedMs();
    const double planned = player.walkthrough().durationMin;
    QString text = step->minutes > 0 ? tr("%1 planned · %2 on this step").arg(minutes(step->minutes), clockText(stepMs))
                                     : tr("%1 on this step").arg(clockText(stepMs));
    text += planned > 0 ? tr(" · %1 of %2 in all").arg(clockText(player.elapsedMs()), minutes(planned))
                        : tr(" · %1 in all").arg(clockText(player.elapsedMs()));
    return text;
}

bool isStepOverTime(const WalkthroughPlayer &player)
{
    const WalkthroughStep *step = player.currentStep();
    return step && step->minutes > 0 && static_cast<double>(player.stepElapsedMs()) > step->minutes * 60000.0;
}

} // namespace clab
