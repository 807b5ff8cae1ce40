#pragma once

// Private to core/config: yaml-cpp stays out of the public headers.

#include <QString>
#include <QStringList>

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <optional>
#include <vector>

namespace aip {
struct SweepSpec;
}

namespace aip::config_detail {

/// Reads one YAML file and turns every problem into an aip::Error of the form
/// "<file>:<line>: <what was expected>", the line being 1-based.
class YamlReader final {
public:
    /// Loads and parses `path`; a missing file or a syntax error throws with the line.
    explicit YamlReader(QString path);

    const YAML::Node& root() const { return m_root; }
    const QString& path() const { return m_path; }

    [[noreturn]] void fail(const YAML::Node& at, const QString& message) const;
    /// 1-based line of a node, or of the nearest known position.
    int lineOf(const YAML::Node& node) const;

    void requireMap(const YAML::Node& node, const QString& what) const;
    void requireSequence(const YAML::Node& node, const QString& what) const;
    /// Fails on keys outside `allowed` (catches typos that a default would otherwise hide).
    void checkKeys(const YAML::Node& map, const QStringList& allowed, const QString& where) const;

    /// A required key of `map`; fails naming the key, at the map's line.
    YAML::Node require(const YAML::Node& map, const char* key) const;

    QString string(const YAML::Node& node, const QString& what) const;
    QString requireString(const YAML::Node& map, const char* key) const;
    QString optionalString(const YAML::Node& map, const char* key, const QString& fallback) const;

    double number(const YAML::Node& node, const QString& what) const;
    double positiveNumber(const YAML::Node& node, const QString& what) const;
    double requirePositive(const YAML::Node& map, const char* key) const;
    double optionalPositive(const YAML::Node& map, const char* key, double fallback) const;
    double requireFraction(const YAML::Node& map, const char* key, bool openAtZero) const;
    /// A finite number ≥ 0.
    double requireNonNegative(const YAML::Node& map, const char* key) const;

    /// true or false (YAML's spellings); `fallback` where the key is absent.
    bool optionalBool(const YAML::Node& map, const char* key, bool fallback) const;

    long long integer(const YAML::Node& node, const QString& what) const;
    /// An integer in 1 … INT_MAX (a size, a count); a larger one fails instead of wrapping.
    int requirePositiveInt(const YAML::Node& map, const char* key) const;
    int optionalPositiveInt(const YAML::Node& map, const char* key, int fallback) const;
    /// An integer in 0 … INT_MAX.
    int optionalNonNegativeInt(const YAML::Node& map, const char* key, int fallback) const;
    /// An integer in 0 … 2^63 − 1 (a seed).
    std::uint64_t optionalNonNegativeInt64(const YAML::Node& map, const char* key,
                                           std::uint64_t fallback) const;

    std::vector<int> positiveIntList(const YAML::Node& node, const QString& key) const;
    std::vector<double> positiveNumberList(const YAML::Node& node, const QString& key) const;
    std::vector<double> numberList(const YAML::Node& node, const QString& key) const;
    QStringList stringList(const YAML::Node& node, const QString& key) const;
    /// A list of strings, each one of `allowed`.
    QStringList choiceList(const YAML::Node& node, const QString& key,
                           const QStringList& allowed) const;
    QString choice(const YAML::Node& map, const char* key, const QStringList& allowed) const;

private:
    /// The node's integer in [low, high]; fails naming `key` (positive or non-negative, and
    /// the bound) otherwise.
    long long integerIn(const YAML::Node& node, const char* key, long long low,
                        long long high) const;

    QString m_path;
    YAML::Node m_root;
};

/// Parses a `sweep:` mapping (models.yaml, or a protocol override).
SweepSpec parseSweep(const YamlReader& reader, const YAML::Node& node);

/// The `precision` key of a `training:` mapping (fp32 | bf16); `fallback` where it is absent.
QString parseTrainingPrecision(const YamlReader& reader, const YAML::Node& training,
                               const QString& fallback);

}  // namespace aip::config_detail
