#pragma once

#include "plots/reportplots.h"
#include "reports/reportpage.h"

#include <QPointer>

class QComboBox;
class QScrollArea;

namespace aip {

class ReportTableModel;

/// One run's requests for the timeline, and the stretches of it to shade.
struct RequestTimeline {
    SimulationResult run;
    std::vector<TimelineWindow> windows;
};

/// Reads one run of `directory`'s requests.csv and finds its windows: the span of the
/// requests whose batch failed or that a fallback answered ("failure window"), and for a spike
/// workload the protocol's spike ("load spike"; the protocol as loadRunConfigs() finds it).
/// Throws aip::Error naming the file.
RequestTimeline loadRequestTimeline(const QString& directory, const QString& policy,
                                    const RunLabels& labels, const QString& configDir, bool quick);

/// Failures: how the policies degrade. failure_analysis.csv per scenario, handler on vs off
/// (figure and table); below, the request timeline of one run of requests.csv — each request's
/// latency against its arrival, coloured hit, miss, fallback or unanswered, the failure window
/// and the load spike shaded — which can be zoomed (wheel) and panned (drag).
class FailuresPage final : public ReportPage {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FailuresPage)

public:
    explicit FailuresPage(JobManager* jobs, QWidget* parent = nullptr);
    ~FailuresPage() override;

    QComboBox* scenarioBox() const { return m_scenario; }
    QComboBox* policyBox() const { return m_policy; }
    QComboBox* workloadBox() const { return m_workload; }
    QComboBox* deadlineSetBox() const { return m_deadlineSet; }
    ReportTableModel* tableModel() const { return m_table; }
    QCustomPlot* failurePlot() const { return m_failures; }
    QCustomPlot* timelinePlot() const { return m_timeline; }
    /// Reads the chosen run's requests in a job (nullptr when no run can be chosen).
    Job* loadTimeline();
    bool isLoadingTimeline() const { return !m_timelineJob.isNull(); }
    const RequestTimeline& timeline() const { return m_shown; }

Q_SIGNALS:
    void timelineLoaded();

protected:
    void showSnapshot() override;

private:
    void drawFailures();

    QComboBox* m_scenario = nullptr;
    QComboBox* m_policy = nullptr;
    QComboBox* m_workload = nullptr;
    QComboBox* m_deadlineSet = nullptr;
    ReportTableModel* m_table = nullptr;
    QCustomPlot* m_failures = nullptr;
    QCustomPlot* m_timeline = nullptr;
    QScrollArea* m_failuresScroll = nullptr;
    QPointer<Job> m_timelineJob;
    RequestTimeline m_shown;
    std::uint64_t m_firstSeed = 0;
};

}  // namespace aip
