#include "pipeline/runmanifest.h"

#include "common/atomicfile.h"
#include "common/error.h"
#include "pipeline/filedigest.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

#ifndef AIP_BUILD_DESCRIBE
#define AIP_BUILD_DESCRIBE AIP_VERSION
#endif

namespace aip {

namespace {

constexpr int kFormat = 1;

/// Reads one manifest field, failing with a message that names the file and the field.
class ManifestReader {
public:
    explicit ManifestReader(QString source) : m_source(std::move(source)) {}

    [[noreturn]] void fail(const QString& what) const {
        throw Error(QStringLiteral("%1: not a valid run manifest: %2").arg(m_source, what));
    }
    QJsonValue field(const QJsonObject& o, const QString& key, QJsonValue::Type type,
                     const QString& where) const {
        const QJsonValue v = o.value(key);
        if (v.type() != type) {
            fail(QStringLiteral("%1 has no valid '%2'").arg(where, key));
        }
        return v;
    }
    QString string(const QJsonObject& o, const QString& key, const QString& where) const {
        return field(o, key, QJsonValue::String, where).toString();
    }
    std::vector<RecordedFile> files(const QJsonObject& o, const QString& key,
                                    const QString& where) const {
        std::vector<RecordedFile> result;
        for (const QJsonValue v : field(o, key, QJsonValue::Array, where).toArray()) {
            if (!v.isObject()) {
                fail(QStringLiteral("%1: '%2' must list objects").arg(where, key));
            }
            const QJsonObject f = v.toObject();
            result.push_back({string(f, QStringLiteral("path"), where + u' ' + key),
                              string(f, QStringLiteral("sha256"), where + u' ' + key)});
        }
        return result;
    }

private:
    QString m_source;
};

QJsonArray filesJson(const std::vector<RecordedFile>& files) {
    QJsonArray array;
    for (const RecordedFile& f : files) {
        array.append(
            QJsonObject{{QStringLiteral("path"), f.path}, {QStringLiteral("sha256"), f.sha256}});
    }
    return array;
}

QString isoTime(const QDateTime& t) {
    return t.toUTC().toString(Qt::ISODateWithMs);
}

}  // namespace

RunManifest RunManifest::load(const QString& path) {
    QFile file(path);
    if (!file.exists()) {
        return {};
    }
    if (!file.open(QIODevice::ReadOnly)) {
        throw Error(QStringLiteral("%1: cannot read (%2)").arg(path, file.errorString()));
    }
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &error);
    if (error.error != QJsonParseError::NoError) {
        ManifestReader(path).fail(
            QStringLiteral("%1 at offset %2").arg(error.errorString()).arg(error.offset));
    }
    if (!doc.isObject()) {
        ManifestReader(path).fail(QStringLiteral("the top level is not an object"));
    }
    return fromJson(doc.object(), path);
}

