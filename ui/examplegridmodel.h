#pragma once

#include "data/dataset.h"
#include "results/profiles.h"

#include <QAbstractListModel>
#include <QImage>
#include <QSize>

#include <memory>
#include <vector>

namespace aip {

/// One page of a loaded dataset split for the dataset browser: each example with its label and,
/// once a model has run on the page, its prediction and confidence. Images show as thumbnails,
/// sentences as text.
class ExampleGridModel final : public QAbstractListModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ExampleGridModel)

public:
    enum Role {
        IndexRole = Qt::UserRole + 1,  ///< qlonglong: the example's index in the split
        LabelRole,                     ///< int
        LabelNameRole,                 ///< QString: the class name
        SentenceRole,                  ///< QString (text datasets)
        PredictedRole,                 ///< int; invalid before a prediction
        PredictedNameRole,             ///< QString
        ConfidenceRole,                ///< double (max softmax); invalid before a prediction
        CorrectRole,                   ///< bool; invalid before a prediction
    };

    explicit ExampleGridModel(QObject* parent = nullptr);
    ~ExampleGridModel() override;

    /// Shows examples [first, first + count) of `data` (clamped to its size); forgets the
    /// predictions.
    void setPage(std::shared_ptr<const Dataset> data, qsizetype first, qsizetype count);
    void clear();
    /// Predictions for some examples of the page (matched by AccuracyProfile::index).
    void setPredictions(const AccuracyProfile& answers);
    qsizetype first() const { return m_first; }
    /// Thumbnails are drawn at this height (pixels); wider images keep their aspect.
    static int thumbnailHeight() { return 64; }
    /// Every image example's cell: the thumbnail and beside it two lines of text (label, then
    /// the model's answer).
    static QSize cellSize() { return {220, thumbnailHeight() + 8}; }

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    struct Prediction {
        int predicted = -1;
        float confidence = 0.0F;
    };
    QImage thumbnail(qsizetype example) const;
    QString className(int label) const;

    std::shared_ptr<const Dataset> m_data;
    qsizetype m_first = 0;
    qsizetype m_count = 0;
    std::vector<Prediction> m_predictions;     ///< per row; predicted −1: none yet
    mutable std::vector<QImage> m_thumbnails;  ///< drawn on first use
};

}  // namespace aip
