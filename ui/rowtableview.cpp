#include "rowtableview.h"

#include <QHeaderView>
#include <QSortFilterProxyModel>
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

QTableView* createSortedRowTableView(const QString& objectName, QAbstractItemModel* model,
                                     int sortRole, QWidget* parent) {
    auto* sorted = new QSortFilterProxyModel(parent);
    sorted->setSourceModel(model);
    sorted->setSortRole(sortRole);
    QTableView* view = createRowTableView(objectName, sorted, parent);
    view->setSortingEnabled(true);
    view->sortByColumn(-1, Qt::AscendingOrder);
    view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    return view;
}

}  // namespace aip
