#pragma once

#include <QPointer>
#include <QWidget>

class QLabel;
class QPushButton;
class QTableView;

namespace aip {

class AccuracyProfileTableModel;
class Job;
class JobManager;
class LatencyHistogram;
class LatencyProfileTableModel;
class LiveLatencyView;
class LiveSampleFeed;
class ResultsFolderBar;
struct ProfilesSnapshot;

/// The Profiles page: runs the latency and accuracy profilers into a results folder (as jobs),
/// draws the samples of the configuration being measured as live histograms (one per device, with
/// running percentiles and a frozen overlay to compare with), and shows the folder's
/// latency_profiles.csv and accuracy_profiles.csv. Selecting a latency row draws that
/// configuration's raw samples on its device's histogram. Files are read in a job when the page
/// opens (or its folder or files changed) and when a run is done.
class ProfilesPage final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProfilesPage)

public:
    explicit ProfilesPage(JobManager* jobs, QWidget* parent = nullptr);
    ~ProfilesPage() override;

    /// Reads the folder's profile files in a job; the tables follow when it is done.
    Job* reload();
    /// Runs one pipeline stage ("profile-latency" or "profile-accuracy") into the folder.
    Job* startProfiling(const QString& stage);
    bool isLoading() const { return !m_load.isNull(); }
    bool isProfiling() const { return !m_run.isNull(); }
    /// The problem with the folder's files, as the page shows it; empty when all loaded.
    QString message() const;

    ResultsFolderBar* folderBar() const { return m_folder; }
    QPushButton* profileLatencyButton() const { return m_profileLatency; }
    QPushButton* profileAccuracyButton() const { return m_profileAccuracy; }
    LatencyProfileTableModel* latencyModel() const { return m_latencyModel; }
    AccuracyProfileTableModel* accuracyModel() const { return m_accuracyModel; }
    QTableView* latencyView() const { return m_latencyView; }
    QTableView* accuracyView() const { return m_accuracyView; }
    /// The histogram the last configuration (measured or selected) went to.
    LatencyHistogram* histogram() const;
    /// The histograms per device, with the freeze overlay.
    LiveLatencyView* liveView() const { return m_live; }
    LiveSampleFeed* liveFeed() const { return m_feed; }

Q_SIGNALS:
    /// The tables hold the folder's files (or the page shows why not).
    void profilesLoaded();

protected:
    void showEvent(QShowEvent* event) override;

private:
    void setSnapshot(const ProfilesSnapshot& snapshot);
    void setMessage(const QString& text);
    void showSelectedSamples();
    void updateButtons();

    JobManager* m_jobs;
    ResultsFolderBar* m_folder = nullptr;
    QPushButton* m_profileLatency = nullptr;
    QPushButton* m_profileAccuracy = nullptr;
    QPushButton* m_reload = nullptr;
    QLabel* m_message = nullptr;
    LatencyProfileTableModel* m_latencyModel = nullptr;
    AccuracyProfileTableModel* m_accuracyModel = nullptr;
    QTableView* m_latencyView = nullptr;
    QTableView* m_accuracyView = nullptr;
    LiveLatencyView* m_live = nullptr;
    LiveSampleFeed* m_feed = nullptr;
    QPointer<Job> m_load;
    QPointer<Job> m_run;
    QString m_runFailure;   ///< the last run's failure, shown with the folder's problems
    QString m_loadedStamp;  ///< profilesStamp() of what the tables show
};

}  // namespace aip
