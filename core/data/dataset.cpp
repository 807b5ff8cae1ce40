#include "data/dataset.h"

namespace aip {

ImageDataset::ImageDataset(QString name, int channels, int height, int width, QStringList classNames)
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
