#pragma once

#include <QString>

class QAbstractItemModel;
class QTableView;
class QWidget;

namespace aip {

/// A table that lists records one per row, as the docks use it: whole-row single selection,
/// no row numbers, no grid, one line per row.
QTableView* createRowTableView(const QString& objectName, QAbstractItemModel* model,
                               QWidget* parent);

/// The same over a QSortFilterProxyModel of `model` (the view's model()) that sorts by
/// `sortRole` when a header is clicked; the rows start in the model's order, and columns fit
/// their contents.
QTableView* createSortedRowTableView(const QString& objectName, QAbstractItemModel* model,
                                     int sortRole, QWidget* parent);

}  // namespace aip
