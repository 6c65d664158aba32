#pragma once

#include "export/slideimage.h"

#include <QDialog>
#include <QImage>

#include <functional>
#include <utility>
#include <vector>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;

namespace clab {

// File ▸ Export…: the folder, and how the charts' PNG and SVG are made (size, theme, caption),
// with a preview of the chosen chart exactly as it will be written (renderSlide), shown smaller.
class ExportDialog : public QDialog
{
    Q_OBJECT

public:
    // A chart's image spec for these options (its caption and the window's appearance).
    using SpecFor = std::function<SlideSpec(const QString &name, const SlideOptions &options)>;

    ExportDialog(std::vector<std::pair<QString, QWidget *>> charts, SpecFor specFor, const QString &folder,
        const SlideOptions &options, QWidget *parent = nullptr);

    QString folder() const;
    SlideOptions options() const;
    // The image the preview shows, at its full size (what the chosen chart's PNG will hold).
    QImage previewImage() const { return m_image; }
    QString previewText() const;

private:
    void updatePreview();
    void chooseFolder();

    std::vector<std::pair<QString, QWidget *>> m_charts;
    SpecFor m_specFor;
    QLineEdit *m_folder;
    QComboBox *m_chart;
    QComboBox *m_size;
    QComboBox *m_theme;
    QCheckBox *m_caption;
    QLabel *m_preview;
    QLabel *m_previewText;
    QImage m_image;
};

} // namespace clab
