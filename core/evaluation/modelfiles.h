#pragma once

#include "config/configset.h"
#include "data/datasearchpath.h"
#include "evaluation/modelresolver.h"

#include <QString>
#include <QStringList>

#include <vector>

namespace aip {

/// model_files.csv: the files each swept model of a run loads (its weights and vocabulary), as
/// the datasets stage found or trained them. Every later step of that run (profiling, live
/// replay) loads its models from these records, so all of them use the weights the run recorded,
/// whatever else the data folders hold.
class ModelFiles final {
public:
    struct Record {
        QString model;
        QString task;
        QString architecture;
        QString recipe;  ///< TrainingRecipe::digest() of a zoo checkpoint; empty when imported
        QString role;    ///< "weights" or "vocabulary"
        QString file;    ///< absolute
        qint64 bytes = 0;
        QString sha256;  ///< filled by whoever writes the file (the datasets stage)
    };

    /// Finds the files of every swept model on `search`; zoo models by the checkpoint of
    /// `recipe`. Throws aip::Error as resolveModel() does.
    static ModelFiles locate(const ConfigSet& configs, const DataSearchPath& search,
                             const RecipeChoice& recipe);
    /// Reads a model_files.csv; throws aip::Error naming the file (and line) when it is missing
    /// or malformed.
    static ModelFiles load(const QString& path);
    /// Writes the records atomically.
    void save(const QString& path) const;

    std::vector<Record>& records() { return m_records; }
    const std::vector<Record>& records() const { return m_records; }
    /// Every file, in record order.
    QStringList files() const;

    /// Model `id` of `models`, loading the recorded files. Throws aip::Error naming this file
    /// when it holds no weights for `id`, or naming the recorded file when that is gone.
    ResolvedModel resolve(const ModelsConfig& models, const QString& id) const;

private:
    QString m_source;  ///< the file read, for error messages; empty when located
    std::vector<Record> m_records;
};

}  // namespace aip
