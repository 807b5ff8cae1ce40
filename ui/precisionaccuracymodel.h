#pragma once

#include "evaluation/evaluator.h"

#include <QAbstractTableModel>

#include <vector>

namespace aip {

/// The Model zoo dock's evaluation table: one row per precision, its accuracy on the task's
/// evaluation split, or why it could not run.
class PrecisionAccuracyModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PrecisionAccuracyModel)

public:
    enum Column { PrecisionColumn, AccuracyColumn, CorrectColumn, NoteColumn, ColumnCount };
    enum Role {
        PrecisionRole = Qt::UserRole + 1,  ///< QString
        SupportedRole,                     ///< bool
        AccuracyRole,                      ///< double; invalid when unsupported
        ReasonRole,                        ///< QString: why it could not run
    };

    explicit PrecisionAccuracyModel(QObject* parent = nullptr);
    ~PrecisionAccuracyModel() override;

    void setResults(std::vector<PrecisionAccuracy> results);

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    std::vector<PrecisionAccuracy> m_rows;
};

}  // namespace aip
