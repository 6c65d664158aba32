#include "lab/labpage.h"

#include "lab/predictionwidget.h"
#include "lab/runsettingsform.h"
#include "lab/summarywidget.h"
#include "textutil.h"

#include <QComboBox>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

// The Lab's left column (the settings, which fold away, then the prediction and Run/Stop) and
// how the page shares its width between the columns. The rest of LabPage is in labpage.cpp.

namespace clab {

QWidget *LabPage::buildControls()
{
    // The settings scroll; the prediction and Run/Stop stay below them, always in view, and the
    // settings fold away to give a projector's charts the room.
    m_controls = new QWidget;
    auto *column = new QVBoxLayout(m_controls);

    // Presets.
    auto *presetBox = new QGroupBox(tr("Experiment"));
    auto *presetLayout = new QVBoxLayout(presetBox);
    m_preset = new QComboBox;
    m_preset->setObjectName(QStringLiteral("presetCombo"));
    m_preset->setAccessibleName(tr("Preset experiment"));
    m_preset->addItem(tr("Custom experiment"), QString());
    for (const Preset &preset : m_presets->presets)
        m_preset->addItem(toQString(preset.title), toQString(preset.id));
    m_preset->setMinimumContentsLength(24);
    m_preset->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    auto *presetLabel = new QLabel(tr("&Preset:"));
    presetLabel->setBuddy(m_preset);
    m_presetQuestion = new QLabel;
    m_presetQuestion->setWordWrap(true);
    m_presetQuestion->setObjectName(QStringLiteral("presetQuestion"));
    m_presetQuestion->setAccessibleName(tr("Preset question"));
    m_presetQuestion->setVisible(false);
    presetLayout->addWidget(presetLabel);
    presetLayout->addWidget(m_preset);
    presetLayout->addWidget(m_presetQuestion);
    column->addWidget(presetBox);

    m_form = new RunSettingsForm;
    column->addWidget(m_form);
    column->addStretch();

    m_settingsScroll = new QScrollArea;
    m_settingsScroll->setObjectName(QStringLiteral("settingsScroll"));
    m_settingsScroll->setWidget(m_controls);
    m_settingsScroll->setWidgetResizable(true);
    m_settingsScroll->setFrameShape(QFrame::NoFrame);
    m_settingsScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);

    m_settingsToggle = new QToolButton;
    m_settingsToggle->setObjectName(QStringLiteral("settingsToggle"));
    m_settingsToggle->setAccessibleName(tr("Show the settings"));
    m_settingsToggle->setCheckable(true);
    m_settingsToggle->setChecked(true);
    m_settingsToggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_settingsToggle->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    connect(m_settingsToggle, &QToolButton::clicked, this, [this](bool shown) {
        m_settingsChosen = true; // from now on only the user folds or unfolds them
        setSettingsShown(shown);
    });

    auto *left = new QWidget;
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(m_settingsToggle);
    leftLayout->addWidget(m_settingsScroll, 1);

    m_predict = new PredictionWidget;
    leftLayout->addWidget(m_predict);

    m_validation = new QLabel;
    m_validation->setObjectName(QStringLiteral("validationLabel"));
    m_validation->setAccessibleName(tr("Validation message"));
    m_validation->setWordWrap(true);
    m_validation->setVisible(false);
    leftLayout->addWidget(m_validation);

    auto *buttons = new QHBoxLayout;
    m_run = new QPushButton(tr("Run"));
    m_run->setObjectName(QStringLiteral("runButton"));
    m_run->setAccessibleName(tr("Run"));
    m_run->setToolTip(tr("Run the experiment (Ctrl+R)"));
    m_run->setDefault(true);
    m_stop = new QPushButton(tr("Stop"));
    m_stop->setObjectName(QStringLiteral("stopButton"));
    m_stop->setAccessibleName(tr("Stop"));
    m_stop->setToolTip(tr("Stop the run (Esc)"));
    buttons->addWidget(m_run);
    buttons->addWidget(m_stop);
    leftLayout->addLayout(buttons);
    leftLayout->addStretch(); // takes the room of folded settings, keeping the buttons on top

