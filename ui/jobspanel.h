#pragma once

#include <QWidget>

class QPushButton;
class QTableView;

namespace aip {

class JobListModel;
class JobManager;

/// The Jobs dock: every submitted job with a progress bar and its state, and a Cancel button
/// for the selected one.
class JobsPanel final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JobsPanel)

public:
    explicit JobsPanel(JobManager* jobs, QWidget* parent = nullptr);
    ~JobsPanel() override;

    JobListModel* model() const { return m_model; }
    QTableView* view() const { return m_view; }
    QPushButton* cancelButton() const { return m_cancel; }

private:
    void cancelSelected();
    void updateCancelButton();
    int selectedRow() const;

    JobListModel* m_model = nullptr;
    QTableView* m_view = nullptr;
    QPushButton* m_cancel = nullptr;
};

}  // namespace aip
