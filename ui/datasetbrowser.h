#pragma once

#include "data/datasearchpath.h"

#include <QDialog>
#include <QPointer>

#include <memory>

class QComboBox;
class QLabel;
class QListView;
class QPushButton;

namespace aip {

class Dataset;
class ExampleGridModel;
class Job;
class JobManager;

/// Browse: a grid of one split's examples, a page at a time (thumbnails for images, sentences
/// for text), each with its label; with a model chosen, Predict runs it on the page in a job and
/// adds its answer and confidence to every example. The split is loaded in a job too.
class DatasetBrowser final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DatasetBrowser)

public:
    /// `dataset`: a built-in name or an image folder's path; `configDir` holds models.yaml.
    DatasetBrowser(JobManager* jobs, DataSearchPath searchPath, QString configDir, QString dataset,
                   QWidget* parent = nullptr);
    ~DatasetBrowser() override;

    ExampleGridModel* examples() const { return m_examples; }
    QListView* view() const { return m_view; }
    QComboBox* splitChooser() const { return m_split; }
    QComboBox* modelChooser() const { return m_model; }
    QPushButton* predictButton() const { return m_predict; }
    QLabel* message() const { return m_message; }
    static int pageSize() { return 48; }

    /// Shows the page starting at example `first` of the loaded split.
    void showPage(qsizetype first);
    /// Loads the split chosen (a job); the grid fills when it is done.
    Job* loadSplit();
    /// Runs the chosen model on the page on screen (a job).
    Job* predict();

Q_SIGNALS:
    void pageShown();
    void predictionsShown();

private:
    void updateControls();

    JobManager* m_jobs;
    DataSearchPath m_searchPath;
    QString m_configDir;
    QString m_dataset;
    std::shared_ptr<const Dataset> m_data;
    ExampleGridModel* m_examples = nullptr;
    QListView* m_view = nullptr;
    QComboBox* m_split = nullptr;
    QComboBox* m_model = nullptr;
    QPushButton* m_predict = nullptr;
    QPushButton* m_previous = nullptr;
    QPushButton* m_next = nullptr;
    QLabel* m_page = nullptr;
    QLabel* m_message = nullptr;
    QPointer<Job> m_load;  ///< the latest; an older load's result is dropped
    QPointer<Job> m_predictJob;
};

}  // namespace aip
