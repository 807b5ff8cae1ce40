#include "reports/baselinespage.h"

#include "analysis/runselection.h"
#include "plots/customplot.h"
#include "plots/reportplots.h"
#include "reports/reporttables.h"
#include "reports/reportwidgets.h"

#include <QComboBox>
#include <QSplitter>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

namespace aip {

BaselinesPage::BaselinesPage(JobManager* jobs, QWidget* parent)
    : ReportPage(jobs,
                 ReportFile::AllResults | ReportFile::StatisticalTests | ReportFile::Hypotheses,
                 QStringLiteral("baselinesPage"), tr("Baselines"), parent),
      m_task(addFilterBox(toolBar(), tr("Task"), QStringLiteral("taskFilter"))),
      m_workload(addFilterBox(toolBar(), tr("Workload"), QStringLiteral("workloadFilter"))),
      m_deadlineSet(
          addFilterBox(toolBar(), tr("Deadline set"), QStringLiteral("deadlineSetFilter"))),
      m_metric(addFilterBox(toolBar(), tr("Metric"), QStringLiteral("metricFilter"))),
      m_claims(new ReportTableModel(this)),
      m_tests(new ReportTableModel(this)),
      m_testsFilter(new ReportFilterModel(this)),
      m_chartTable(new ReportTableModel(this)) {
    m_testsFilter->setSourceModel(m_tests);
    QTableView* claims = addTable(m_claims, QStringLiteral("claimsView"), tr("Claims"));
    QTableView* tests =
        addTable(m_testsFilter, QStringLiteral("testsView"), tr("Statistical tests"));
    QTableView* chartTable =
        addTable(m_chartTable, QStringLiteral("policyMeansView"), tr("Policy means"));
    m_chart = addPlot(QStringLiteral("policyMetricPlot"), tr("Metric per policy"));

    auto* right = new QSplitter(Qt::Vertical, this);
    right->addWidget(m_chart);
    right->addWidget(chartTable);
    right->setSizes({500, 200});
    auto* middle = new QSplitter(Qt::Horizontal, this);
    middle->addWidget(tests);
    middle->addWidget(right);
    // The splitters share the room in these proportions, whatever the tables' own size hints.
    middle->setSizes({550, 500});
    auto* content = new QSplitter(Qt::Vertical, this);
    content->addWidget(claims);
    content->addWidget(middle);
    content->setSizes({150, 600});
    setContent(content);

    for (QComboBox* box : {m_task, m_workload, m_deadlineSet, m_metric}) {
        connect(box, &QComboBox::currentIndexChanged, this, &BaselinesPage::applyFilters);
    }
}

BaselinesPage::~BaselinesPage() = default;

void BaselinesPage::showSnapshot() {
    const ReportSnapshot& s = snapshot();
    m_claims->setTable(s.hypotheses ? claimsTable(*s.hypotheses) : ReportTable{});
    m_tests->setTable(s.tests ? statisticalTestsTable(*s.tests) : ReportTable{});
    const ReportTable& table = m_tests->table();
    QStringList metrics = table.distinct(table.column(QStringLiteral("metric")));
    if (metrics.isEmpty()) {
        for (const ResultMetric& m : resultMetrics()) {
            metrics << QLatin1String(m.name);
        }
    }
    fillFilterBox(m_task, table.distinct(table.column(QStringLiteral("task"))), true);
    fillFilterBox(m_workload, table.distinct(table.column(QStringLiteral("workload"))), true);
    fillFilterBox(m_deadlineSet, table.distinct(table.column(QStringLiteral("deadline_set"))),
                  true);
    fillFilterBox(m_metric, metrics, false, QStringLiteral("effective_accuracy"));
    applyFilters();
}

void BaselinesPage::applyFilters() {
    const ReportTable& table = m_tests->table();
    const std::pair<QComboBox*, QString> filters[] = {
        {m_task, QStringLiteral("task")},
        {m_workload, QStringLiteral("workload")},
        {m_deadlineSet, QStringLiteral("deadline_set")},
        {m_metric, QStringLiteral("metric")}};
    for (const auto& [box, column] : filters) {
        if (table.column(column) >= 0) {
            m_testsFilter->setColumnFilter(table.column(column), filterValue(box));
        }
    }
    const ReportSnapshot& s = snapshot();
    const QString metric = filterValue(m_metric);
    if (!s.results || metric.isEmpty()) {
        m_chartTable->setTable({});
        clearPlot(*m_chart, tr("all_results.csv is needed for the chart"));
        return;
    }
    // "all" is the pooled condition of statistical_tests.csv: every run counts.
    const auto matches = [](QComboBox* box, const QString& value) {
        const QString wanted = filterValue(box);
        return wanted.isEmpty() || wanted == u"all" || wanted == value;
    };
    std::vector<ResultRow> runs;
    for (const ResultRow& row : *s.results) {
        const RunCondition c = runCondition(row);
        if (matches(m_task, c.task) && matches(m_workload, c.workload) &&
            matches(m_deadlineSet, c.deadlineSet)) {
            runs.push_back(row);
        }
    }
    m_chartTable->setTable(policyMetricTable(runs, metric));
    if (runs.empty()) {
        clearPlot(*m_chart, tr("No run of all_results.csv is in this condition"));
        return;
    }
    buildPolicyMetricPlot(*m_chart, runs, metric,
                          conditionPhrase(m_task, m_workload, m_deadlineSet));
    showFigure(*m_chart);
}

}  // namespace aip
