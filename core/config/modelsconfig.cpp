#include "config/modelsconfig.h"

#include "common/atomicfile.h"
#include "common/error.h"
#include "config/yamlreader.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSet>
#include <QStandardPaths>

namespace aip {

using config_detail::YamlReader;

QStringList knownPrecisions() {
    return {QStringLiteral("fp32"), QStringLiteral("bf16"), QStringLiteral("int8")};
}

QStringList knownArchitectures() {
    return {QStringLiteral("resnet18"), QStringLiteral("mobilenetv2"), QStringLiteral("distilbert"),
            QStringLiteral("minilm"), QStringLiteral("torchscript")};
}

namespace {

/// Size parameters each architecture understands.
QStringList sizeParameters(const QString& architecture) {
    if (architecture == u"resnet18" || architecture == u"mobilenetv2") {
        return {QStringLiteral("width"), QStringLiteral("depth")};
    }
    if (architecture == u"distilbert" || architecture == u"minilm") {
        return {QStringLiteral("layers"), QStringLiteral("hidden"), QStringLiteral("heads"),
                QStringLiteral("ffn")};
    }
    return {};
}

InputSpec parseInput(const YamlReader& r, const YAML::Node& node) {
    r.requireMap(node, QStringLiteral("input"));
    InputSpec input;
    const QString kind = r.choice(node, "kind", {QStringLiteral("image"), QStringLiteral("text")});
    if (kind == u"image") {
        r.checkKeys(node,
                    {QStringLiteral("kind"), QStringLiteral("channels"), QStringLiteral("height"),
                     QStringLiteral("width")},
                    QStringLiteral("an image input"));
        input.kind = InputSpec::Kind::Image;
        input.channels = r.requirePositiveInt(node, "channels");
        input.height = r.requirePositiveInt(node, "height");
        input.width = r.requirePositiveInt(node, "width");
    } else {
        r.checkKeys(node, {QStringLiteral("kind"), QStringLiteral("max_length")},
                    QStringLiteral("a text input"));
        input.kind = InputSpec::Kind::Text;
        input.maxLength = r.requirePositiveInt(node, "max_length");
    }
    return input;
}

Preprocessing parsePreprocessing(const YamlReader& r, const YAML::Node& node,
                                 const TaskSpec& task) {
    Preprocessing p;
    if (!node.IsDefined() || node.IsNull()) {
        if (task.input.kind == InputSpec::Kind::Text) {
            p.tokenizer = QStringLiteral("wordpiece");
            p.maxLength = task.input.maxLength;
        }
        return p;
    }
    r.requireMap(node, QStringLiteral("preprocessing"));
    if (task.input.kind == InputSpec::Kind::Image) {
        r.checkKeys(node, {QStringLiteral("mean"), QStringLiteral("std"), QStringLiteral("resize")},
                    QStringLiteral("image preprocessing"));
        if (node["mean"]) {
            p.mean = r.numberList(node["mean"], QStringLiteral("mean"));
        }
        if (node["std"]) {
            p.std = r.positiveNumberList(node["std"], QStringLiteral("std"));
        }
        if (p.mean.size() != p.std.size()) {
            r.fail(node,
                   QStringLiteral("mean and std must both be given, with one value per channel"));
        }
        if (!p.mean.empty() && static_cast<int>(p.mean.size()) != task.input.channels) {
            r.fail(node["mean"],
                   QStringLiteral("mean must have %1 values (one per channel of task '%2')")
                       .arg(task.input.channels)
                       .arg(task.id));
        }
        if (node["resize"]) {
            const std::vector<int> size =
                r.positiveIntList(node["resize"], QStringLiteral("resize"));
            if (size.size() != 2) {
                r.fail(node["resize"], QStringLiteral("resize must be [height, width]"));
            }
            p.resizeHeight = size[0];
            p.resizeWidth = size[1];
        }
    } else {
        r.checkKeys(
            node,
            {QStringLiteral("tokenizer"), QStringLiteral("vocab"), QStringLiteral("max_length")},
            QStringLiteral("text preprocessing"));
        p.tokenizer = node["tokenizer"] ? r.choice(node, "tokenizer", {QStringLiteral("wordpiece")})
                                        : QStringLiteral("wordpiece");
        p.vocab = r.optionalString(node, "vocab", QString());
        p.maxLength = r.optionalPositiveInt(node, "max_length", task.input.maxLength);
    }
    return p;
}

/// A `training:` mapping; keys it leaves out keep the values of `inherited`.
TrainingSpec parseTraining(const YamlReader& r, const YAML::Node& t, const QString& architecture,
                           bool textTask, TrainingSpec inherited) {
    if (!t.IsDefined() || t.IsNull()) {
        return inherited;
    }
    if (architecture == u"torchscript") {
        r.fail(t, QStringLiteral("training is only for zoo architectures, not torchscript"));
    }
    r.requireMap(t, QStringLiteral("training"));
    r.checkKeys(
        t,
        {QStringLiteral("epochs"), QStringLiteral("batch_size"), QStringLiteral("learning_rate"),
         QStringLiteral("max_examples"), QStringLiteral("vocab_size"), QStringLiteral("precision"),
         QStringLiteral("progressive_resize")},
        QStringLiteral("training"));
    TrainingSpec training = inherited;
    training.epochs = r.optionalPositiveInt(t, "epochs", training.epochs);
    training.batchSize = r.optionalPositiveInt(t, "batch_size", training.batchSize);
    training.learningRate = r.optionalPositive(t, "learning_rate", training.learningRate);
    training.maxExamples = r.optionalPositiveInt(t, "max_examples", training.maxExamples);
    training.vocabSize = r.optionalPositiveInt(t, "vocab_size", training.vocabSize);
    training.precision = config_detail::parseTrainingPrecision(r, t, training.precision);
    if (t["vocab_size"] && !textTask) {
        r.fail(t["vocab_size"], QStringLiteral("vocab_size is only for text models"));
    }
    if (const YAML::Node resize = t["progressive_resize"]) {
        if (textTask) {
            r.fail(resize, QStringLiteral("progressive_resize is only for image models"));
        }
        r.requireMap(resize, QStringLiteral("progressive_resize"));
        r.checkKeys(resize, {QStringLiteral("from"), QStringLiteral("until")},
                    QStringLiteral("progressive_resize"));
        training.resizeFrom = r.requirePositiveInt(resize, "from");
        if (training.resizeFrom < 8) {
            r.fail(resize["from"], QStringLiteral("progressive_resize from must be at least 8 "
                                                  "pixels (the CNNs halve the size three times)"));
        }
        training.resizeUntil = r.requireFraction(resize, "until", true);
    }
    return training;
}

}  // namespace

namespace config_detail {

QString parseTrainingPrecision(const YamlReader& r, const YAML::Node& training,
                               const QString& fallback) {
    if (!training["precision"]) {
        return fallback;
    }
    return r.choice(training, "precision", {QStringLiteral("fp32"), QStringLiteral("bf16")});
}

SweepSpec parseSweep(const YamlReader& r, const YAML::Node& node) {
    r.requireMap(node, QStringLiteral("sweep"));
    r.checkKeys(
        node,
        {QStringLiteral("precisions"), QStringLiteral("batch_sizes"), QStringLiteral("devices")},
        QStringLiteral("sweep"));
    SweepSpec sweep;
    sweep.precisions = r.choiceList(r.require(node, "precisions"), QStringLiteral("precisions"),
                                    knownPrecisions());
    sweep.batchSizes =
        r.positiveIntList(r.require(node, "batch_sizes"), QStringLiteral("batch_sizes"));
    const YAML::Node devices = r.require(node, "devices");
    sweep.devices = r.stringList(devices, QStringLiteral("devices"));
    for (qsizetype i = 0; i < sweep.devices.size(); ++i) {
        if (!isValidDeviceName(sweep.devices.at(i))) {
            r.fail(
                devices[static_cast<std::size_t>(i)],
                QStringLiteral("devices: '%1' must be cpu:1, cpu:N, cpu:<threads> or cuda:<index>")
                    .arg(sweep.devices.at(i)));
        }
    }
    return sweep;
}

}  // namespace config_detail

using config_detail::parseSweep;

const TaskSpec* ModelsConfig::task(const QString& id) const {
    for (const TaskSpec& t : tasks) {
        if (t.id == id) {
            return &t;
        }
    }
    return nullptr;
}

const ModelVariant* ModelsConfig::model(const QString& id) const {
    for (const ModelVariant& m : models) {
        if (m.id == id) {
            return &m;
        }
    }
    return nullptr;
}

QStringList ModelsConfig::modelIds() const {
    QStringList ids;
    for (const ModelVariant& m : models) {
        ids.append(m.id);
    }
    return ids;
}

namespace {

/// One entry of `tasks:`; an id declared twice is an error.
TaskSpec parseTask(const YamlReader& r, const YAML::Node& node, const ModelsConfig& config) {
    r.requireMap(node, QStringLiteral("each task"));
    r.checkKeys(
        node,
        {QStringLiteral("id"), QStringLiteral("dataset"), QStringLiteral("train_split"),
         QStringLiteral("eval_split"), QStringLiteral("num_classes"), QStringLiteral("input")},
        QStringLiteral("a task"));
    TaskSpec task;
    task.line = r.lineOf(node);
    task.id = r.requireString(node, "id");
    if (config.task(task.id) != nullptr) {
        r.fail(node, QStringLiteral("task id '%1' is declared twice").arg(task.id));
    }
    task.dataset = r.requireString(node, "dataset");
    task.trainSplit = r.optionalString(node, "train_split", QStringLiteral("train"));
    task.evalSplit = r.requireString(node, "eval_split");
    task.numClasses = r.requirePositiveInt(node, "num_classes");
    if (task.numClasses < 2) {
        r.fail(node["num_classes"], QStringLiteral("num_classes must be at least 2"));
    }
    task.input = parseInput(r, r.require(node, "input"));
    return task;
}

/// One family of `models:`, its variants appended to `config.models`.
void parseFamily(const YamlReader& r, const YAML::Node& node, ModelsConfig& config) {
    r.requireMap(node, QStringLiteral("each model"));
    r.checkKeys(node,
                {QStringLiteral("family"), QStringLiteral("task"), QStringLiteral("architecture"),
                 QStringLiteral("file"), QStringLiteral("preprocessing"),
                 QStringLiteral("training"), QStringLiteral("variants")},
                QStringLiteral("a model"));
    const QString family = r.requireString(node, "family");
    const QString taskId = r.requireString(node, "task");
    const TaskSpec* task = config.task(taskId);
    if (task == nullptr) {
        r.fail(
            node["task"],
            QStringLiteral("task '%1' is not declared under tasks (declared: %2)").arg(taskId, [&] {
                QStringList ids;
                for (const auto& t : config.tasks)
                    ids.append(t.id);
                return ids.join(QStringLiteral(", "));
            }()));
    }
    const QString architecture = r.choice(node, "architecture", knownArchitectures());
    const bool isText = architecture == u"distilbert" || architecture == u"minilm";
    if (architecture != u"torchscript" && isText != (task->input.kind == InputSpec::Kind::Text)) {
        r.fail(node["architecture"],
               QStringLiteral("architecture '%1' does not fit the %2 input of task '%3'")
                   .arg(architecture,
                        task->input.kind == InputSpec::Kind::Text ? QStringLiteral("text")
                                                                  : QStringLiteral("image"),
                        taskId));
    }
    QString file;
    if (architecture == u"torchscript") {
        file = r.requireString(node, "file");
    } else if (node["file"]) {
        r.fail(node["file"], QStringLiteral("file is only for architecture: torchscript"));
    }
    const Preprocessing preprocessing = parsePreprocessing(r, node["preprocessing"], *task);
    const bool textTask = task->input.kind == InputSpec::Kind::Text;
    const TrainingSpec training = parseTraining(r, node["training"], architecture, textTask, {});

    ModelVariant base;
    base.family = family;
    base.task = taskId;
    base.architecture = architecture;
    base.file = file;
    base.preprocessing = preprocessing;
    base.training = training;

    std::vector<std::pair<YAML::Node, ModelVariant>> variants;
    const YAML::Node variantNodes = node["variants"];
    if (!variantNodes.IsDefined() || variantNodes.IsNull()) {
        ModelVariant v = base;
        v.id = family;
        v.line = r.lineOf(node);
        variants.emplace_back(node, v);
    } else {
        r.requireSequence(variantNodes, QStringLiteral("variants"));
        const QStringList params = sizeParameters(architecture);
        QStringList allowed = params;
        allowed.prepend(QStringLiteral("id"));
        allowed.append(QStringLiteral("training"));
        for (const YAML::Node& vn : variantNodes) {
            r.requireMap(vn, QStringLiteral("each variant"));
            r.checkKeys(vn, allowed, QStringLiteral("a %1 variant").arg(architecture));
            ModelVariant v = base;
            v.id = r.requireString(vn, "id");
            v.line = r.lineOf(vn);
            // A variant's own training keys override the family's (full sizes train slower).
            v.training = parseTraining(r, vn["training"], architecture, textTask, training);
            for (const QString& p : params) {
                if (vn[p.toStdString()]) {
                    v.params.insert(p, r.requirePositive(vn, p.toLatin1().constData()));
                }
            }
            variants.emplace_back(vn, v);
        }
    }
    for (auto& [vn, v] : variants) {
        if (config.model(v.id) != nullptr) {
            r.fail(vn, QStringLiteral("model id '%1' is declared twice").arg(v.id));
        }
        if (v.params.contains(QStringLiteral("hidden")) &&
            v.params.contains(QStringLiteral("heads"))) {
            const auto hidden = static_cast<long long>(v.params.value(QStringLiteral("hidden")));
            const auto heads = static_cast<long long>(v.params.value(QStringLiteral("heads")));
            if (heads <= 0 || hidden % heads != 0) {
                r.fail(vn, QStringLiteral("hidden (%1) must be a multiple of heads (%2)")
                               .arg(hidden)
                               .arg(heads));
            }
        }
        config.models.push_back(v);
    }
}

/// One entry of `cascades:`: two declared models of one task, thresholds in [0, 1].
CascadeSpec parseCascade(const YamlReader& r, const YAML::Node& node, const ModelsConfig& config) {
    r.requireMap(node, QStringLiteral("each cascade"));
    r.checkKeys(node,
                {QStringLiteral("stage1"), QStringLiteral("stage2"), QStringLiteral("thresholds")},
                QStringLiteral("a cascade"));
    CascadeSpec c;
    c.stage1 = r.requireString(node, "stage1");
    c.stage2 = r.requireString(node, "stage2");
    const ModelVariant* s1 = config.model(c.stage1);
    const ModelVariant* s2 = config.model(c.stage2);
    if (s1 == nullptr) {
        r.fail(node["stage1"], QStringLiteral("stage1 '%1' is not a declared model").arg(c.stage1));
    }
    if (s2 == nullptr) {
        r.fail(node["stage2"], QStringLiteral("stage2 '%1' is not a declared model").arg(c.stage2));
    }
    if (s1 == s2) {
        r.fail(node, QStringLiteral("a cascade needs two different models"));
    }
    if (s1->task != s2->task) {
        r.fail(node, QStringLiteral("cascade stages must share a task ('%1' is %2, '%3' is %4)")
                         .arg(c.stage1, s1->task, c.stage2, s2->task));
    }
    const YAML::Node thresholds = r.require(node, "thresholds");
    c.thresholds = r.numberList(thresholds, QStringLiteral("thresholds"));
    for (std::size_t i = 0; i < c.thresholds.size(); ++i) {
        if (c.thresholds[i] < 0.0 || c.thresholds[i] > 1.0) {
            r.fail(thresholds[i], QStringLiteral("thresholds must be confidences in [0, 1]"));
        }
    }
    return c;
}

}  // namespace

ModelsConfig ModelsConfig::load(const QString& path) {
    return load(path, userModelsOverlayFile());
}

ModelsConfig ModelsConfig::load(const QString& path, const QString& overlay) {
    const YamlReader r(path);
    const YAML::Node& root = r.root();
    r.checkKeys(root,
                {QStringLiteral("tasks"), QStringLiteral("models"), QStringLiteral("sweep"),
                 QStringLiteral("cascades")},
                QStringLiteral("models.yaml"));
    ModelsConfig config;
    config.sourcePath = path;

    const YAML::Node tasks = r.require(root, "tasks");
    r.requireSequence(tasks, QStringLiteral("tasks"));
    for (const YAML::Node& node : tasks) {
        config.tasks.push_back(parseTask(r, node, config));
    }

    const YAML::Node models = r.require(root, "models");
    r.requireSequence(models, QStringLiteral("models"));
    for (const YAML::Node& node : models) {
        parseFamily(r, node, config);
    }

    config.sweep = parseSweep(r, r.require(root, "sweep"));

    const YAML::Node cascades = root["cascades"];
    if (cascades.IsDefined() && !cascades.IsNull()) {
        r.requireSequence(cascades, QStringLiteral("cascades"));
        for (const YAML::Node& node : cascades) {
            config.cascades.push_back(parseCascade(r, node, config));
        }
    }

    // The overlay only adds models; it never replaces the shipped tasks, sweep or cascades.
    if (!overlay.isEmpty() && QFileInfo::exists(overlay) &&
        QFileInfo(overlay).canonicalFilePath() != QFileInfo(path).canonicalFilePath()) {
        const YamlReader o(overlay);
        if (o.root().IsDefined() && !o.root().IsNull()) {
            o.requireMap(o.root(), QStringLiteral("a models.yaml overlay"));
            o.checkKeys(o.root(), {QStringLiteral("models")},
                        QStringLiteral("a models.yaml overlay (it adds models only)"));
            const YAML::Node added = o.root()["models"];
            if (added.IsDefined() && !added.IsNull()) {
                o.requireSequence(added, QStringLiteral("models"));
                const std::size_t shipped = config.models.size();
                for (const YAML::Node& node : added) {
                    parseFamily(o, node, config);
                }
                for (std::size_t i = shipped; i < config.models.size(); ++i) {
                    config.overlayModelIds.append(config.models[i].id);
                }
            }
        }
        config.overlayPath = overlay;
    }
    return config;
}

QString userModelsOverlayFile() {
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation);
    return folder.isEmpty() ? QString() : QDir(folder).filePath(QStringLiteral("models.yaml"));
}

