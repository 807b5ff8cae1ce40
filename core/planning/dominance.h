#pragma once

#include <cstddef>
#include <vector>

namespace aip {

/// The indices of 0 … n−1 that no other index beats (`beats(b, a)`: b is at least as good as a
/// on every count); of indices that beat each other (equal on every count) the first stays.
/// Ascending. O(n²) calls of `beats`, once when a policy is built.
template <class Beats>
std::vector<std::size_t> unbeatenIndices(std::size_t n, Beats beats) {
    std::vector<std::size_t> kept;
    for (std::size_t a = 0; a < n; ++a) {
        bool beaten = false;
        for (std::size_t b = 0; b < n && !beaten; ++b) {
            beaten = b != a && beats(b, a) && (!beats(a, b) || b < a);
        }
        if (!beaten) {
            kept.push_back(a);
        }
    }
    return kept;
}

}  // namespace aip
