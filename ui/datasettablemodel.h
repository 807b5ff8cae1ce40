#pragma once

#include "data/datasetscan.h"

#include <QAbstractTableModel>
#include <QPointer>

#include <vector>

namespace aip {

class Job;
class JobManager;

/// The known datasets with where each was found, its splits and their example counts. The rows
/// (one per built-in dataset, then one per registered image folder) exist at once; their content
/// comes from a scan job on the JobManager's pool, so counting never blocks the GUI thread. A newer
/// refresh() makes the result of an older scan stale: it is dropped.
class DatasetTableModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DatasetTableModel)

public:
    enum Column { NameColumn, LocationColumn, SplitsColumn, ColumnCount };
    enum Role {
        NameRole = Qt::UserRole + 1,  ///< QString: "cifar10"
        StateRole,                    ///< QString: scanning | found | not found | error
        FoundRole,                    ///< bool
        DownloadableRole,             ///< bool: an official source exists
        FoldersRole,                  ///< QStringList: where the found splits were read from
        SplitCountsRole,              ///< QVariantMap: split → example count (-1: not counted)
        ImageFolderRole,              ///< bool: a registered image folder (NameRole: its path)
    };

    explicit DatasetTableModel(QObject* parent = nullptr);
    ~DatasetTableModel() override;

    /// Starts a scan of `searchPath` on `jobs` and returns its job; rows read "counting…" until
    /// it is done.
    Job* refresh(JobManager& jobs, const DataSearchPath& searchPath);
    /// The registered image folders (absolute paths), listed after the built-in datasets; a
    /// folder's row keeps what the last scan found until the next refresh().
    void setImageFolders(const QStringList& folders);
    bool isScanning() const { return !m_scan.isNull(); }

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

Q_SIGNALS:
    /// The rows hold the result of the latest scan (or its failure).
    void scanFinished();

private:
    struct Row {
        DatasetStatus status;
        bool known = false;  ///< status holds a scan's result
    };
    void setResult(const DatasetScanResult& result);
    void setFailure(const QString& message);
    QString stateOf(const Row& row) const;
    QString splitsText(const Row& row) const;
    QString tooltip(const Row& row, int column) const;

    std::vector<Row> m_rows;
    QString m_searchPath;
    QString m_failure;
    QPointer<Job> m_scan;
};

}  // namespace aip
