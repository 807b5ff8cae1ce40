#include "data/sst2tsv.h"

#include "common/error.h"
#include "data/binaryfile.h"

namespace aip {

namespace sst2 {

QString fileName(const QString& split) {
    if (split == u"train") {
        return QStringLiteral("train.tsv");
    }
    if (split == u"dev") {
        return QStringLiteral("dev.tsv");
    }
    return {};
}

QStringList classNames() {
    return {QStringLiteral("negative"), QStringLiteral("positive")};
}

}  // namespace sst2

namespace {

// Long rows are cut in messages so a binary file fed by mistake does not flood the terminal.
QString excerpt(const QString& line) {
    constexpr qsizetype kMax = 60;
    QString shown = line.left(kMax);
    shown.replace(u'\t', QStringLiteral("<TAB>"));
    return line.size() > kMax ? shown + QStringLiteral("…") : shown;
}

}  // namespace

std::unique_ptr<TextDataset> loadSst2Tsv(const QString& file, const QString& name) {
    QString text = QString::fromUtf8(readBinaryFile(file));
    if (text.startsWith(QChar(0xFEFF))) {
        text.remove(0, 1);
    }
    QStringList lines = text.split(u'\n');
    // A final newline leaves one empty element that is not a row.
    if (!lines.isEmpty() && lines.last().isEmpty()) {
        lines.removeLast();
    }
    for (QString& line : lines) {
        if (line.endsWith(u'\r')) {
            line.chop(1);
        }
    }
    if (lines.isEmpty()) {
        throw Error(QStringLiteral("%1:1: expected the header sentence<TAB>label, found an empty "
                                   "file")
                        .arg(file));
    }
    if (lines.first() != QStringLiteral("sentence\tlabel")) {
        throw Error(QStringLiteral("%1:1: expected the header sentence<TAB>label, found \"%2\"")
                        .arg(file, excerpt(lines.first())));
    }

    auto dataset = std::make_unique<TextDataset>(name, sst2::classNames());
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QString& line = lines.at(i);
        const qsizetype lineNumber = i + 1;
        const qsizetype tab = line.lastIndexOf(u'\t');
        if (tab < 0) {
            throw Error(QStringLiteral("%1:%2: expected sentence<TAB>label, found a row without a "
                                       "label: \"%3\"")
                            .arg(file)
                            .arg(lineNumber)
                            .arg(excerpt(line)));
        }
        const QStringView label = QStringView(line).mid(tab + 1);
        if (label != u"0" && label != u"1") {
            throw Error(QStringLiteral("%1:%2: expected label 0 (negative) or 1 (positive), found "
                                       "\"%3\"")
                            .arg(file)
                            .arg(lineNumber)
                            .arg(excerpt(label.toString())));
        }
        if (tab == 0) {
            throw Error(
                QStringLiteral("%1:%2: expected sentence<TAB>label, found an empty sentence")
                    .arg(file)
                    .arg(lineNumber));
        }
        dataset->append(line.left(tab), label == u"1" ? 1 : 0);
    }
    return dataset;
}

}  // namespace aip
