#include "profiletablemodels.h"

#include <QApplication>
#include <QPalette>

#include <cmath>

namespace aip {

QString formatMs(double ms) {
    const double magnitude = std::abs(ms);
    const int decimals = magnitude < 1.0 ? 3 : magnitude < 10.0 ? 2 : magnitude < 100.0 ? 1 : 0;
    return QString::number(ms, 'f', decimals);
}

namespace {

/// "unsupported" of "unsupported: int8 of an imported TorchScript module".
QString statusKind(const QString& status) {
    const qsizetype colon = status.indexOf(u':');
    return colon < 0 ? status : status.left(colon);
}

QString percent(double fraction) {
    return QString::number(100.0 * fraction, 'f', 2);
}

}  // namespace

LatencyProfileTableModel::LatencyProfileTableModel(QObject* parent) : QAbstractTableModel(parent) {}

LatencyProfileTableModel::~LatencyProfileTableModel() = default;

void LatencyProfileTableModel::setProfiles(std::vector<LatencyProfile> profiles) {
    beginResetModel();
    m_profiles = std::move(profiles);
    endResetModel();
}

int LatencyProfileTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_profiles.size());
}

int LatencyProfileTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LatencyProfileTableModel::display(const LatencyProfile& p, int column) const {
    switch (column) {
        case TaskColumn:
            return p.key.task;
        case ModelColumn:
            return p.key.model;
        case PrecisionColumn:
            return p.key.precision;
        case BatchColumn:
            return p.key.batchSize;
        case DeviceColumn:
            return p.key.device;
        case ThreadsColumn:
            return p.key.threads;
        case CountColumn:
            return static_cast<int>(p.samplesMs.size());
        case StatusColumn:
            return statusKind(p.status);
        default:
            break;
    }
    if (!p.ok()) {
        return QString();  // no numbers are ever shown for a configuration that did not run
    }
    switch (column) {
        case P50Column:
            return formatMs(p.p50Ms);
        case P95Column:
            return formatMs(p.p95Ms);
        case P99Column:
            return formatMs(p.p99Ms);
        case CiColumn:
            return QStringLiteral("%1 – %2").arg(formatMs(p.ci95LowMs), formatMs(p.ci95HighMs));
        case StopReasonColumn:
            return p.stopReason;
        default:
            return {};
    }
}

QVariant LatencyProfileTableModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const LatencyProfile& p = profile(index.row());
    switch (role) {
        case Qt::DisplayRole:
            return display(p, index.column());
        case Qt::ToolTipRole:
            if (!p.ok()) {
                return p.status;
            }
            if (index.column() == CiColumn) {
                return tr("95% confidence interval of the median (order statistics)");
            }
            if (index.column() == StopReasonColumn) {
                return tr(
                    "ci: the interval got narrow enough; max_samples / max_seconds: a "
                    "limit of the protocol was hit first");
            }
            return {};
        case Qt::ForegroundRole:
            if (!p.ok()) {
                return QApplication::palette().brush(QPalette::Disabled, QPalette::Text);
            }
            return {};
        case Qt::TextAlignmentRole:
            if (index.column() >= BatchColumn && index.column() <= CiColumn &&
                index.column() != DeviceColumn) {
                return QVariant(Qt::AlignRight | Qt::AlignVCenter);
            }
            return {};
        case ConfigIdRole:
            return p.key.id();
        case OkRole:
            return p.ok();
        case StatusRole:
            return p.status;
        case SampleCountRole:
            return static_cast<int>(p.samplesMs.size());
        default:
            return {};
    }
}

QVariant LatencyProfileTableModel::headerData(int section, Qt::Orientation orientation,
                                              int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
        case TaskColumn:
            return tr("Task");
        case ModelColumn:
            return tr("Model");
        case PrecisionColumn:
            return tr("Precision");
        case BatchColumn:
            return tr("Batch");
        case DeviceColumn:
            return tr("Device");
        case ThreadsColumn:
            return tr("Threads");
        case CountColumn:
            return tr("n");
        case P50Column:
            return tr("p50 ms");
        case P95Column:
            return tr("p95 ms");
        case P99Column:
            return tr("p99 ms");
        case CiColumn:
            return tr("Median 95% CI");
        case StatusColumn:
            return tr("Status");
        case StopReasonColumn:
            return tr("Stop reason");
        default:
            return {};
    }
}

QHash<int, QByteArray> LatencyProfileTableModel::roleNames() const {
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(ConfigIdRole, "configId");
    names.insert(OkRole, "ok");
    names.insert(StatusRole, "status");
    names.insert(SampleCountRole, "sampleCount");
    return names;
}

AccuracyProfileTableModel::AccuracyProfileTableModel(QObject* parent)
    : QAbstractTableModel(parent) {}

AccuracyProfileTableModel::~AccuracyProfileTableModel() = default;

void AccuracyProfileTableModel::setRows(std::vector<AccuracyRow> rows) {
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
}

int AccuracyProfileTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int AccuracyProfileTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AccuracyProfileTableModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const AccuracyRow& row = m_rows[static_cast<std::size_t>(index.row())];
    const AccuracySummary& s = row.summary;
    switch (role) {
        case Qt::DisplayRole:
            switch (index.column()) {
                case ModelColumn:
                    return row.model;
                case PrecisionColumn:
                    return row.precision;
                case CountColumn:
                    return static_cast<qlonglong>(s.n);
                case AccuracyColumn:
                    return QStringLiteral("%1% [%2, %3]")
                        .arg(percent(s.accuracy), percent(s.ci95Low), percent(s.ci95High));
                case ConfidenceColumn:
                    return QString::number(s.meanConfidence, 'f', 3);
                case EceColumn:
                    return QString::number(s.ece, 'f', 3);
                default:
                    return {};
            }
        case Qt::ToolTipRole:
            if (index.column() == AccuracyColumn) {
                return tr("with its 95% Wilson score interval");
            }
            if (index.column() == EceColumn) {
                return tr("expected calibration error, 15 equal-width confidence bins");
            }
            return tr("%1, %2 split of %3").arg(row.task, row.split, row.dataset);
        case Qt::TextAlignmentRole:
            if (index.column() >= CountColumn) {
                return QVariant(Qt::AlignRight | Qt::AlignVCenter);
            }
            return {};
        case AccuracyRole:
            return s.accuracy;
        case TaskRole:
            return row.task;
        default:
            return {};
    }
}

QVariant AccuracyProfileTableModel::headerData(int section, Qt::Orientation orientation,
                                               int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
        case ModelColumn:
            return tr("Model");
        case PrecisionColumn:
            return tr("Precision");
        case CountColumn:
            return tr("n");
        case AccuracyColumn:
            return tr("Accuracy [95% CI]");
        case ConfidenceColumn:
            return tr("Mean confidence");
        case EceColumn:
            return tr("ECE");
        default:
            return {};
    }
}

QHash<int, QByteArray> AccuracyProfileTableModel::roleNames() const {
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(AccuracyRole, "accuracy");
    names.insert(TaskRole, "task");
    return names;
}

}  // namespace aip
