#include "reports/reporttablemodel.h"

#include "common/csv.h"

#include <cmath>

namespace aip {

namespace {

QString cellText(const QVariant& cell) {
    switch (cell.typeId()) {
        case QMetaType::Double: {
            const double value = cell.toDouble();
            return std::isnan(value) ? QStringLiteral("—") : QString::number(value, 'g', 4);
        }
        case QMetaType::Bool:
            return cell.toBool() ? QStringLiteral("yes") : QStringLiteral("no");
        default:
            return cell.toString();
    }
}

QString csvCell(const QVariant& cell) {
    switch (cell.typeId()) {
        case QMetaType::Double:
            return csv::number(cell.toDouble());
        case QMetaType::Bool:
            return cell.toBool() ? QStringLiteral("true") : QStringLiteral("false");
        default:
            return cell.toString();
    }
}

}  // namespace

QStringList ReportTable::distinct(int column) const {
    QStringList values;
    for (const QVariantList& row : rows) {
        const QString value = row.value(column).toString();
        if (!values.contains(value)) {
            values.append(value);
        }
    }
    return values;
}

ReportTableModel::ReportTableModel(QObject* parent) : QAbstractTableModel(parent) {}

ReportTableModel::~ReportTableModel() = default;

void ReportTableModel::setTable(ReportTable table) {
    beginResetModel();
    m_table = std::move(table);
    endResetModel();
}

int ReportTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_table.rows.size());
}

int ReportTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_table.columns.size());
}

QVariant ReportTableModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const QVariant cell =
        m_table.rows.at(static_cast<std::size_t>(index.row())).value(index.column());
    switch (role) {
        case Qt::DisplayRole:
            return cellText(cell);
        case Qt::ToolTipRole:
            return cell.typeId() == QMetaType::Double ? csv::number(cell.toDouble())
                                                      : cellText(cell);
        case Qt::TextAlignmentRole:
            return cell.typeId() == QMetaType::QString
                       ? QVariant()
                       : QVariant(static_cast<int>(Qt::AlignRight | Qt::AlignVCenter));
        case SortRole:
            return cell;
        default:
            return {};
    }
}

QVariant ReportTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (role != Qt::DisplayRole || orientation != Qt::Horizontal || section < 0 ||
        section >= m_table.columns.size()) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    return m_table.columns.at(section);
}

ReportFilterModel::ReportFilterModel(QObject* parent) : QSortFilterProxyModel(parent) {
    setSortRole(ReportTableModel::SortRole);
}

ReportFilterModel::~ReportFilterModel() = default;

void ReportFilterModel::setColumnFilter(int column, const QString& value) {
    if (value.isEmpty()) {
        m_filters.remove(column);
    } else {
        m_filters.insert(column, value);
    }
    invalidateRowsFilter();
}

bool ReportFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const {
    for (auto it = m_filters.cbegin(); it != m_filters.cend(); ++it) {
        const QModelIndex index = sourceModel()->index(sourceRow, it.key(), sourceParent);
        if (sourceModel()->data(index, ReportTableModel::SortRole).toString() != it.value()) {
            return false;
        }
    }
    return true;
}

void exportTableCsv(const QAbstractItemModel& model, const QString& path) {
    QStringList header;
    for (int c = 0; c < model.columnCount(); ++c) {
        header << model.headerData(c, Qt::Horizontal).toString();
    }
    CsvWriter writer(header);
    for (int r = 0; r < model.rowCount(); ++r) {
        QStringList fields;
        for (int c = 0; c < model.columnCount(); ++c) {
            const QModelIndex index = model.index(r, c);
            const QVariant raw = model.data(index, ReportTableModel::SortRole);
            fields << (raw.isValid() ? csvCell(raw) : model.data(index).toString());
        }
        writer.addRow(fields);
    }
    writer.save(path);
}

}  // namespace aip
