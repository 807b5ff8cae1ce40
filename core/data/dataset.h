#pragma once

#include <QString>
#include <QStringList>

#include <cstdint>
#include <memory>
#include <vector>

namespace aip {

/// A labelled evaluation or training split held in memory, in its raw form: image pixels as
/// bytes, sentences as text. Preprocessing (scaling, normalization, tokenization) belongs to
/// the model that consumes it (models.yaml `preprocessing`), not to the dataset.
class Dataset {
public:
    enum class Kind { Image, Text };

    virtual ~Dataset() = default;

    virtual Kind kind() const = 0;
    /// "cifar10/test", "sst2/dev", "fashion-mnist/train", "<folder>/<split>".
    virtual QString name() const = 0;
    virtual qsizetype size() const = 0;
    virtual int label(qsizetype index) const = 0;
    /// Class names in label order (label i is classNames()[i]).
    virtual QStringList classNames() const = 0;
    int numClasses() const { return static_cast<int>(classNames().size()); }
};

/// Images of one shape, stored as uint8 planes: image i occupies channels×height×width bytes
/// starting at pixels(i), channel-major (CHW), rows top to bottom.
class ImageDataset final : public Dataset {
public:
    ImageDataset(QString name, int channels, int height, int width, QStringList classNames);

    Kind kind() const override { return Kind::Image; }
    QString name() const override { return m_name; }
    qsizetype size() const override { return static_cast<qsizetype>(m_labels.size()); }
    int label(qsizetype index) const override {
        return m_labels.at(static_cast<std::size_t>(index));
    }
    QStringList classNames() const override { return m_classNames; }

    int channels() const { return m_channels; }
    int height() const { return m_height; }
    int width() const { return m_width; }
    std::size_t imageBytes() const {
        return static_cast<std::size_t>(m_channels) * m_height * m_width;
    }
    const std::uint8_t* pixels(qsizetype index) const {
        return m_pixels.data() + static_cast<std::size_t>(index) * imageBytes();
    }

    /// Appends one image (imageBytes() bytes, CHW) with its label.
    void append(const std::uint8_t* chw, int label);
    void reserve(qsizetype count);

private:
    QString m_name;
    int m_channels;
    int m_height;
    int m_width;
    QStringList m_classNames;
    std::vector<std::uint8_t> m_pixels;
    std::vector<int> m_labels;
};

/// Sentences with labels (SST-2: 0 negative, 1 positive).
class TextDataset final : public Dataset {
public:
    TextDataset(QString name, QStringList classNames);

    Kind kind() const override { return Kind::Text; }
    QString name() const override { return m_name; }
    qsizetype size() const override { return m_sentences.size(); }
    int label(qsizetype index) const override {
        return m_labels.at(static_cast<std::size_t>(index));
    }
    QStringList classNames() const override { return m_classNames; }

    const QString& sentence(qsizetype index) const { return m_sentences.at(index); }
    const QStringList& sentences() const { return m_sentences; }
    void append(const QString& sentence, int label);

private:
    QString m_name;
    QStringList m_classNames;
    QStringList m_sentences;
    std::vector<int> m_labels;
};

}  // namespace aip

namespace aip {

/// A new dataset holding copies of `indices` of `data`, in that order (repeats allowed): the
/// examples of one served batch. Throws aip::Error for an index outside `data`.
std::unique_ptr<Dataset> selectExamples(const Dataset& data, const std::vector<qsizetype>& indices);

}  // namespace aip
