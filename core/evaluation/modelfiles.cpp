#include "evaluation/modelfiles.h"

#include "common/csv.h"
#include "common/error.h"

#include <QFileInfo>

namespace aip {

namespace {

const QString kWeights = QStringLiteral("weights");
const QString kVocabulary = QStringLiteral("vocabulary");

QStringList header() {
    return {QStringLiteral("model"),  QStringLiteral("task"),  QStringLiteral("architecture"),
            QStringLiteral("recipe"), QStringLiteral("role"),  QStringLiteral("file"),
            QStringLiteral("bytes"),  QStringLiteral("sha256")};
}

}  // namespace

ModelFiles ModelFiles::locate(const ConfigSet& configs, const DataSearchPath& search,
                              const RecipeChoice& recipe) {
    ModelFiles files;
    for (const ModelVariant* m : configs.sweptModels()) {
        const ResolvedModel resolved = resolveModel(configs.models, m->id, search, recipe);
        const auto add = [&](const QString& role, const QString& path) {
            files.m_records.push_back({m->id, m->task, m->architecture, resolved.recipe, role,
                                       QFileInfo(path).absoluteFilePath(), QFileInfo(path).size(),
                                       QString()});
        };
        add(kWeights, resolved.load.weightsFile);
        if (!resolved.load.vocabFile.isEmpty() && QFileInfo::exists(resolved.load.vocabFile)) {
            add(kVocabulary, resolved.load.vocabFile);
        }
    }
    return files;
}

ModelFiles ModelFiles::load(const QString& path) {
    const CsvTable table = CsvTable::load(path);
    for (const QString& column : header()) {
        table.column(column);  // throws naming the file and the missing column
    }
    ModelFiles files;
    files.m_source = path;
    for (qsizetype i = 0; i < table.rowCount(); ++i) {
        Record r;
        r.model = table.value(i, QStringLiteral("model"));
        r.task = table.value(i, QStringLiteral("task"));
        r.architecture = table.value(i, QStringLiteral("architecture"));
        r.recipe = table.value(i, QStringLiteral("recipe"));
        r.role = table.value(i, QStringLiteral("role"));
        r.file = table.value(i, QStringLiteral("file"));
        r.bytes = table.value(i, QStringLiteral("bytes")).toLongLong();
        r.sha256 = table.value(i, QStringLiteral("sha256"));
        if (r.model.isEmpty() || r.file.isEmpty() ||
            (r.role != kWeights && r.role != kVocabulary)) {
            throw Error(QStringLiteral("%1:%2: expected a model, a role (weights or vocabulary) "
                                       "and a file, found '%3'")
                            .arg(path)
                            .arg(table.lineOf(i))
                            .arg(table.row(i).join(u',')));
        }
        files.m_records.push_back(r);
    }
    return files;
}

void ModelFiles::save(const QString& path) const {
    CsvWriter writer(header());
    for (const Record& r : m_records) {
        writer.addRow({r.model, r.task, r.architecture, r.recipe, r.role, r.file,
                       QString::number(r.bytes), r.sha256});
    }
    writer.save(path);
}

QStringList ModelFiles::files() const {
    QStringList list;
    for (const Record& r : m_records) {
        list.append(r.file);
    }
    return list;
}

ResolvedModel ModelFiles::resolve(const ModelsConfig& models, const QString& id) const {
    const ModelVariant* spec = models.model(id);
    if (spec == nullptr) {
        throw Error(QStringLiteral("unknown model '%1': not an id in %2 (ids: %3)")
                        .arg(id, models.sourcePath, models.modelIds().join(QStringLiteral(", "))));
    }
    ResolvedModel r{*spec, *models.task(spec->task), {}, {}};
    for (const Record& record : m_records) {
        if (record.model != id) {
            continue;
        }
        if (!QFileInfo::exists(record.file)) {
            throw Error(
                QStringLiteral("%1 of model '%2' is gone (recorded in %3); run the datasets "
                               "stage again")
                    .arg(record.file, id,
                         m_source.isEmpty() ? QStringLiteral("the model files") : m_source));
        }
        if (record.role == kWeights) {
            r.load.weightsFile = record.file;
            r.recipe = record.recipe;
        } else {
            r.load.vocabFile = record.file;
        }
    }
    if (r.load.weightsFile.isEmpty()) {
        throw Error(QStringLiteral("%1: no weights recorded for model '%2'; run the datasets stage "
                                   "again")
                        .arg(m_source.isEmpty() ? QStringLiteral("model files") : m_source, id));
    }
    return r;
}

}  // namespace aip
