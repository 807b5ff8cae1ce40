#pragma once

#include <QAbstractTableModel>
#include <QHash>
#include <QSortFilterProxyModel>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <vector>

class QAbstractItemModel;

namespace aip {

/// A report table as plain data: column names (as the result files name them, so an export
/// reads like the source) and rows of cells, each a QString, a double (NaN: no value), an
/// integer or a bool.
struct ReportTable {
    QStringList columns;
    std::vector<QVariantList> rows;

    /// The distinct values of a column, in first-seen order.
    QStringList distinct(int column) const;
    int column(const QString& name) const { return static_cast<int>(columns.indexOf(name)); }
};

/// A ReportTable for views. DisplayRole shows numbers with four significant digits (NaN as
/// "—"), SortRole gives the cell itself, so a proxy sorts numbers as numbers and an export
/// writes them at full precision.
class ReportTableModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReportTableModel)

public:
    enum Role { SortRole = Qt::UserRole + 1 };

    explicit ReportTableModel(QObject* parent = nullptr);
    ~ReportTableModel() override;

    void setTable(ReportTable table);
    const ReportTable& table() const { return m_table; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    ReportTable m_table;
};

/// Sorts by SortRole and keeps the rows whose cells equal every column filter set.
class ReportFilterModel final : public QSortFilterProxyModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReportFilterModel)

public:
    explicit ReportFilterModel(QObject* parent = nullptr);
    ~ReportFilterModel() override;

    /// Keeps the rows whose `column` shows `value`; an empty value clears that filter.
    void setColumnFilter(int column, const QString& value);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    QHash<int, QString> m_filters;
};

/// Writes the rows `model` shows (sorted and filtered as a view shows them) as CSV: the header
/// names, then each cell's SortRole value (numbers at full precision, NaN as "nan"; a model
/// without SortRole: its DisplayRole). Atomic; throws aip::Error naming the file.
void exportTableCsv(const QAbstractItemModel& model, const QString& path);

}  // namespace aip
