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

}  // namespace aip
