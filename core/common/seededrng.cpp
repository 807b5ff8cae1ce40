#include "common/seededrng.h"

#include <QByteArray>

namespace aip {

std::uint64_t SeededRng::mix(std::uint64_t x) {
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

std::uint64_t SeededRng::hashName(const QString& name) {
    std::uint64_t h = 0xCBF29CE484222325ULL;
    for (const char byte : name.toUtf8()) {
        h ^= static_cast<unsigned char>(byte);
        h *= 0x100000001B3ULL;
    }
    return mix(h);
}

SeededRng::SeededRng(std::uint64_t seed, const QString& stream)
    : m_seed(stream.isEmpty() ? seed : mix(seed ^ hashName(stream))) {
    // Seed the whole Mersenne state from a seed sequence, not one word.
    std::seed_seq sequence{static_cast<std::uint32_t>(m_seed),
                           static_cast<std::uint32_t>(m_seed >> 32)};
    m_engine.seed(sequence);
}

SeededRng SeededRng::derive(const QString& name) const {
    return SeededRng(m_seed, name);
}

double SeededRng::uniform01() {
    return std::uniform_real_distribution<double>(0.0, 1.0)(m_engine);
}

double SeededRng::uniform(double low, double high) {
    return std::uniform_real_distribution<double>(low, high)(m_engine);
}

std::int64_t SeededRng::uniformInt(std::int64_t low, std::int64_t high) {
    return std::uniform_int_distribution<std::int64_t>(low, high)(m_engine);
}

double SeededRng::exponential(double rate) {
    return std::exponential_distribution<double>(rate)(m_engine);
}

double SeededRng::normal(double mean, double stddev) {
    return std::normal_distribution<double>(mean, stddev)(m_engine);
}

}  // namespace aip
