#include "engine/torchsupport.h"

#include "common/error.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

namespace aip {

QString shapeText(const torch::Tensor& t) {
    QStringList dims;
    for (const auto d : t.sizes()) {
        dims.append(QString::number(d));
    }
    return u'[' + dims.join(QStringLiteral(", ")) + u']';
}

QString errorSummary(const std::exception& e) {
    const auto* c10Error = dynamic_cast<const c10::Error*>(&e);
    const QString text =
        QString::fromStdString(c10Error != nullptr ? c10Error->what_without_backtrace() : e.what());
    const QStringList lines = text.split(u'\n', Qt::SkipEmptyParts);
    for (auto it = lines.crbegin(); it != lines.crend(); ++it) {
        if (it->contains(QStringLiteral("Error: "))) {
            return it->trimmed();
        }
    }
    return lines.isEmpty() ? QString() : lines.first().trimmed();
}

void loadModuleWeights(torch::nn::Module& module, const QString& file,
                       const QString& architecture) {
    if (!QFileInfo::exists(file)) {
        throw Error(QStringLiteral("%1: no such file").arg(file));
    }
    try {
        torch::serialize::InputArchive archive;
        archive.load_from(file.toStdString());
        module.load(archive);
    } catch (const c10::Error& e) {
        throw Error(QStringLiteral("%1: not a checkpoint of %2: %3")
                        .arg(file, architecture, errorSummary(e)));
    }
}

void saveModuleWeights(const torch::nn::Module& module, const QString& file) {
    QDir().mkpath(QFileInfo(file).absolutePath());
    const QString temporary = file + QStringLiteral(".part");
    try {
        torch::serialize::OutputArchive archive;
        module.save(archive);
        archive.save_to(temporary.toStdString());
    } catch (const c10::Error& e) {
        QFile::remove(temporary);
        throw Error(QStringLiteral("%1: cannot save: %2").arg(file, errorSummary(e)));
    }
    QFile::remove(file);
    if (!QFile::rename(temporary, file)) {
        QFile::remove(temporary);
        throw Error(QStringLiteral("%1: cannot replace the file").arg(file));
    }
}

torch::jit::script::Module loadScriptModule(const QString& file) {
    if (!QFileInfo::exists(file)) {
        throw Error(QStringLiteral("%1: no such file").arg(file));
    }
    try {
        return torch::jit::load(file.toStdString());
    } catch (const c10::Error& e) {
        throw Error(QStringLiteral("%1: not a TorchScript module this LibTorch (%2) can load: %3")
                        .arg(file, QStringLiteral("1.13"), errorSummary(e)));
    } catch (const std::exception& e) {
        throw Error(QStringLiteral("%1: not a TorchScript module: %2")
                        .arg(file, QString::fromUtf8(e.what())));
    }
}

qint64 countParameters(const torch::nn::Module& module) {
    qint64 n = 0;
    for (const torch::Tensor& p : module.parameters()) {
        n += p.numel();
    }
    return n;
}

torch::Tensor logitsOf(const torch::jit::IValue& output, const QString& source) {
    if (output.isTensor()) {
        return output.toTensor();
    }
    if (output.isTuple() && !output.toTupleRef().elements().empty() &&
        output.toTupleRef().elements()[0].isTensor()) {
        return output.toTupleRef().elements()[0].toTensor();
    }
    if (output.isGenericDict()) {
        for (const auto& entry : output.toGenericDict()) {
            if (entry.key().isString() && entry.key().toStringRef() == "logits" &&
                entry.value().isTensor()) {
                return entry.value().toTensor();
            }
        }
    }
    throw Error(
        QStringLiteral(
            "%1: the module's output is neither a tensor, a tuple of tensors nor a dict with "
            "'logits' (got %2)")
            .arg(source, QString::fromStdString(output.tagKind())));
}

void probe(const std::function<torch::Tensor()>& forward, Precision precision, const QString& what,
           const QString& inputShape, std::int64_t classes) {
    torch::Tensor logits;
    try {
        logits = forward();
    } catch (const std::exception& e) {
        if (precision == Precision::Fp32) {
            throw Error(QStringLiteral("%1: does not accept the task's input %2: %3")
                            .arg(what, inputShape, errorSummary(e)));
        }
        throw Error(QStringLiteral("unsupported: %1: %2 cannot run in %1 here: %3")
                        .arg(precisionName(precision), what, errorSummary(e)));
    }
    if (logits.dim() != 2 || logits.size(1) != classes) {
        throw Error(QStringLiteral("%1: returns %2 for input %3, expected [batch, %4] class scores")
                        .arg(what, shapeText(logits), inputShape)
                        .arg(classes));
    }
}

}  // namespace aip
