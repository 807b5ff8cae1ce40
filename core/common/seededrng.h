#pragma once

#include <QString>

#include <cstdint>
#include <random>

namespace aip {

/// Every random stream in the project comes from a declared seed. A stream is named, so that
/// adding a new consumer of randomness never shifts the numbers another consumer sees:
/// SeededRng(seed, "workload/poisson") and SeededRng(seed, "train/shuffle") are independent
/// and each is reproducible on its own.
class SeededRng final {
public:
    using Engine = std::mt19937_64;

    explicit SeededRng(std::uint64_t seed, const QString& stream = QString());

    /// A child stream: deterministic in (this stream's seed, name).
    SeededRng derive(const QString& name) const;

    std::uint64_t seed() const { return m_seed; }
    Engine& engine() { return m_engine; }

    double uniform01();                                            ///< [0, 1)
    double uniform(double low, double high);                       ///< [low, high)
    std::int64_t uniformInt(std::int64_t low, std::int64_t high);  ///< [low, high], inclusive
    double exponential(double rate);                               ///< mean 1/rate
    double normal(double mean, double stddev);

    /// 64-bit mix used to combine seeds and stream names (SplitMix64 finalizer).
    static std::uint64_t mix(std::uint64_t x);
    /// FNV-1a hash of the UTF-8 name, mixed.
    static std::uint64_t hashName(const QString& name);

private:
    std::uint64_t m_seed;
    Engine m_engine;
};

}  // namespace aip
