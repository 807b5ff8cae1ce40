#include "data/dataset.h"

#include "common/error.h"

namespace aip {

ImageDataset::ImageDataset(QString name, int channels, int height, int width,
                           QStringList classNames)
    : m_name(std::move(name)),
      m_channels(channels),
      m_height(height),
      m_width(width),
      m_classNames(std::move(classNames)) {}

void ImageDataset::append(const std::uint8_t* chw, int label) {
    m_pixels.insert(m_pixels.end(), chw, chw + imageBytes());
    m_labels.push_back(label);
}

void ImageDataset::reserve(qsizetype count) {
    m_pixels.reserve(static_cast<std::size_t>(count) * imageBytes());
    m_labels.reserve(static_cast<std::size_t>(count));
}

TextDataset::TextDataset(QString name, QStringList classNames)
    : m_name(std::move(name)), m_classNames(std::move(classNames)) {}

void TextDataset::append(const QString& sentence, int label) {
    m_sentences.append(sentence);
    m_labels.push_back(label);
}

}  // namespace aip

namespace aip {

std::unique_ptr<Dataset> selectExamples(const Dataset& data,
                                        const std::vector<qsizetype>& indices) {
    for (const qsizetype i : indices) {
        if (i < 0 || i >= data.size()) {
            throw Error(QStringLiteral("%1: example %2 is outside its %3 examples")
                            .arg(data.name())
                            .arg(i)
                            .arg(data.size()));
        }
    }
    if (const auto* images = dynamic_cast<const ImageDataset*>(&data)) {
        auto subset =
            std::make_unique<ImageDataset>(images->name(), images->channels(), images->height(),
                                           images->width(), images->classNames());
        subset->reserve(static_cast<qsizetype>(indices.size()));
        for (const qsizetype i : indices) {
            subset->append(images->pixels(i), images->label(i));
        }
        return subset;
    }
    const auto& texts = dynamic_cast<const TextDataset&>(data);
    auto subset = std::make_unique<TextDataset>(texts.name(), texts.classNames());
    for (const qsizetype i : indices) {
        subset->append(texts.sentence(i), texts.label(i));
    }
    return subset;
}

}  // namespace aip
