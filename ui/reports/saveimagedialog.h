#pragma once

#include <QDialog>

class QCustomPlot;
class QLineEdit;
class QLabel;
class QSpinBox;

namespace aip {

/// Save image…: a file (PNG, SVG or PDF, by its suffix), a size in pixels and a DPI; Save
/// draws the plot as it is on the page (the figure its builder drew) into that file
/// (savePlotImage). A failed write is shown in the dialog, which stays open.
class SaveImageDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SaveImageDialog)

public:
    SaveImageDialog(QCustomPlot* plot, const QString& title, QWidget* parent = nullptr);
    ~SaveImageDialog() override;

    QLineEdit* pathEdit() const { return m_path; }
    QSpinBox* widthBox() const { return m_width; }
    QSpinBox* heightBox() const { return m_height; }
    QSpinBox* dpiBox() const { return m_dpi; }
    /// Writes the file; false (and the reason in the dialog) when it could not.
    bool save();

private:
    QCustomPlot* m_plot;
    QLineEdit* m_path = nullptr;
    QSpinBox* m_width = nullptr;
    QSpinBox* m_height = nullptr;
    QSpinBox* m_dpi = nullptr;
    QLabel* m_problem = nullptr;
};

}  // namespace aip
