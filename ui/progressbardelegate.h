#pragma once

#include <QStyledItemDelegate>

namespace aip {

/// Draws a cell as a progress bar: the fraction in [0, 1] comes from `progressRole`, the text
/// from the display role.
class ProgressBarDelegate final : public QStyledItemDelegate {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProgressBarDelegate)

public:
    explicit ProgressBarDelegate(int progressRole, QObject* parent = nullptr);

    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

private:
    int m_progressRole;
};

}  // namespace aip
