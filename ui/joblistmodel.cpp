#include "joblistmodel.h"

#include "jobs/jobmanager.h"

#include <QColor>

namespace aip {

JobListModel::JobListModel(JobManager* manager, QObject* parent) : QAbstractTableModel(parent) {
    for (Job* job : manager->jobs()) {
        addJob(job);
    }
    connect(manager, &JobManager::jobStarted, this, &JobListModel::addJob);
}

JobListModel::~JobListModel() = default;

QString JobListModel::stateText(Job::State state, const QString& message) {
    switch (state) {
        case Job::State::Queued:
            return tr("queued");
        case Job::State::Running:
            return tr("running");
        case Job::State::Finished:
            return tr("done");
        case Job::State::Failed:
            return tr("failed: %1").arg(message);
        case Job::State::Cancelled:
            return tr("cancelled");
    }
    return {};
}

void JobListModel::addJob(Job* job) {
    if (rowOf(job) >= 0) {
        return;
    }
    Row row;
    row.key = job;
    row.job = job;
    row.name = job->name();
    if (job->hasSignalledDone()) {
        row.state = job->state();
        row.progress = job->progress();
        row.message = job->errorMessage();
    }
    const int at = rowCount();
    beginInsertRows(QModelIndex(), at, at);
    m_rows.push_back(row);
    endInsertRows();

    connect(job, &Job::started, this,
            [this, job] { update(job, [](Row& r) { r.state = Job::State::Running; }); });
    connect(job, &Job::progressChanged, this, [this, job](double fraction, const QString& step) {
        update(job, [&](Row& r) {
            r.progress = fraction;
            r.step = step;
        });
    });
    connect(job, &Job::done, this, [this, job](Job::State state) {
        const QString message = job->errorMessage();
        update(job, [&](Row& r) {
            r.state = state;
            r.message = message;
            if (state == Job::State::Finished) {
                r.progress = 1.0;
                r.step.clear();
            }
        });
    });
    connect(job, &QObject::destroyed, this, [this, job] { update(job, [](Row&) {}); });
}

int JobListModel::rowOf(const Job* job) const {
    for (std::size_t i = 0; i < m_rows.size(); ++i) {
        if (m_rows[i].key == job) {
            return static_cast<int>(i);
        }
    }
    return -1;
}

void JobListModel::update(const Job* job, const std::function<void(Row&)>& change) {
    const int row = rowOf(job);
    if (row < 0) {
        return;
    }
    change(m_rows[static_cast<std::size_t>(row)]);
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

Job* JobListModel::jobAt(int row) const {
    if (row < 0 || row >= rowCount()) {
        return nullptr;
    }
    return m_rows[static_cast<std::size_t>(row)].job.data();
}

int JobListModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int JobListModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant JobListModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const Row& r = m_rows.at(static_cast<std::size_t>(index.row()));
    const bool active = r.state == Job::State::Queued || r.state == Job::State::Running;
    switch (role) {
        case Qt::DisplayRole:
            switch (index.column()) {
                case NameColumn:
                    return r.name;
                case ProgressColumn:
                    return QStringLiteral("%1%").arg(qRound(r.progress * 100.0));
                case StateColumn:
                    // A running job's step ("epoch 1/3, loss 0.41, 1:05 left") is worth a look.
                    return r.state == Job::State::Running && !r.step.isEmpty()
                               ? tr("running: %1").arg(r.step)
                               : stateText(r.state, r.message);
                default:
                    return {};
            }
        case Qt::ToolTipRole:
            if (index.column() == StateColumn && !r.message.isEmpty()) {
                return r.message;
            }
            return r.step.isEmpty() ? QVariant() : QVariant(r.step);
        case Qt::ForegroundRole:
            if (index.column() == StateColumn && r.state == Job::State::Failed) {
                return QColor(Qt::darkRed);
            }
            return {};
        case JobRole:
            return QVariant::fromValue(r.job.data());
        case StateRole:
            return static_cast<int>(r.state);
        case ProgressRole:
            return r.progress;
        case StepRole:
            return r.step;
        case MessageRole:
            return r.message;
        case CancellableRole:
            return active && !r.job.isNull() && !r.job->isCancelRequested();
        default:
            return {};
    }
}

QVariant JobListModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
        case NameColumn:
            return tr("Job");
        case ProgressColumn:
            return tr("Progress");
        case StateColumn:
            return tr("State");
        default:
            return {};
    }
}

QHash<int, QByteArray> JobListModel::roleNames() const {
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(JobRole, "job");
    names.insert(StateRole, "state");
    names.insert(ProgressRole, "progress");
    names.insert(StepRole, "step");
    names.insert(MessageRole, "message");
    names.insert(CancellableRole, "cancellable");
    return names;
}

}  // namespace aip
