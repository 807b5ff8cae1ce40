#include "reports/failurespage.h"

#include "config/configset.h"
#include "jobs/jobmanager.h"
#include "pages/pagesettings.h"
#include "plots/customplot.h"
#include "plots/policypalette.h"
#include "reports/reporttables.h"
#include "reports/reportwidgets.h"
#include "results/resultfiles.h"
#include "simulation/requestscsv.h"

#include <QComboBox>
#include <QDir>
#include <QScrollArea>
#include <QSplitter>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <limits>

namespace aip {

RequestTimeline loadRequestTimeline(const QString& directory, const QString& policy,
                                    const RunLabels& labels, const QString& configDir, bool quick) {
    RequestTimeline timeline;
    timeline.run = readRequestsCsvRun(resultfiles::kRequests.in(directory), policy, labels);
    double from = std::numeric_limits<double>::infinity();
    double to = -from;
    for (const RequestRecord& r : timeline.run.records) {
        if (r.failedAttempts > 0 || r.fallback) {
            from = std::min(from, r.arrivalMs);
            to = std::max(to, std::isfinite(r.finishMs) ? r.finishMs : r.arrivalMs);
        }
    }
    if (from <= to) {
        timeline.windows.push_back(
            {from, to, QStringLiteral("failure window"), QColor(0xE0, 0x30, 0x30)});
    }
    const QString workload = labels.workload.section(u':', -1);
    const ConfigSet configs = loadRunConfigs(directory, configDir, quick);
    for (const WorkloadSpec& w : configs.protocol.workloads) {
        if (w.name == workload && w.arrival == WorkloadSpec::Arrival::Spike) {
            timeline.windows.push_back({w.spikeStartS * 1000.0,
                                        (w.spikeStartS + w.spikeDurationS) * 1000.0,
                                        QStringLiteral("load spike"), QColor(0xF0, 0xA0, 0x00)});
        }
    }
    return timeline;
}

FailuresPage::FailuresPage(JobManager* jobs, QWidget* parent)
    : ReportPage(jobs, ReportFile::FailureAnalysis | ReportFile::AllResults,
                 QStringLiteral("failuresPage"), tr("Failures"), parent),
      m_scenario(addFilterBox(toolBar(), tr("Scenario"), QStringLiteral("scenarioBox"))),
      m_table(new ReportTableModel(this)) {
    m_failures = addPlot(QStringLiteral("failurePlot"), tr("Failure analysis"));
    m_timeline = addPlot(QStringLiteral("timelinePlot"), tr("Request timeline"));
    m_timeline->setInteraction(QCP::iRangeDrag);
    m_timeline->setInteraction(QCP::iRangeZoom);
    QTableView* table = addTable(m_table, QStringLiteral("failureView"), tr("Failure analysis"));

    // The timeline's own bar: which run, and a way back to the whole of it.
    auto* runBar = new QToolBar(this);
    runBar->setObjectName(QStringLiteral("timelineToolBar"));
    m_policy = addFilterBox(runBar, tr("Run: policy"), QStringLiteral("timelinePolicyBox"));
    m_workload = addFilterBox(runBar, tr("workload"), QStringLiteral("timelineWorkloadBox"));
    m_deadlineSet = addFilterBox(runBar, tr("deadline set"), QStringLiteral("timelineSetBox"));
    runBar
        ->addAction(tr("Reset zoom"), this,
                    [this] {
                        if (!m_shown.run.records.empty()) {
                            buildRequestTimelinePlot(*m_timeline, m_shown.run, m_shown.windows);
                            showFigure(*m_timeline);
                        }
                    })
        ->setToolTip(tr("Show the whole run again (drag to pan, wheel to zoom)"));
    auto* timelineBox = new QWidget(this);
    auto* timelineLayout = new QVBoxLayout(timelineBox);
    timelineLayout->setContentsMargins(0, 0, 0, 0);
    timelineLayout->addWidget(runBar);
    timelineLayout->addWidget(m_timeline, 1);

    // A full run has a row of panels per scenario and task: the figure keeps readable rows and
    // scrolls.
    m_failuresScroll = new QScrollArea(this);
    m_failuresScroll->setWidget(m_failures);
    m_failuresScroll->setWidgetResizable(true);
    m_failuresScroll->setFrameShape(QFrame::NoFrame);
    auto* top = new QSplitter(Qt::Horizontal, this);
    top->addWidget(m_failuresScroll);
    top->addWidget(table);
    top->setSizes({600, 400});
    auto* content = new QSplitter(Qt::Vertical, this);
    content->addWidget(top);
    content->addWidget(timelineBox);
    content->setSizes({400, 400});
    setContent(content);

    fillFilterBox(m_scenario, failureScenarios(), true, QStringLiteral("model_crash"));
    connect(m_scenario, &QComboBox::currentIndexChanged, this, &FailuresPage::drawFailures);
    for (QComboBox* box : {m_policy, m_workload, m_deadlineSet}) {
        connect(box, &QComboBox::currentIndexChanged, this, [this] { loadTimeline(); });
    }
}

FailuresPage::~FailuresPage() = default;

void FailuresPage::showSnapshot() {
    drawFailures();
    const ReportSnapshot& s = snapshot();
    QStringList policies;
    QStringList workloads;
    QStringList sets;
    if (s.results && !s.results->empty()) {
        // requests.csv holds the runs of the first seed.
        m_firstSeed =
            std::min_element(s.results->begin(), s.results->end(),
                             [](const ResultRow& a, const ResultRow& b) { return a.seed < b.seed; })
                ->seed;
        for (const ResultRow& row : *s.results) {
            for (auto [list, value] :
                 {std::pair{&policies, row.policy}, std::pair{&workloads, row.workload},
                  std::pair{&sets, row.deadlineSet}}) {
                if (!list->contains(value)) {
                    list->append(value);
                }
            }
        }
    }
    fillFilterBox(m_policy, orderedPolicies(policies), false, QStringLiteral("CascadePlanner"));
    const QString spike = workloads.filter(QStringLiteral("spike")).value(0);
    fillFilterBox(m_workload, workloads, false, spike);
    fillFilterBox(m_deadlineSet, sets, false);
    loadTimeline();
}

void FailuresPage::drawFailures() {
    const ReportSnapshot& s = snapshot();
    std::vector<FailureAnalysisRow> rows;
    if (s.failures) {
        const QString scenario = filterValue(m_scenario);
        std::copy_if(s.failures->begin(), s.failures->end(), std::back_inserter(rows),
                     [&](const FailureAnalysisRow& r) {
                         return scenario.isEmpty() || r.scenario == scenario;
                     });
    }
    m_table->setTable(failureTable(rows));
    if (rows.empty()) {
        clearPlot(*m_failures, tr("No rows of failure_analysis.csv to draw"));
        return;
    }
    buildFailureAnalysisPlot(*m_failures, rows);
    constexpr int kRowHeight = 230;  // a row of panels with its title and tick labels
    m_failures->setMinimumHeight(160 +
                                 kRowHeight * m_failures->property(kPanelRowsProperty).toInt());
    showFigure(*m_failures);
}

Job* FailuresPage::loadTimeline() {
    if (m_timelineJob) {
        m_timelineJob->cancel();
    }
    const QString policy = filterValue(m_policy);
    if (policy.isEmpty() || !snapshot().results) {
        m_shown = {};
        clearPlot(*m_timeline, tr("all_results.csv and requests.csv are needed for a timeline"));
        return nullptr;
    }
    const RunLabels labels{filterValue(m_workload), filterValue(m_deadlineSet), m_firstSeed};
    const QString directory = snapshot().directory;
    const QString configDir = defaultConfigDirectory();
    const bool quick = pagesettings::quickProtocol();
    auto* job = jobs()->submit<RunLabels, RequestTimeline>(
        tr("Read the requests of %1 on %2").arg(policy, labels.workload), labels,
        [directory, policy, configDir, quick](const RunLabels& l, JobContext&) {
            return loadRequestTimeline(directory, policy, l, configDir, quick);
        });
    m_timelineJob = job;
    connect(job, &Job::done, this, [this, job](Job::State state) {
        if (m_timelineJob != job) {
            return;
        }
        m_timelineJob.clear();
        if (state == Job::State::Finished) {
            m_shown = job->result();
            buildRequestTimelinePlot(*m_timeline, m_shown.run, m_shown.windows);
            showFigure(*m_timeline);
            setPageProblem(QString());
        } else {
            m_shown = {};
            clearPlot(*m_timeline, tr("No timeline"));
            setPageProblem(state == Job::State::Failed ? job->errorMessage() : QString());
        }
        Q_EMIT timelineLoaded();
    });
    return job;
}

}  // namespace aip