namespace {

/// Writes `root` as the overlay file `overlay`, atomically, creating its folder.
void writeOverlay(const QString& overlay, const YAML::Node& root) {
    YAML::Emitter out;
    out << YAML::Comment(
        "Models added to the shipped models.yaml (Model zoo > Import TorchScript)");
    out << YAML::Newline << root;
    if (!out.good()) {
        throw Error(QStringLiteral("%1: cannot write the overlay (%2)")
                        .arg(overlay, QString::fromStdString(out.GetLastError())));
    }
    if (!QDir().mkpath(QFileInfo(overlay).absolutePath())) {
        throw Error(QStringLiteral("%1: cannot create its folder").arg(overlay));
    }
    writeFileAtomically(overlay, QByteArray(out.c_str()) + '\n');
}

}  // namespace

void addModelToOverlay(const QString& overlay, const ModelVariant& model) {
    YAML::Node root;
    if (QFileInfo::exists(overlay)) {
        root = YamlReader(overlay).root();
    }
    if (!root.IsDefined() || root.IsNull()) {
        root = YAML::Node(YAML::NodeType::Map);
    }
    YAML::Node family(YAML::NodeType::Map);
    family["family"] = model.id.toStdString();
    family["task"] = model.task.toStdString();
    family["architecture"] = model.architecture.toStdString();
    family["file"] = model.file.toStdString();
    if (!model.preprocessing.mean.empty()) {
        // Numbers as a person writes them (0.2, not yaml-cpp's round-trip 0.20000000000000001).
        const auto numbers = [](const std::vector<double>& values) {
            YAML::Node list(YAML::NodeType::Sequence);
            for (const double v : values) {
                list.push_back(QString::number(v, 'g', 15).toStdString());
            }
            list.SetStyle(YAML::EmitterStyle::Flow);
            return list;
        };
        YAML::Node preprocessing(YAML::NodeType::Map);
        preprocessing["mean"] = numbers(model.preprocessing.mean);
        preprocessing["std"] = numbers(model.preprocessing.std);
        preprocessing.SetStyle(YAML::EmitterStyle::Flow);
        family["preprocessing"] = preprocessing;
    }
    root["models"].push_back(family);
    writeOverlay(overlay, root);
}

void removeModelFromOverlay(const QString& overlay, const QString& modelId) {
    const YamlReader reader(overlay);
    const YAML::Node models = reader.root().IsMap() ? reader.root()["models"] : YAML::Node();
    YAML::Node kept(YAML::NodeType::Sequence);
    bool found = false;
    if (models.IsSequence()) {
        for (const YAML::Node& family : models) {
            // An import is a family of one model whose id is the family's name.
            const bool match = family.IsMap() && family["family"].IsScalar() &&
                               !family["variants"].IsDefined() &&
                               QString::fromStdString(family["family"].Scalar()) == modelId;
            found = found || match;
            if (!match) {
                kept.push_back(family);
            }
        }
    }
    if (!found) {
        throw Error(QStringLiteral("%1: holds no imported model '%2'").arg(overlay, modelId));
    }
    YAML::Node root(YAML::NodeType::Map);
    root["models"] = kept;
    writeOverlay(overlay, root);
}

}  // namespace aip
