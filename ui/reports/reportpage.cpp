#include "reports/reportpage.h"

#include "common/error.h"
#include "config/configset.h"
#include "jobs/jobmanager.h"
#include "pages/pagesettings.h"
#include "pages/pagewidgets.h"
#include "plots/customplot.h"
#include "reports/reporttablemodel.h"
#include "reports/reportwidgets.h"
#include "reports/saveimagedialog.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QMenu>
#include <QMessageBox>
#include <QTableView>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

namespace aip {

namespace {

QToolButton* menuButton(const QString& text, const QString& tip, QMenu* menu, QWidget* parent) {
    auto* button = new QToolButton(parent);
    button->setText(text);
    button->setToolTip(tip);
    button->setMenu(menu);
    button->setPopupMode(QToolButton::InstantPopup);
    button->setToolButtonStyle(Qt::ToolButtonTextOnly);
    return button;
}

}  // namespace

ReportPage::ReportPage(JobManager* jobs, ReportFiles files, const QString& objectName,
                       const QString& title, QWidget* parent)
    : QWidget(parent),
      m_jobs(jobs),
      m_files(files),
      m_title(title),
      m_toolBar(new QToolBar(this)),
      m_exportMenu(new QMenu(this)),
      m_imageMenu(new QMenu(this)),
      m_message(createProblemLabel(objectName + QStringLiteral("Message"), this)),
      m_layout(new QVBoxLayout(this)) {
    setObjectName(objectName);
    m_toolBar->setObjectName(objectName + QStringLiteral("ToolBar"));
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    QAction* reloadAction = m_toolBar->addAction(tr("Reload"), this, [this] { reload(); });
    reloadAction->setObjectName(QStringLiteral("reloadAction"));
    reloadAction->setToolTip(tr("Read the results folder's files again"));
    m_toolBar->addSeparator();
    m_layout->addWidget(m_toolBar);
    m_layout->addWidget(m_message);
}

ReportPage::~ReportPage() = default;

void ReportPage::setContent(QWidget* content) {
    // The page's own controls end here; the export menus follow them on the right.
    auto* spacer = new QWidget(m_toolBar);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    m_toolBar->addWidget(spacer);
    if (!m_tables.isEmpty()) {
        m_toolBar
            ->addWidget(menuButton(tr("Export CSV…"),
                                   tr("Write one of the page's tables, as shown, to a CSV file"),
                                   m_exportMenu, m_toolBar))
            ->setObjectName(QStringLiteral("exportCsvAction"));
    }
    if (!m_plots.isEmpty()) {
        m_toolBar
            ->addWidget(menuButton(tr("Save image…"),
                                   tr("Save one of the page's figures as PNG, SVG or PDF"),
                                   m_imageMenu, m_toolBar))
            ->setObjectName(QStringLiteral("saveImageAction"));
    }
    m_layout->addWidget(content, 1);
}

QCustomPlot* ReportPage::addPlot(const QString& objectName, const QString& title) {
    auto* plot = new QCustomPlot(this);
    plot->setObjectName(objectName);
    plot->setMinimumSize(320, 240);
    plot->setContextMenuPolicy(Qt::CustomContextMenu);
    plot->installEventFilter(this);
    m_plots.append(plot);
    m_imageMenu->addAction(title, this, [this, plot, title] { saveImage(plot, title); });
    connect(plot, &QWidget::customContextMenuRequested, this, [this, plot, title](QPoint at) {
        QMenu menu;
        menu.addAction(tr("Save image…"), this, [this, plot, title] { saveImage(plot, title); });
        menu.exec(plot->mapToGlobal(at));
    });
    return plot;
}

QTableView* ReportPage::addTable(QAbstractItemModel* model, const QString& objectName,
                                 const QString& title) {
    auto* view = new QTableView(this);
    view->setObjectName(objectName);
    // Every table sorts by its numbers: a model that does not sort itself gets a proxy that does.
    if (qobject_cast<QSortFilterProxyModel*>(model) == nullptr) {
        auto* proxy = new ReportFilterModel(view);
        proxy->setSourceModel(model);
        model = proxy;
    }
    view->setModel(model);
    view->setSortingEnabled(true);
    view->sortByColumn(-1, Qt::AscendingOrder);  // the file's order until a header is clicked
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setAlternatingRowColors(true);
    view->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    // Fitting the columns to every row of a full run's table (thousands) would hold up the GUI
    // thread; the first hundred rows say how wide a column needs to be.
    view->horizontalHeader()->setResizeContentsPrecision(100);
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 6);
    view->verticalHeader()->hide();
    view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_tables.append(view);
    m_exportMenu->addAction(title, this, [this, view, title] { exportCsv(view, title); });
    connect(view, &QWidget::customContextMenuRequested, this, [this, view, title](QPoint at) {
        QMenu menu;
        menu.addAction(tr("Export CSV…"), this, [this, view, title] { exportCsv(view, title); });
        menu.exec(view->viewport()->mapToGlobal(at));
    });
    connect(model, &QAbstractItemModel::modelReset, view,
            [view] { view->resizeColumnsToContents(); });
    return view;
}

