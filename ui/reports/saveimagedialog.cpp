#include "reports/saveimagedialog.h"

#include "common/error.h"
#include "pages/pagesettings.h"
#include "pages/pagewidgets.h"
#include "plots/customplot.h"
#include "plots/plotexport.h"
#include "plots/reportfigures.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace aip {

SaveImageDialog::SaveImageDialog(QCustomPlot* plot, const QString& title, QWidget* parent)
    : QDialog(parent),
      m_plot(plot),
      m_path(new QLineEdit(this)),
      m_width(new QSpinBox(this)),
      m_height(new QSpinBox(this)),
      m_dpi(new QSpinBox(this)),
      m_problem(createProblemLabel(QStringLiteral("saveImageProblem"), this)) {
    setWindowTitle(tr("Save image: %1").arg(title));
    setObjectName(QStringLiteral("saveImageDialog"));
    m_path->setMinimumWidth(m_path->fontMetrics().averageCharWidth() * 60);
    QString name = title.toLower();
    name.replace(u' ', u'_');
    m_path->setText(QDir(pagesettings::exportDirectory()).filePath(name + QStringLiteral(".png")));
    const QSize size = reportFigureSize(*plot);
    for (QSpinBox* box : {m_width, m_height}) {
        box->setRange(100, 10000);
        box->setSuffix(tr(" px"));
    }
    m_width->setValue(size.width());
    m_height->setValue(size.height());
    m_dpi->setRange(24, 1200);
    m_dpi->setValue(96);
    m_dpi->setToolTip(
        tr("The resolution recorded in a PNG; for SVG and PDF, how many pixels "
           "make an inch of the page"));
    m_path->setToolTip(tr("Where the figure goes; the ending picks the format"));
    m_width->setToolTip(tr("The figure's width in pixels"));
    m_height->setToolTip(tr("The figure's height in pixels"));
    auto* browse = new QPushButton(tr("Browse…"), this);
    browse->setToolTip(tr("Choose the file in a dialog"));
    auto* pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(browse);
    auto* form = new QFormLayout;
    form->addRow(tr("File (.png, .svg or .pdf):"), pathRow);
    form->addRow(tr("Width:"), m_width);
    form->addRow(tr("Height:"), m_height);
    form->addRow(tr("DPI:"), m_dpi);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addWidget(buttons);

    connect(browse, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(
            this, windowTitle(), m_path->text(), plotImageFilters().join(QStringLiteral(";;")));
        if (!path.isEmpty()) {
            m_path->setText(path);
        }
    });
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        if (save()) {
            accept();
        }
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

SaveImageDialog::~SaveImageDialog() = default;

bool SaveImageDialog::save() {
    const QString path = QDir::current().absoluteFilePath(m_path->text().trimmed());
    try {
        savePlotImage(*m_plot, path, QSize(m_width->value(), m_height->value()), m_dpi->value());
    } catch (const Error& e) {
        setProblemText(m_problem, e.message());
        return false;
    }
    pagesettings::setExportDirectory(QFileInfo(path).absolutePath());
    return true;
}

}  // namespace aip
