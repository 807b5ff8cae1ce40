#pragma once

#include "data/datasearchpath.h"

#include <QWidget>

class QLabel;
class QTreeView;

namespace aip {

class ModelZooModel;

/// The Model zoo dock: the models.yaml variants grouped by task, with their weights' status.
class ModelZooPanel final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ModelZooPanel)

public:
    /// `configDirectory` holds models.yaml (see defaultConfigDirectory()).
    ModelZooPanel(DataSearchPath searchPath, QString configDirectory, QWidget* parent = nullptr);
    ~ModelZooPanel() override;

    ModelZooModel* model() const { return m_model; }
    QTreeView* view() const { return m_view; }
    /// Why the configuration could not be read; empty when it was.
    QString errorMessage() const { return m_error; }

    /// Reads the configuration again and checks which weights are present.
    void reload();

private:
    DataSearchPath m_searchPath;
    QString m_configDirectory;
    QString m_error;
    ModelZooModel* m_model = nullptr;
    QTreeView* m_view = nullptr;
    QLabel* m_message = nullptr;
};

}  // namespace aip