    connect(m_preset, &QComboBox::activated, this, &LabPage::onPresetChosen);
    connect(m_run, &QPushButton::clicked, this, &LabPage::startRun);
    connect(m_stop, &QPushButton::clicked, this, &LabPage::stopRun);

    m_leftColumn = left;
    setSettingsShown(true);
    return left;
}

void LabPage::setSettingsShown(bool shown)
{
    m_settingsScroll->setVisible(shown);
    m_settingsToggle->setChecked(shown);
    m_settingsToggle->setArrowType(shown ? Qt::DownArrow : Qt::RightArrow);
    m_settingsToggle->setText(shown ? tr("Hide the settings") : tr("Show the settings"));
    m_settingsToggle->setAccessibleName(m_settingsToggle->text());
    // On a desktop the open form is never squeezed behind a scroll bar; on a projector's narrow
    // window it may be, the settings being folded there unless asked for.
    const bool narrowProjector = m_appearance.presentation && window()->width() < kFoldBelowWidth;
    m_leftColumn->setMinimumWidth(shown && !narrowProjector ? settingsWidth() : 0);
    // Open, the column is as wide as the form; folded, as the prediction and the buttons, and the
    // charts get the difference.
    if (!m_split)
        return;
    QList<int> sizes = m_split->sizes();
    if (sizes.size() != 3 || sizes[0] == 0)
        return;
    const int wanted = shown ? settingsWidth() : m_leftColumn->minimumSizeHint().width();
    sizes[1] = std::max(0, sizes[1] + sizes[0] - wanted);
    sizes[0] = wanted;
    m_split->setSizes(sizes);
}

int LabPage::settingsWidth() const
{
    return std::max(m_controls->sizeHint().width() + 24, m_leftColumn->minimumSizeHint().width());
}

void LabPage::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    fitColumns();
}

void LabPage::fitColumns()
{
    if (!m_split)
        return;
    // The summary is never cut at the side: its column is at least as wide as its rows need.
    const int scrollBar = m_summaryScroll->style()->pixelMetric(QStyle::PM_ScrollBarExtent, nullptr, m_summaryScroll);
    // (The word-wrapping rows report a smaller minimum than their longest words take: measure
    // those words, a row's name and its value, plus the box's margins.)
    const QFontMetrics metrics = m_summary->fontMetrics();
    const int rowWidth = metrics.horizontalAdvance(tr("Throughput")) + metrics.horizontalAdvance(tr("requests),"))
        + 4 * metrics.averageCharWidth() + 36;
    const int summaryWidth = std::max(m_summary->minimumSizeHint().width(), rowWidth) + scrollBar + 4;
    m_summaryScroll->setMinimumWidth(summaryWidth);
    // The splitter keeps the widths it has: give the summary what it now needs from the charts.
    if (QList<int> sizes = m_split->sizes(); sizes.size() == 3 && sizes[2] > 0 && sizes[2] < summaryWidth) {
        sizes[1] = std::max(0, sizes[1] - (summaryWidth - sizes[2]));
        sizes[2] = summaryWidth;
        m_split->setSizes(sizes);
    }
    // A projector's narrow window has no room for the settings beside the charts and the summary.
    if (m_appearance.presentation && !m_settingsChosen && settingsShown() && window()->width() < kFoldBelowWidth)
        setSettingsShown(false);
}

bool LabPage::settingsShown() const
{
    return !m_settingsScroll->isHidden();
}

std::optional<bool> LabPage::settingsChoice() const
{
    return m_settingsChosen ? std::optional<bool>(settingsShown()) : std::nullopt;
}

void LabPage::setSettingsChoice(std::optional<bool> shown)
{
    m_settingsChosen = shown.has_value();
    if (shown)
        setSettingsShown(*shown);
    else
        fitColumns(); // folded again by the window's size
}

} // namespace clab
