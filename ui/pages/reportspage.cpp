#include "pages/reportspage.h"

#include "pages/pagesettings.h"

#include "config/configset.h"
#include "jobs/jobmanager.h"
#include "pipeline/pipeline.h"
#include "plots/reportfigures.h"
#include "results/resultfiles.h"

#include <QCheckBox>
#include <QDir>
#include <QEvent>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPixmap>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace aip {

ReportsPage::ReportsPage(JobManager& jobs, QWidget* parent) : QWidget(parent), m_jobs(jobs) {
    m_folder = new QLineEdit(pagesettings::resultsDirectory(), this);
    m_folder->setObjectName(QStringLiteral("resultsFolder"));
    auto* browse = new QPushButton(tr("Browse…"), this);
    m_quick = new QCheckBox(tr("Quick protocol"), this);
    m_quick->setChecked(true);
    m_run = new QPushButton(tr("Run pipeline"), this);
    m_run->setObjectName(QStringLiteral("runPipeline"));
    auto* reloadButton = new QPushButton(tr("Reload"), this);
    m_status = new QLabel(this);

    auto* top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Results folder:"), this));
    top->addWidget(m_folder, 1);
    top->addWidget(browse);
    top->addWidget(m_quick);
    top->addWidget(m_run);
    top->addWidget(reloadButton);

    m_summary = new QTextBrowser(this);
    m_summary->setObjectName(QStringLiteral("summary"));
    m_figures = new QListWidget(this);
    m_figures->setObjectName(QStringLiteral("figures"));
    m_image = new QLabel(this);
    m_image->setAlignment(Qt::AlignCenter);
    m_scroll = new QScrollArea(this);
    m_scroll->setWidget(m_image);
    m_scroll->setWidgetResizable(true);
    m_scroll->viewport()->installEventFilter(this);

    auto* left = new QSplitter(Qt::Vertical, this);
    left->addWidget(m_summary);
    left->addWidget(m_figures);
    auto* split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(left);
    split->addWidget(m_scroll);
    split->setStretchFactor(1, 2);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_status);
    layout->addWidget(split, 1);

    connect(browse, &QPushButton::clicked, this, [this] {
        const QString dir =
            QFileDialog::getExistingDirectory(this, tr("Results folder"), m_folder->text());
        if (!dir.isEmpty()) {
            setResultsDirectory(dir);
        }
    });
    connect(m_folder, &QLineEdit::editingFinished, this, &ReportsPage::reload);
    connect(reloadButton, &QPushButton::clicked, this, &ReportsPage::reload);
    connect(m_run, &QPushButton::clicked, this, &ReportsPage::runPipeline);
    connect(m_figures, &QListWidget::currentRowChanged, this, &ReportsPage::showFigure);
    reload();
}

QString ReportsPage::resultsDirectory() const {
    return m_folder->text();
}

void ReportsPage::setResultsDirectory(const QString& directory) {
    m_folder->setText(directory);
    pagesettings::setResultsDirectory(directory);
    reload();
}

void ReportsPage::reload() {
    const QDir dir(resultsDirectory());
    QFile summary(resultfiles::kSummary.in(dir));
    if (summary.open(QIODevice::ReadOnly)) {
        m_summary->setMarkdown(QString::fromUtf8(summary.readAll()));
    } else {
        m_summary->setPlainText(
            tr("No summary.md in %1 yet: run the pipeline.").arg(dir.absolutePath()));
    }
    m_figures->clear();
    const QStringList pngs = QDir(resultfiles::kPlots.in(dir))
                                 .entryList({QStringLiteral("*.png")}, QDir::Files, QDir::Name);
    for (const QString& png : pngs) {
        auto* item = new QListWidgetItem(png, m_figures);
        item->setData(Qt::UserRole, dir.filePath(resultfiles::plotFile(png)));
    }
    if (!pngs.isEmpty()) {
        m_figures->setCurrentRow(0);
    } else {
        m_figure = QPixmap();
        m_image->clear();
    }
}

void ReportsPage::showFigure() {
    const QListWidgetItem* item = m_figures->currentItem();
    if (item == nullptr) {
        m_figure = QPixmap();
        m_image->clear();
        return;
    }
    m_figure = QPixmap(item->data(Qt::UserRole).toString());
    fitFigure();
}

void ReportsPage::fitFigure() {
    if (m_figure.isNull()) {
        return;
    }
    const QSize room = m_scroll->viewport()->size() - QSize(4, 4);
    const bool fits = m_figure.width() <= room.width() && m_figure.height() <= room.height();
    m_image->setPixmap(fits || room.isEmpty()
                           ? m_figure
                           : m_figure.scaled(room, Qt::KeepAspectRatio, Qt::SmoothTransformation));
}

bool ReportsPage::eventFilter(QObject* watched, QEvent* event) {
    if (watched == m_scroll->viewport() && event->type() == QEvent::Resize) {
        fitFigure();
    }
    return QWidget::eventFilter(watched, event);
}

void ReportsPage::runPipeline() {
    PipelineParams params;
    params.configDir = defaultConfigDirectory();
    params.outDir = resultsDirectory();
    params.quick = m_quick->isChecked();
    params.renderFigures = &renderReportFigures;
    pagesettings::setResultsDirectory(params.outDir);
    auto* job = m_jobs.submit<PipelineParams, PipelineResult>(
        params.quick ? tr("Pipeline (quick)") : tr("Pipeline (full)"), params, &aip::runPipeline);
    m_run->setEnabled(false);
    m_status->setText(tr("Running the pipeline into %1 …").arg(params.outDir));
    connect(job, &Job::progressChanged, this, [this](double fraction, const QString& step) {
        m_status->setText(tr("%1% — %2").arg(qRound(fraction * 100.0)).arg(step));
    });
    connect(job, &Job::done, this, [this, job](Job::State state) {
        m_run->setEnabled(true);
        m_status->setText(state == Job::State::Finished ? tr("Done.")
                          : state == Job::State::Failed ? tr("Failed: %1").arg(job->errorMessage())
                                                        : tr("Cancelled."));
        reload();
    });
}

}  // namespace aip
