#pragma once

#include "reports/reportpage.h"

class QComboBox;

namespace aip {

class ReportTableModel;

/// Ablations: what each configuration dimension is worth. One selector for the dimension
/// (batch size, model size, quantization, device, cascade threshold); its figure (effective
/// accuracy and hit rate per value and policy, with 95% CI bars) and the table of the same
/// means, from ablation/<dimension>.csv.
class AblationsPage final : public ReportPage {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AblationsPage)

public:
    explicit AblationsPage(JobManager* jobs, QWidget* parent = nullptr);
    ~AblationsPage() override;

    QComboBox* dimensionBox() const { return m_dimension; }
    ReportTableModel* tableModel() const { return m_table; }
    QCustomPlot* plot() const { return m_plot; }

protected:
    void showSnapshot() override;

private:
    void redraw();

    QComboBox* m_dimension = nullptr;
    ReportTableModel* m_table = nullptr;
    QCustomPlot* m_plot = nullptr;
};

}  // namespace aip
