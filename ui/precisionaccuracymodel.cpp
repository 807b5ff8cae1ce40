#include "precisionaccuracymodel.h"

#include <QBrush>
#include <QPalette>

namespace aip {

PrecisionAccuracyModel::PrecisionAccuracyModel(QObject* parent) : QAbstractTableModel(parent) {}

PrecisionAccuracyModel::~PrecisionAccuracyModel() = default;

void PrecisionAccuracyModel::setResults(std::vector<PrecisionAccuracy> results) {
    beginResetModel();
    m_rows = std::move(results);
    endResetModel();
}

int PrecisionAccuracyModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int PrecisionAccuracyModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PrecisionAccuracyModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const PrecisionAccuracy& row = m_rows[static_cast<std::size_t>(index.row())];
    switch (role) {
        case PrecisionRole:
            return row.precision;
        case SupportedRole:
            return row.supported;
        case AccuracyRole:
            return row.supported ? QVariant(row.accuracy) : QVariant();
        case ReasonRole:
            return row.reason;
        case Qt::ToolTipRole:
            return row.supported ? QVariant() : QVariant(row.reason);
        case Qt::ForegroundRole:
            return row.supported ? QVariant()
                                 : QVariant(QPalette().brush(QPalette::PlaceholderText));
        case Qt::TextAlignmentRole:
            return index.column() == AccuracyColumn || index.column() == CorrectColumn
                       ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                       : QVariant();
        case Qt::DisplayRole:
            switch (index.column()) {
                case PrecisionColumn:
                    return row.precision;
                case AccuracyColumn:
                    return row.supported ? QString::number(row.accuracy * 100.0, 'f', 2) + u'%'
                                         : QString();
                case CorrectColumn:
                    return row.supported ? tr("%L1 / %L2").arg(row.correct).arg(row.examples)
                                         : QString();
                case NoteColumn:
                    return row.supported ? QString() : row.reason;
                default:
                    return {};
            }
        default:
            return {};
    }
}

QVariant PrecisionAccuracyModel::headerData(int section, Qt::Orientation orientation,
                                            int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
        case PrecisionColumn:
            return tr("Precision");
        case AccuracyColumn:
            return tr("Accuracy");
        case CorrectColumn:
            return tr("Correct");
        case NoteColumn:
            return tr("Note");
        default:
            return {};
    }
}

QHash<int, QByteArray> PrecisionAccuracyModel::roleNames() const {
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(PrecisionRole, "precision");
    names.insert(SupportedRole, "supported");
    names.insert(AccuracyRole, "accuracy");
    names.insert(ReasonRole, "reason");
    return names;
}

}  // namespace aip
