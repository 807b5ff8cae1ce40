#include "analysis/reportdata.h"

#include "analysis/statistics.h"
#include "common/csv.h"
#include "common/error.h"
#include "results/reporttable.h"

#include <cmath>

namespace aip {

ReplicateSummary summarizeReplicates(const std::vector<double>& values) {
    std::vector<double> finite;
    finite.reserve(values.size());
    for (const double v : values) {
        if (std::isfinite(v)) {
            finite.push_back(v);
        }
    }
    // The one-sample t interval of the mean is the paired test's interval of differences
    // taken against zero, so the paired test supplies the quantile and the degenerate cases.
    const PairedTTest t = pairedTTest(finite);
    ReplicateSummary summary;
    summary.n = t.n;
    summary.mean = t.meanDiff;
    summary.ci95HalfWidth = t.ciHigh - t.meanDiff;
    return summary;
}

}  // namespace aip
