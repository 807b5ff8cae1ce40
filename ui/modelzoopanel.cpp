#include "modelzoopanel.h"

#include "config/configset.h"
#include "modelzoomodel.h"

#include <QAction>
#include <QHeaderView>
#include <QLabel>
#include <QToolBar>
#include <QTreeView>
#include <QVBoxLayout>

#include <exception>

namespace aip {

ModelZooPanel::ModelZooPanel(DataSearchPath searchPath, QString configDirectory, QWidget* parent)
    : QWidget(parent),
      m_searchPath(std::move(searchPath)),
      m_configDirectory(std::move(configDirectory)),
      m_model(new ModelZooModel(this)),
      m_view(new QTreeView(this)),
      m_message(new QLabel(this)) {
    auto* toolbar = new QToolBar(this);
    toolbar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    QAction* reloadAction = toolbar->addAction(tr("Reload"), this, &ModelZooPanel::reload);
    reloadAction->setToolTip(tr("Read models.yaml again and look for checkpoints and files"));

    m_view->setObjectName(QStringLiteral("modelZooView"));
    m_view->setModel(m_model);
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->setTextElideMode(Qt::ElideRight);
    // Id, architecture and weights keep their width; the long parameter list takes the rest.
    m_view->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_view->header()->setSectionResizeMode(ModelZooModel::ParametersColumn, QHeaderView::Stretch);

    m_message->setObjectName(QStringLiteral("modelZooMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->hide();

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 0, 4, 4);
    layout->setSpacing(0);
    layout->addWidget(toolbar);
    layout->addWidget(m_message);
    layout->addWidget(m_view);

    reload();
}

ModelZooPanel::~ModelZooPanel() = default;

void ModelZooPanel::reload() {
    try {
        const ConfigSet configs = ConfigSet::load(m_configDirectory, false);
        m_model->setModels(configs.models, m_searchPath);
        m_error.clear();
    } catch (const std::exception& e) {
        m_model->clear();
        m_error = QString::fromUtf8(e.what());
    }
    m_message->setText(m_error);
    m_message->setVisible(!m_error.isEmpty());
    m_view->expandAll();
}

}  // namespace aip
