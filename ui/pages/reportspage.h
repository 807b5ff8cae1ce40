#pragma once

#include <QPixmap>
#include <QString>
#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QScrollArea;
class QTextBrowser;

namespace aip {

class JobManager;

/// The Reports page: runs the experiment pipeline as a job (quick or full protocol, into a
/// results folder) and shows what it wrote — summary.md and the figures under plots/, drawn by
/// the same plot builders as `--batch`.
class ReportsPage final : public QWidget {
    Q_OBJECT

public:
    explicit ReportsPage(JobManager& jobs, QWidget* parent = nullptr);

    QString resultsDirectory() const;
    void setResultsDirectory(const QString& directory);
    /// Re-reads summary.md and the list of figures of the results folder.
    void reload();

    QListWidget* figureList() const { return m_figures; }
    QTextBrowser* summaryView() const { return m_summary; }
    QPushButton* runButton() const { return m_run; }
    QCheckBox* quickBox() const { return m_quick; }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void runPipeline();
    void showFigure();
    /// Shows the current figure scaled down to the visible area (never up), aspect kept.
    void fitFigure();

    JobManager& m_jobs;
    QLineEdit* m_folder = nullptr;
    QCheckBox* m_quick = nullptr;
    QPushButton* m_run = nullptr;
    QLabel* m_status = nullptr;
    QTextBrowser* m_summary = nullptr;
    QListWidget* m_figures = nullptr;
    QLabel* m_image = nullptr;
    QScrollArea* m_scroll = nullptr;
    QPixmap m_figure;  ///< the current figure at full size
};

}  // namespace aip
