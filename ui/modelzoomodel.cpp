#include "modelzoomodel.h"

#include "evaluation/modelresolver.h"

#include <QColor>
#include <QDir>
#include <QFileInfo>

namespace aip {

namespace {

/// The row of a model under its task is tagged with task row + 1; task rows with 0.
constexpr quintptr kTaskRowTag = 0;

QString parametersText(const ModelVariant& m) {
    QStringList parts;
    for (auto it = m.params.constBegin(); it != m.params.constEnd(); ++it) {
        parts.append(QStringLiteral("%1 %2").arg(it.key(), QString::number(it.value())));
    }
    return parts.join(QStringLiteral(", "));
}

}  // namespace

ModelZooModel::ModelZooModel(QObject* parent) : QAbstractItemModel(parent) {}

ModelZooModel::~ModelZooModel() = default;

void ModelZooModel::setModels(const ModelsConfig& models, const DataSearchPath& searchPath) {
    std::vector<Group> groups;
    for (const TaskSpec& task : models.tasks) {
        Group group;
        group.task = task.id;
        group.dataset = task.dataset;
        for (const ModelVariant& m : models.models) {
            if (m.task != task.id) {
                continue;
            }
            Entry e;
            e.id = m.id;
            e.architecture = m.architecture;
            e.parameters = parametersText(m);
            e.torchscript = m.architecture == u"torchscript";
            if (e.torchscript) {
                e.weightsPath = searchPath.find(m.file);
                e.missingHint =
                    tr("%1 is not on the data search path: %2").arg(m.file, searchPath.describe());
            } else {
                // One checkpoint per training recipe (the quick and full protocols and a manual
                // train each have their own), in the search path's order.
                const std::vector<TrainedCheckpoint> found = trainedCheckpoints(m.id, searchPath);
                e.recipes = static_cast<int>(found.size());
                QStringList lines;
                for (const TrainedCheckpoint& c : found) {
                    lines.append(c.trainedFor.isEmpty()
                                     ? c.file
                                     : tr("%1\n    trained for %2").arg(c.file, c.trainedFor));
                }
                e.weightsPath = found.empty() ? QString() : found.front().file;
                e.foundHint = lines.join(u'\n');
                e.missingHint =
                    tr("Not trained yet: no %1/recipe-<digest>.pt on the data search path (%2).\n"
                       "Train it with: anytime-planner --batch train --model %3, or run a "
                       "protocol's pipeline that sweeps it")
                        .arg(TrainingRecipe::checkpointFolder(m.id), searchPath.describe(), m.id);
            }
            group.models.push_back(e);
        }
        groups.push_back(group);
    }
    beginResetModel();
    m_groups = std::move(groups);
    endResetModel();
}

void ModelZooModel::clear() {
    beginResetModel();
    m_groups.clear();
    endResetModel();
}

QModelIndex ModelZooModel::index(int row, int column, const QModelIndex& parent) const {
    if (!hasIndex(row, column, parent)) {
        return {};
    }
    if (!parent.isValid()) {
        return createIndex(row, column, kTaskRowTag);
    }
    return createIndex(row, column, static_cast<quintptr>(parent.row()) + 1);
}

QModelIndex ModelZooModel::parent(const QModelIndex& child) const {
    if (!child.isValid() || child.internalId() == kTaskRowTag) {
        return {};
    }
    return createIndex(static_cast<int>(child.internalId() - 1), 0, kTaskRowTag);
}

int ModelZooModel::rowCount(const QModelIndex& parent) const {
    if (!parent.isValid()) {
        return static_cast<int>(m_groups.size());
    }
    if (parent.internalId() != kTaskRowTag || parent.column() != 0) {
        return 0;
    }
    return static_cast<int>(m_groups.at(static_cast<std::size_t>(parent.row())).models.size());
}

int ModelZooModel::columnCount(const QModelIndex& /*parent*/) const {
    return ColumnCount;
}

QVariant ModelZooModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid)) {
        return {};
    }
    if (index.internalId() == kTaskRowTag) {
        return taskData(m_groups.at(static_cast<std::size_t>(index.row())), index.column(), role);
    }
    const Group& group = m_groups.at(static_cast<std::size_t>(index.internalId() - 1));
    return modelData(group, group.models.at(static_cast<std::size_t>(index.row())), index.column(),
                     role);
}

QVariant ModelZooModel::taskData(const Group& group, int column, int role) const {
    switch (role) {
        case Qt::DisplayRole:
            if (column == ModelColumn) {
                return group.task;
            }
            if (column == ArchitectureColumn) {
                return group.models.size() == 1 ? tr("1 model")
                                                : tr("%1 models").arg(group.models.size());
            }
            return {};
        case Qt::ToolTipRole:
            return tr("Task %1 on dataset %2").arg(group.task, group.dataset);
        case TaskRole:
            return group.task;
        case ModelIdRole:
            return QString();
        default:
            return {};
    }
}

QVariant ModelZooModel::modelData(const Group& group, const Entry& e, int column, int role) const {
    const bool present = !e.weightsPath.isEmpty();
    const bool weightsColumn = column == WeightsColumn;
    switch (role) {
        case Qt::DisplayRole:
            switch (column) {
                case ModelColumn:
                    return e.id;
                case ArchitectureColumn:
                    return e.architecture;
                case ParametersColumn:
                    return e.parameters.isEmpty() ? QStringLiteral("—") : e.parameters;
                case WeightsColumn:
                    if (e.torchscript) {
                        return present ? tr("file found") : tr("file missing");
                    }
                    if (e.recipes > 1) {
                        return tr("trained (%1 recipes)").arg(e.recipes);
                    }
                    return present ? tr("trained") : tr("not trained");
                default:
                    return {};
            }
        case Qt::ToolTipRole:
            if (weightsColumn || column == ModelColumn) {
                if (!present) {
                    return e.missingHint;
                }
                return e.foundHint.isEmpty() ? e.weightsPath : e.foundHint;
            }
            return column == ParametersColumn ? e.parameters : QString();
        case Qt::ForegroundRole:
            if (weightsColumn && !present) {
                return QColor(Qt::darkRed);
            }
            if (weightsColumn) {
                return QColor(Qt::darkGreen);
            }
            return {};
        case ModelIdRole:
            return e.id;
        case TaskRole:
            return group.task;
        case ArchitectureRole:
            return e.architecture;
        case TrainedRole:
            return !e.torchscript && present;
        case TorchScriptFoundRole:
            return e.torchscript && present;
        case WeightsPathRole:
            return e.weightsPath;
        default:
            return {};
    }
}

QVariant ModelZooModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
        case ModelColumn:
            return tr("Model");
        case ArchitectureColumn:
            return tr("Architecture");
        case ParametersColumn:
            return tr("Parameters");
        case WeightsColumn:
            return tr("Weights");
        default:
            return {};
    }
}

QHash<int, QByteArray> ModelZooModel::roleNames() const {
    QHash<int, QByteArray> names = QAbstractItemModel::roleNames();
    names.insert(ModelIdRole, "modelId");
    names.insert(TaskRole, "task");
    names.insert(ArchitectureRole, "architecture");
    names.insert(TrainedRole, "trained");
    names.insert(TorchScriptFoundRole, "torchScriptFound");
    names.insert(WeightsPathRole, "weightsPath");
    return names;
}

}  // namespace aip