void ReportPage::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    if (!isLoading() && reportStamp(pagesettings::resultsDirectory()) != m_loadedStamp) {
        reload();
    }
}

bool ReportPage::eventFilter(QObject* watched, QEvent* event) {
    if (event->type() == QEvent::Resize) {
        if (auto* plot = qobject_cast<QCustomPlot*>(watched); plot && m_plots.contains(plot)) {
            fitLegend(*plot);  // the plot replots itself after its resize
        }
    }
    return QWidget::eventFilter(watched, event);
}

void ReportPage::markStale() {
    m_loadedStamp.clear();
    if (isVisible()) {
        reload();
    }
}

Job* ReportPage::reload() {
    if (m_load) {
        m_load->cancel();
    }
    const QString directory = pagesettings::resultsDirectory();
    const bool quick = pagesettings::quickProtocol();
    const QString configDir = defaultConfigDirectory();
    const ReportFiles files = m_files;
    const QString stamp = reportStamp(directory);
    auto* job = m_jobs->submit<QString, ReportSnapshot>(
        tr("Read the %1 page's files in %2").arg(m_title, directory), directory,
        [files, configDir, quick](const QString& dir, JobContext&) {
            return loadReportSnapshot(dir, files, configDir, quick);
        });
    m_load = job;
    connect(job, &Job::done, this, [this, job, stamp](Job::State state) {
        if (m_load != job) {
            return;  // a newer load started
        }
        m_load.clear();
        if (state == Job::State::Finished) {
            m_loadedStamp = stamp;
            m_snapshot = job->result();
        } else {
            m_snapshot = ReportSnapshot{};
            m_snapshot.problems << (state == Job::State::Failed ? job->errorMessage()
                                                                : tr("Reading was cancelled."));
        }
        showSnapshot();
        updateMessage();
        Q_EMIT loaded();
    });
    return job;
}

void ReportPage::setPageProblem(const QString& text) {
    m_pageProblem = text;
    updateMessage();
}

void ReportPage::updateMessage() {
    QStringList lines = m_snapshot.problems;
    if (!m_pageProblem.isEmpty()) {
        lines << m_pageProblem;
    }
    setProblemText(m_message, lines.join(u'\n'));
}

QString ReportPage::message() const {
    return m_message->text();
}

void ReportPage::saveImage(QCustomPlot* plot, const QString& title) {
    SaveImageDialog dialog(plot, title, this);
    dialog.exec();
}

void ReportPage::exportCsv(QTableView* view, const QString& title) {
    QString name = title.toLower();
    name.replace(u' ', u'_');
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export %1").arg(title),
        QDir(pagesettings::exportDirectory()).filePath(name + QStringLiteral(".csv")),
        tr("CSV file (*.csv)"));
    if (path.isEmpty()) {
        return;
    }
    pagesettings::setExportDirectory(QFileInfo(path).absolutePath());
    try {
        exportTableCsv(*view->model(), path);
    } catch (const Error& e) {
        QMessageBox::warning(this, tr("Export CSV"), e.message());
    }
}

}  // namespace aip
