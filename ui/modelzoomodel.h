#pragma once

#include "config/modelsconfig.h"
#include "data/datasearchpath.h"

#include <QAbstractItemModel>

#include <vector>

namespace aip {

/// The models.yaml variants grouped by task: a task per top-level row, its variants below it,
/// each with its architecture, size parameters, and whether its weights are there — a trained
/// checkpoint (checkpoints/<id>/recipe-<digest>.pt on the data search path, one per training
/// recipe, where the train job writes) for zoo architectures, the declared file for TorchScript
/// imports.
class ModelZooModel final : public QAbstractItemModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ModelZooModel)

public:
    /// Weights: "trained" / "not trained" for a zoo architecture (its checkpoint), "file found" /
    /// "file missing" for a TorchScript import; the tooltip names the file.
    enum Column { ModelColumn, ArchitectureColumn, WeightsColumn, ParametersColumn, ColumnCount };
    enum Role {
        ModelIdRole = Qt::UserRole + 1,  ///< QString; empty on a task row
        TaskRole,                        ///< QString: the task id (task and model rows)
        ArchitectureRole,                ///< QString
        TrainedRole,                     ///< bool: a zoo model's checkpoint exists
        TorchScriptFoundRole,            ///< bool: a TorchScript model's file exists
        WeightsPathRole,                 ///< QString: the checkpoint or .pt found, else empty
    };

    explicit ModelZooModel(QObject* parent = nullptr);
    ~ModelZooModel() override;

    /// Rebuilds the tree; looks the weights up on `searchPath` (a few file checks).
    void setModels(const ModelsConfig& models, const DataSearchPath& searchPath);
    void clear();

    QModelIndex index(int row, int column,
                      const QModelIndex& parent = QModelIndex()) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    struct Entry {
        QString id;
        QString architecture;
        QString parameters;
        bool torchscript = false;
        QString weightsPath;  ///< found file (a zoo model: its first recipe's), else empty
        int recipes = 0;      ///< a zoo model: how many recipes' checkpoints were found
        QString foundHint;    ///< the files found, each with what it was trained for
        QString missingHint;  ///< what was looked for, when not found
    };
    struct Group {
        QString task;
        QString dataset;
        std::vector<Entry> models;
    };
    QVariant taskData(const Group& group, int column, int role) const;
    QVariant modelData(const Group& group, const Entry& entry, int column, int role) const;

    std::vector<Group> m_groups;
};

}  // namespace aip
