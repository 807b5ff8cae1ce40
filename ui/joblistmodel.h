#pragma once

#include "jobs/job.h"

#include <QAbstractTableModel>
#include <QPointer>

#include <functional>
#include <vector>

namespace aip {

class JobManager;

/// Every job submitted to a JobManager, oldest first, with its progress and state. Rows are
/// added when the manager starts a job and follow the job's signals; a row keeps its last state
/// when the job object is deleted.
class JobListModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JobListModel)

public:
    enum Column { NameColumn, ProgressColumn, StateColumn, ColumnCount };
    enum Role {
        JobRole = Qt::UserRole + 1,  ///< aip::Job* (null once deleted)
        StateRole,                   ///< int: aip::Job::State
        ProgressRole,                ///< double in [0, 1]
        StepRole,                    ///< QString: the current work unit
        MessageRole,                 ///< QString: the failure message
        CancellableRole,             ///< bool: queued or running, and still there
    };

    explicit JobListModel(JobManager* manager, QObject* parent = nullptr);
    ~JobListModel() override;

    Job* jobAt(int row) const;
    /// "queued", "running", "done", "failed: <message>", "cancelled".
    static QString stateText(Job::State state, const QString& message);

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    struct Row {
        const Job* key = nullptr;  ///< identity only; never dereferenced
        QPointer<Job> job;
        QString name;
        Job::State state = Job::State::Queued;
        double progress = 0.0;
        QString step;
        QString message;
    };
    void addJob(Job* job);
    int rowOf(const Job* job) const;
    void update(const Job* job, const std::function<void(Row&)>& change);

    std::vector<Row> m_rows;
};

}  // namespace aip
