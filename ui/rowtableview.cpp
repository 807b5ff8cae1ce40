#include "rowtableview.h"

#include <QHeaderView>
#include <QTableView>

namespace aip {

QTableView* createRowTableView(const QString& objectName, QAbstractItemModel* model,
                               QWidget* parent) {
    auto* view = new QTableView(parent);
    view->setObjectName(objectName);
    view->setModel(model);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->verticalHeader()->hide();
    view->setShowGrid(false);
    view->setWordWrap(false);
    return view;
}

}  // namespace aip
