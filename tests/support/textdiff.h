#pragma once

// Where two texts first differ, for failure messages that show the line rather than a digest.

#include <QByteArray>
#include <QtGlobal>

#include <algorithm>

namespace aip::testing {

/// The first line on which two texts differ (1-based; 0 when they are equal) and that line of
/// each, without its line break; a text that ends before it has an empty line there and
/// `expectedEnded` / `actualEnded` set.
struct FirstDifference {
    qsizetype line = 0;
    QByteArray expected;
    QByteArray actual;
    bool expectedEnded = false;
    bool actualEnded = false;
};

inline FirstDifference firstDifference(const QByteArray& expected, const QByteArray& actual) {
    if (expected == actual) {
        return {};
    }
    const qsizetype common = std::min(expected.size(), actual.size());
    qsizetype at = 0;
    while (at < common && expected[at] == actual[at]) {
        ++at;
    }
    // lastIndexOf(…, -1) would search from the end: the first line starts at 0.
    const qsizetype lineStart = at == 0 ? 0 : expected.lastIndexOf('\n', at - 1) + 1;
    const auto lineOf = [lineStart](const QByteArray& text) {
        const qsizetype end = text.indexOf('\n', lineStart);
        return text.mid(lineStart, end < 0 ? -1 : end - lineStart);
    };
    FirstDifference d;
    d.line = expected.left(lineStart).count('\n') + 1;
    d.expected = lineOf(expected);
    d.actual = lineOf(actual);
    d.expectedEnded = lineStart >= expected.size();
    d.actualEnded = lineStart >= actual.size();
    return d;
}

}  // namespace aip::testing
