#pragma once

#include "profilessnapshot.h"

#include <QAbstractTableModel>

#include <vector>

namespace aip {

/// latency_profiles.csv, one configuration per row. Unsupported and failed configurations stay
/// in the table, greyed, with their reason as the tooltip.
class LatencyProfileTableModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LatencyProfileTableModel)

public:
    enum Column {
        TaskColumn,
        ModelColumn,
        PrecisionColumn,
        BatchColumn,
        DeviceColumn,
        ThreadsColumn,
        CountColumn,
        P50Column,
        P95Column,
        P99Column,
        CiColumn,
        StatusColumn,
        StopReasonColumn,
        ColumnCount
    };
    enum Role {
        ConfigIdRole = Qt::UserRole + 1,  ///< QString: ConfigKey::id()
        OkRole,                           ///< bool: measured, has samples
        StatusRole,                       ///< QString: the whole status ("unsupported: …")
        SampleCountRole,                  ///< int
    };

    explicit LatencyProfileTableModel(QObject* parent = nullptr);
    ~LatencyProfileTableModel() override;

    void setProfiles(std::vector<LatencyProfile> profiles);
    const std::vector<LatencyProfile>& profiles() const { return m_profiles; }
    const LatencyProfile& profile(int row) const {
        return m_profiles[static_cast<std::size_t>(row)];
    }

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    QVariant display(const LatencyProfile& p, int column) const;
    std::vector<LatencyProfile> m_profiles;
};

/// accuracy_profiles.csv, one (model, precision) per row.
class AccuracyProfileTableModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AccuracyProfileTableModel)

public:
    enum Column {
        ModelColumn,
        PrecisionColumn,
        CountColumn,
        AccuracyColumn,
        ConfidenceColumn,
        EceColumn,
        ColumnCount
    };
    enum Role {
        AccuracyRole = Qt::UserRole + 1,  ///< double in [0, 1]
        TaskRole,                         ///< QString
    };

    explicit AccuracyProfileTableModel(QObject* parent = nullptr);
    ~AccuracyProfileTableModel() override;

    void setRows(std::vector<AccuracyRow> rows);
    const std::vector<AccuracyRow>& rows() const { return m_rows; }

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    std::vector<AccuracyRow> m_rows;
};

/// A latency in milliseconds with the digits that matter at its size ("0.412", "12.3", "250").
QString formatMs(double ms);

}  // namespace aip
