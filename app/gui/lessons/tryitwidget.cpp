#include "lessons/tryitwidget.h"

#include "lab/rundescription.h"
#include "lessons/lessontext.h"
#include "textutil.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace clab {

TryItWidget::TryItWidget(const TryIt &tryIt, const Preset *preset, QWidget *parent)
    : QFrame(parent)
    , m_presetId(toQString(tryIt.presetId))
    , m_button(new QPushButton(tr("Try it in the Lab")))
{
    const QString title = toQString(tryIt.title);
    setObjectName(QStringLiteral("tryIt_") + m_presetId);
    setAccessibleName(tr("Try it: %1").arg(plainInline(title)));
    setFrameShape(QFrame::StyledPanel);
    setBackgroundRole(QPalette::Base);
    setAutoFillBackground(true);

    auto *heading = new QLabel(inlineMarkdown(title));
    heading->setTextFormat(Qt::RichText);
    heading->setWordWrap(true);
    QFont headingFont = heading->font();
    headingFont.setBold(true);
    heading->setFont(headingFont);

    auto *config = new QLabel;
    config->setObjectName(QStringLiteral("tryItConfig"));
    config->setWordWrap(true);
    config->setForegroundRole(QPalette::PlaceholderText); // the theme's muted text colour
    if (preset)
        config->setText(describeRun(preset->config));
    else
        config->setText(
            tr("This experiment cannot be opened: there is no preset '%1' in presets.json.").arg(m_presetId));

    auto line = [](const QString &label, const std::string &text) {
        auto *widget
            = new QLabel(QStringLiteral("<b>%1</b> %2").arg(label.toHtmlEscaped(), inlineMarkdown(toQString(text))));
        widget->setTextFormat(Qt::RichText);
        widget->setWordWrap(true);
        widget->setTextInteractionFlags(Qt::TextSelectableByMouse);
        return widget;
    };
    QLabel *predict = line(tr("Predict first:"), tryIt.predict);
    predict->setObjectName(QStringLiteral("tryItPredict"));
    QLabel *lookFor = line(tr("Look for:"), tryIt.lookFor);
    lookFor->setObjectName(QStringLiteral("tryItLookFor"));

    // Every experiment is a Python program as well (engine/python): where the student finds it.
    auto *python = new QLabel(tr("In Python: the Lab's Python tab shows this experiment as a program to read, copy "
                                 "and run on your own Python."));
    python->setObjectName(QStringLiteral("tryItPython"));
    python->setWordWrap(true);
    python->setForegroundRole(QPalette::PlaceholderText);
    python->setVisible(preset != nullptr);

    m_button->setObjectName(QStringLiteral("tryItButton"));
    m_button->setAccessibleName(tr("Try it in the Lab: %1").arg(plainInline(title)));
    m_button->setToolTip(tr("Open this experiment in the Lab, with its settings and prediction question"));
    m_button->setEnabled(preset != nullptr);
    connect(m_button, &QPushButton::clicked, this, [this] { emit presetRequested(m_presetId); });

    auto *buttonRow = new QHBoxLayout;
    buttonRow->addWidget(m_button);
    buttonRow->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(14, 12, 14, 12);
    layout->addWidget(heading);
    layout->addWidget(config);
    layout->addWidget(predict);
    layout->addWidget(lookFor);
    layout->addWidget(python);
    layout->addLayout(buttonRow);
}

} // namespace clab
