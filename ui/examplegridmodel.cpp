#include "examplegridmodel.h"

#include <QBrush>
#include <QColor>

#include <algorithm>

namespace aip {

ExampleGridModel::ExampleGridModel(QObject* parent) : QAbstractListModel(parent) {}

ExampleGridModel::~ExampleGridModel() = default;

void ExampleGridModel::setPage(std::shared_ptr<const Dataset> data, qsizetype first,
                               qsizetype count) {
    beginResetModel();
    m_data = std::move(data);
    const qsizetype size = m_data ? m_data->size() : 0;
    m_first = std::clamp<qsizetype>(first, 0, size);
    m_count = std::clamp<qsizetype>(count, 0, size - m_first);
    m_predictions.assign(static_cast<std::size_t>(m_count), Prediction{});
    m_thumbnails.assign(static_cast<std::size_t>(m_count), QImage());
    endResetModel();
}

void ExampleGridModel::clear() {
    setPage(nullptr, 0, 0);
}

void ExampleGridModel::setPredictions(const AccuracyProfile& answers) {
    for (std::size_t i = 0; i < answers.size(); ++i) {
        const qsizetype row = static_cast<qsizetype>(answers.index[i]) - m_first;
        if (row >= 0 && row < m_count) {
            m_predictions[static_cast<std::size_t>(row)] = {answers.predicted[i],
                                                            answers.confidence[i]};
        }
    }
    if (m_count > 0) {
        Q_EMIT dataChanged(index(0), index(static_cast<int>(m_count) - 1));
    }
}

int ExampleGridModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_count);
}

QString ExampleGridModel::className(int label) const {
    const QStringList names = m_data->classNames();
    return label >= 0 && label < names.size() ? names.at(label) : QString::number(label);
}

QImage ExampleGridModel::thumbnail(qsizetype example) const {
    const auto* images = dynamic_cast<const ImageDataset*>(m_data.get());
    if (images == nullptr) {
        return {};
    }
    const int w = images->width();
    const int h = images->height();
    const std::uint8_t* chw = images->pixels(example);
    QImage image(w, h, images->channels() == 1 ? QImage::Format_Grayscale8 : QImage::Format_RGB888);
    for (int y = 0; y < h; ++y) {
        uchar* line = image.scanLine(y);
        for (int x = 0; x < w; ++x) {
            if (images->channels() == 1) {
                line[x] = chw[y * w + x];
            } else {
                for (int c = 0; c < 3; ++c) {
                    line[x * 3 + c] = chw[(c * h + y) * w + x];
                }
            }
        }
    }
    // Small images (28×28, 32×32) are scaled up without smoothing, so pixels stay pixels.
    return image.scaledToHeight(thumbnailHeight(), h < thumbnailHeight()
                                                       ? Qt::FastTransformation
                                                       : Qt::SmoothTransformation);
}

QVariant ExampleGridModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const qsizetype example = m_first + index.row();
    const int label = m_data->label(example);
    const Prediction& p = m_predictions[static_cast<std::size_t>(index.row())];
    const bool predicted = p.predicted >= 0;
    const auto* text = dynamic_cast<const TextDataset*>(m_data.get());
    switch (role) {
        case IndexRole:
            return static_cast<qlonglong>(example);
        case LabelRole:
            return label;
        case LabelNameRole:
            return className(label);
        case SentenceRole:
            return text != nullptr ? QVariant(text->sentence(example)) : QVariant();
        case PredictedRole:
            return predicted ? QVariant(p.predicted) : QVariant();
        case PredictedNameRole:
            return predicted ? QVariant(className(p.predicted)) : QVariant();
        case ConfidenceRole:
            return predicted ? QVariant(static_cast<double>(p.confidence)) : QVariant();
        case CorrectRole:
            return predicted ? QVariant(p.predicted == label) : QVariant();
        case Qt::DisplayRole: {
            QString shown = text != nullptr
                                ? tr("#%1 %2\nlabel: %3")
                                      .arg(example)
                                      .arg(text->sentence(example).trimmed(), className(label))
                                : tr("#%1 %2").arg(example).arg(className(label));
            if (predicted) {
                shown +=
                    (text != nullptr ? QStringLiteral(" · ") : QStringLiteral("\n")) +
                    tr("→ %1 %2%").arg(className(p.predicted)).arg(p.confidence * 100.0, 0, 'f', 0);
            }
            return shown;
        }
        case Qt::ToolTipRole:
            return predicted ? tr("Example %1: label %2, predicted %3 with confidence %4")
                                   .arg(example)
                                   .arg(className(label), className(p.predicted))
                                   .arg(static_cast<double>(p.confidence), 0, 'f', 3)
                             : tr("Example %1: label %2").arg(example).arg(className(label));
        case Qt::DecorationRole: {
            if (text != nullptr) {
                return {};
            }
            QImage& cached = m_thumbnails[static_cast<std::size_t>(index.row())];
            if (cached.isNull()) {
                cached = thumbnail(example);
            }
            return cached;
        }
        case Qt::ForegroundRole:
            if (!predicted) {
                return {};
            }
            // Wrong answers stand out; right ones keep the normal text colour.
            return p.predicted == label ? QVariant() : QVariant(QBrush(QColor(0xc0, 0x20, 0x20)));
        default:
            return {};
    }
}

QHash<int, QByteArray> ExampleGridModel::roleNames() const {
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(IndexRole, "index");
    names.insert(LabelRole, "label");
    names.insert(LabelNameRole, "labelName");
    names.insert(SentenceRole, "sentence");
    names.insert(PredictedRole, "predicted");
    names.insert(PredictedNameRole, "predictedName");
    names.insert(ConfidenceRole, "confidence");
    names.insert(CorrectRole, "correct");
    return names;
}

}  // namespace aip
