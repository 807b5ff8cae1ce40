#include "datasettablemodel.h"

#include "data/datasetloader.h"
#include "download/datasetdownloader.h"
#include "jobs/jobmanager.h"

#include <QApplication>
#include <QFileInfo>
#include <QLocale>
#include <QStyle>

namespace aip {

namespace {

const QString kScanning = QStringLiteral("scanning");
const QString kFound = QStringLiteral("found");
const QString kNotFound = QStringLiteral("not found");
const QString kError = QStringLiteral("error");
const QString kUnknown = QStringLiteral("unknown");

/// A flat image folder's one split has no name of its own.
QString splitName(const SplitStatus& s) {
    return s.split.isEmpty() ? DatasetTableModel::tr("all") : s.split;
}

}  // namespace

DatasetTableModel::DatasetTableModel(QObject* parent) : QAbstractTableModel(parent) {
    setImageFolders({});
}

DatasetTableModel::~DatasetTableModel() = default;

void DatasetTableModel::setImageFolders(const QStringList& folders) {
    std::vector<Row> rows;
    const auto keep = [this, &rows](const QString& name) {
        Row row;
        row.status.name = name;
        for (const Row& old : m_rows) {
            if (old.status.name == name) {
                row = old;
            }
        }
        rows.push_back(row);
    };
    for (const QString& name : datasets::builtInNames()) {
        keep(name);
    }
    for (const QString& folder : folders) {
        if (!datasets::isBuiltIn(folder)) {
            keep(folder);
        }
    }
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
}

Job* DatasetTableModel::refresh(JobManager& jobs, const DataSearchPath& searchPath) {
    if (m_scan) {
        m_scan->cancel();  // its result would be stale anyway
    }
    QStringList names;
    for (Row& row : m_rows) {
        names.append(row.status.name);
        row.known = false;  // until the new scan reports
    }
    m_failure.clear();
    auto* job = jobs.submit<DatasetScanParams, DatasetScanResult>(
        tr("Count dataset examples"), DatasetScanParams{searchPath, names}, &scanDatasets);
    m_scan = job;
    if (!m_rows.empty()) {
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
    }
    connect(job, &Job::done, this, [this, job](Job::State state) {
        if (m_scan != job) {
            return;  // a newer scan started; this result is stale
        }
        m_scan.clear();
        if (state == Job::State::Finished) {
            setResult(job->result());
        } else {
            setFailure(state == Job::State::Failed ? job->errorMessage() : tr("cancelled"));
        }
        Q_EMIT scanFinished();
    });
    return job;
}

void DatasetTableModel::setResult(const DatasetScanResult& result) {
    m_searchPath = result.searchPath;
    for (Row& row : m_rows) {
        for (const DatasetStatus& status : result.datasets) {
            if (status.name == row.status.name) {
                row.status = status;
                row.known = true;
            }
        }
    }
    Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

void DatasetTableModel::setFailure(const QString& message) {
    m_failure = message;
    Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

int DatasetTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int DatasetTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QString DatasetTableModel::stateOf(const Row& row) const {
    if (!row.known) {
        return m_scan ? kScanning : kUnknown;
    }
    if (!row.status.found()) {
        return kNotFound;
    }
    for (const SplitStatus& s : row.status.splits) {
        if (!s.error.isEmpty()) {
            return kError;
        }
    }
    return kFound;
}

QString DatasetTableModel::splitsText(const Row& row) const {
    if (!row.known) {
        return m_scan ? tr("counting…") : tr("scan failed: %1").arg(m_failure);
    }
    QStringList parts;
    for (const SplitStatus& s : row.status.splits) {
        const QString split = splitName(s);
        if (s.file.isEmpty()) {
            parts.append(tr("%1 missing").arg(split));
        } else if (!s.error.isEmpty()) {
            parts.append(tr("%1 unreadable").arg(split));
        } else {
            parts.append(QStringLiteral("%1 %2").arg(split, QLocale().toString(s.examples)));
        }
    }
    return parts.join(QStringLiteral(" · "));
}

QString DatasetTableModel::tooltip(const Row& row, int column) const {
    if (!row.known) {
        return m_failure;
    }
    if (column == SplitsColumn || column == NameColumn) {
        QStringList lines;
        for (const SplitStatus& s : row.status.splits) {
            const QString split = splitName(s);
            if (s.file.isEmpty()) {
                lines.append(tr("%1: not found").arg(split));
            } else if (!s.error.isEmpty()) {
                lines.append(tr("%1: %2").arg(split, s.error));
            } else {
                lines.append(tr("%1: %2 examples from %3")
                                 .arg(split, QLocale().toString(s.examples), s.file));
            }
        }
        return lines.join(u'\n');
    }
    if (!row.status.found()) {
        return tr("Searched: %1").arg(m_searchPath);
    }
    return row.status.folders().join(u'\n');
}

QVariant DatasetTableModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const Row& row = m_rows.at(static_cast<std::size_t>(index.row()));
    const DatasetStatus& status = row.status;
    switch (role) {
        case Qt::DisplayRole:
            switch (index.column()) {
                case NameColumn:
                    return datasets::isBuiltIn(status.name)
                               ? status.name
                               : tr("%1 (image folder)").arg(QFileInfo(status.name).fileName());
                case LocationColumn:
                    if (!row.known) {
                        return QString();
                    }
                    return status.found() ? status.folders().join(QStringLiteral("; "))
                                          : tr("not found");
                case SplitsColumn:
                    return splitsText(row);
                default:
                    return {};
            }
        case Qt::ToolTipRole:
            return tooltip(row, index.column());
        case Qt::DecorationRole: {
            if (index.column() != NameColumn || !row.known) {
                return {};
            }
            const QString state = stateOf(row);
            const QStyle::StandardPixmap icon = state == kFound      ? QStyle::SP_DialogApplyButton
                                                : state == kNotFound ? QStyle::SP_DialogCancelButton
                                                                     : QStyle::SP_MessageBoxWarning;
            return QApplication::style()->standardIcon(icon);
        }
        case NameRole:
            return status.name;
        case StateRole:
            return stateOf(row);
        case FoundRole:
            return row.known && status.found();
        case DownloadableRole:
            return row.known && officialSource(status.name).has_value();
        case FoldersRole:
            return row.known ? status.folders() : QStringList();
        case ImageFolderRole:
            return !datasets::isBuiltIn(status.name);
        case SplitCountsRole: {
            QVariantMap counts;
            for (const SplitStatus& s : status.splits) {
                counts.insert(s.split, static_cast<qlonglong>(s.examples));
            }
            return counts;
        }
        default:
            return {};
    }
}

QVariant DatasetTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
        case NameColumn:
            return tr("Dataset");
        case LocationColumn:
            return tr("Found in");
        case SplitsColumn:
            return tr("Splits (examples)");
        default:
            return {};
    }
}

QHash<int, QByteArray> DatasetTableModel::roleNames() const {
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(NameRole, "name");
    names.insert(StateRole, "state");
    names.insert(FoundRole, "found");
    names.insert(DownloadableRole, "downloadable");
    names.insert(FoldersRole, "folders");
    names.insert(SplitCountsRole, "splitCounts");
    names.insert(ImageFolderRole, "imageFolder");
    return names;
}

}  // namespace aip
