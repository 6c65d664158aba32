#include "export/exportdialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPixmap>
#include <QPushButton>
#include <QVBoxLayout>

namespace clab {

namespace {

// The preview's width on screen; the image itself is written at its full size.
constexpr int kPreviewWidth = 480;

} // namespace

ExportDialog::ExportDialog(std::vector<std::pair<QString, QWidget *>> charts, SpecFor specFor,
    const QString &startFolder, const SlideOptions &options, QWidget *parent)
    : QDialog(parent)
    , m_charts(std::move(charts))
    , m_specFor(std::move(specFor))
    , m_folder(new QLineEdit(startFolder))
    , m_chart(new QComboBox)
    , m_size(new QComboBox)
    , m_theme(new QComboBox)
    , m_caption(new QCheckBox(tr("Caption: the preset's title (or the experiment) and the date")))
    , m_preview(new QLabel)
    , m_previewText(new QLabel)
{
    setWindowTitle(tr("Export"));
    setObjectName(QStringLiteral("exportDialog"));

    auto *choose = new QPushButton(tr("&Choose…"));
    connect(choose, &QPushButton::clicked, this, &ExportDialog::chooseFolder);
    auto *folderRow = new QHBoxLayout;
    folderRow->addWidget(m_folder, 1);
    folderRow->addWidget(choose);

    for (const auto &[name, widget] : m_charts)
        m_chart->addItem(name + QStringLiteral(".png"), name);
    for (const auto size : {SlideOptions::Size::Wide, SlideOptions::Size::Standard, SlideOptions::Size::Screen})
        m_size->addItem(SlideOptions::sizeText(size), static_cast<int>(size));
    m_size->setCurrentIndex(m_size->findData(static_cast<int>(options.size)));
    m_theme->addItem(tr("The window's theme"), static_cast<int>(SlideOptions::Theme::Current));
    m_theme->addItem(tr("Slide: white background, large type"), static_cast<int>(SlideOptions::Theme::Slide));
    m_theme->setCurrentIndex(m_theme->findData(static_cast<int>(options.theme)));
    m_caption->setChecked(options.caption);
    m_folder->setObjectName(QStringLiteral("exportFolder"));
    m_size->setObjectName(QStringLiteral("exportSize"));
    m_theme->setObjectName(QStringLiteral("exportTheme"));
    m_caption->setObjectName(QStringLiteral("exportCaption"));
    m_preview->setObjectName(QStringLiteral("exportPreview"));
    m_preview->setAccessibleName(tr("Preview"));
    m_preview->setAlignment(Qt::AlignCenter);
    // Never squeezed: the text below it keeps its own room.
    m_preview->setFixedSize(kPreviewWidth, kPreviewWidth * 3 / 4);
    m_previewText->setWordWrap(true);

    auto *form = new QFormLayout;
    auto *folderLabel = new QLabel(tr("&Folder:"));
    folderLabel->setBuddy(m_folder); // the row is a layout: the label names the text field
    form->addRow(folderLabel, folderRow);
    form->addRow(tr("&Size:"), m_size);
    form->addRow(tr("&Theme:"), m_theme);
    form->addRow(QString(), m_caption);
    form->addRow(tr("&Preview of:"), m_chart);

    auto *what = new QLabel(tr("Writes every chart as PNG and SVG at this size, and as PDF at its on-screen size; "
                               "the run as JSON, CSV and a trace; summary.txt; and report.pdf."));
    what->setWordWrap(true);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel);
    QPushButton *exportButton = buttons->addButton(tr("&Export"), QDialogButtonBox::AcceptRole);
    exportButton->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    const auto folderOk = [this, exportButton] { exportButton->setEnabled(!folder().isEmpty()); };
    connect(m_folder, &QLineEdit::textChanged, this, folderOk);
    folderOk();

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_preview, 0, Qt::AlignHCenter);
    layout->addWidget(m_previewText);
    layout->addWidget(what);
    layout->addWidget(buttons);

    for (QComboBox *box : {m_chart, m_size, m_theme})
        connect(box, &QComboBox::currentIndexChanged, this, &ExportDialog::updatePreview);
    connect(m_caption, &QCheckBox::toggled, this, &ExportDialog::updatePreview);
    updatePreview();
}

QString ExportDialog::folder() const
{
    return m_folder->text().trimmed();
}

SlideOptions ExportDialog::options() const
{
    SlideOptions options;
    options.size = static_cast<SlideOptions::Size>(m_size->currentData().toInt());
    options.theme = static_cast<SlideOptions::Theme>(m_theme->currentData().toInt());
    options.caption = m_caption->isChecked();
    return options;
}

QString ExportDialog::previewText() const
{
    return m_previewText->text();
}

void ExportDialog::updatePreview()
{
    const int index = m_chart->currentIndex();
    if (index < 0 || index >= static_cast<int>(m_charts.size())) {
        m_image = QImage();
        m_preview->clear();
        m_previewText->clear();
        return;
    }
    const auto &[name, widget] = m_charts[static_cast<std::size_t>(index)];
    const SlideSpec spec = m_specFor(name, options());
    m_image = renderSlide(widget, spec);
    // The written image, shown smaller: its layout and caption as they will be.
    const QSize box = (QSizeF(kPreviewWidth, kPreviewWidth * 3 / 4) * devicePixelRatioF()).toSize();
    QImage shown = m_image.scaled(box, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    shown.setDevicePixelRatio(devicePixelRatioF());
    m_preview->setPixmap(QPixmap::fromImage(shown));
    QString text = tr("%1.png: %2 × %3 pixels").arg(name).arg(m_image.width()).arg(m_image.height());
    if (spec.options.caption && !spec.caption.isEmpty())
        text += tr(", captioned “%1”").arg(spec.caption);
    m_previewText->setText(text);
}

void ExportDialog::chooseFolder()
{
    const QString chosen = QFileDialog::getExistingDirectory(this, tr("Export into folder"), folder());
    if (!chosen.isEmpty())
        m_folder->setText(chosen);
}

} // namespace clab