RunManifest RunManifest::fromJson(const QJsonObject& json, const QString& sourceName) {
    const ManifestReader r(sourceName);
    const QString top = QStringLiteral("the manifest");
    if (r.field(json, QStringLiteral("format"), QJsonValue::Double, top).toInt() != kFormat) {
        r.fail(QStringLiteral("format %1 is not %2")
                   .arg(json.value(QStringLiteral("format")).toDouble())
                   .arg(kFormat));
    }
    RunManifest m;
    m.protocol = json.value(QStringLiteral("protocol")).toString();
    m.environment = json.value(QStringLiteral("environment")).toObject();
    for (const QJsonValue v :
         r.field(json, QStringLiteral("stages"), QJsonValue::Array, top).toArray()) {
        if (!v.isObject()) {
            r.fail(QStringLiteral("'stages' must list objects"));
        }
        const QJsonObject s = v.toObject();
        StageRecord record;
        record.name = r.string(s, QStringLiteral("name"), QStringLiteral("a stage"));
        const QString where = QStringLiteral("stage '%1'").arg(record.name);
        record.number = r.field(s, QStringLiteral("number"), QJsonValue::Double, where).toInt();
        bool ok = false;
        record.seed = r.string(s, QStringLiteral("seed"), where).toULongLong(&ok);
        if (!ok) {
            r.fail(QStringLiteral("%1: seed is not a non-negative integer").arg(where));
        }
        record.parameters =
            r.field(s, QStringLiteral("parameters"), QJsonValue::Object, where).toObject();
        record.parametersSha256 = r.string(s, QStringLiteral("parameters_sha256"), where);
        record.inputs = r.files(s, QStringLiteral("inputs"), where);
        record.outputs = r.files(s, QStringLiteral("outputs"), where);
        record.build = s.value(QStringLiteral("build")).toString();  // absent in older files
        record.started =
            QDateTime::fromString(r.string(s, QStringLiteral("started"), where), Qt::ISODateWithMs);
        record.finished = QDateTime::fromString(r.string(s, QStringLiteral("finished"), where),
                                                Qt::ISODateWithMs);
        record.durationS =
            r.field(s, QStringLiteral("duration_s"), QJsonValue::Double, where).toDouble();
        m.setStage(std::move(record));
    }
    return m;
}

QJsonObject RunManifest::toJson() const {
    QJsonArray stages;
    for (const StageRecord& s : m_stages) {
        stages.append(QJsonObject{
            {QStringLiteral("number"), s.number},
            {QStringLiteral("name"), s.name},
            // A string: a 64-bit seed does not survive a JSON double.
            {QStringLiteral("seed"), QString::number(s.seed)},
            {QStringLiteral("parameters"), s.parameters},
            {QStringLiteral("parameters_sha256"), s.parametersSha256},
            {QStringLiteral("inputs"), filesJson(s.inputs)},
            {QStringLiteral("outputs"), filesJson(s.outputs)},
            {QStringLiteral("build"), s.build},
            {QStringLiteral("started"), isoTime(s.started)},
            {QStringLiteral("finished"), isoTime(s.finished)},
            {QStringLiteral("duration_s"), s.durationS},
        });
    }
    return {{QStringLiteral("format"), kFormat},
            {QStringLiteral("protocol"), protocol},
            {QStringLiteral("environment"), environment},
            {QStringLiteral("stages"), stages}};
}

void RunManifest::save(const QString& path) const {
    writeFileAtomically(path, QJsonDocument(toJson()).toJson(QJsonDocument::Indented));
}

const StageRecord* RunManifest::stage(const QString& name) const {
    const auto found = std::find_if(m_stages.begin(), m_stages.end(),
                                    [&](const StageRecord& s) { return s.name == name; });
    return found == m_stages.end() ? nullptr : &*found;
}

void RunManifest::setStage(StageRecord record) {
    std::erase_if(m_stages, [&](const StageRecord& s) { return s.name == record.name; });
    const auto at =
        std::upper_bound(m_stages.begin(), m_stages.end(), record.number,
                         [](int number, const StageRecord& s) { return number < s.number; });
    m_stages.insert(at, std::move(record));
}

QString buildDescription() {
    return QStringLiteral(AIP_BUILD_DESCRIBE);
}

QString buildIdentity() {
    static const QString identity = [] {
        const QString describe = buildDescription();
        if (QCoreApplication::instance() == nullptr) {
            return describe;
        }
        QFile executable(QCoreApplication::applicationFilePath());
        QCryptographicHash hash(QCryptographicHash::Sha256);
        if (!executable.open(QIODevice::ReadOnly) || !hash.addData(&executable)) {
            return describe;
        }
        return QStringLiteral("%1 (%2)").arg(describe,
                                             QString::fromLatin1(hash.result().toHex().left(12)));
    }();
    return identity;
}

QString parametersDigest(const QJsonObject& parameters) {
    return sha256OfBytes(QJsonDocument(parameters).toJson(QJsonDocument::Compact));
}

}  // namespace aip
