#include "plots/policypalette.h"

#include "common/seededrng.h"
#include "config/protocolconfig.h"

#include <array>

namespace aip {

namespace {

// Okabe–Ito colours for the known policies, in knownPolicies() order: CascadePlanner blue,
// StaticSmall orange, StaticLarge bluish green, ThroughputAutotuner reddish purple, INFaaS
// vermillion and INFaaS-tail a dark vermillion (the same policy on its tail), MDPPlanner sky
// blue (the other planner); the bounds, not competitors, in greys: BestFixedInHindsight near
// black, Oracle grey.
constexpr std::array<QRgb, 9> kKnownColors{0x0072B2, 0xE69F00, 0x009E73, 0xCC79A7, 0xD55E00,
                                           0x8E3F00, 0x56B4E9, 0x2F2F2F, 0x6E6E6E};
// Brown, violet, olive, dark teal, dark goldenrod: distinct from the ones above.
constexpr std::array<QRgb, 5> kOtherColors{0x8C564B, 0x7B4FB8, 0x9A9A1E, 0x1F5F5B, 0xB8860B};

}  // namespace

QColor policyColor(const QString& policy) {
    const qsizetype known = knownPolicies().indexOf(policy);
    if (known >= 0 && static_cast<std::size_t>(known) < kKnownColors.size()) {
        return QColor(kKnownColors[static_cast<std::size_t>(known)]);
    }
    // "task:Policy" (results of a protocol with several tasks): the policy's colour, lighter or
    // darker by task, so that a policy keeps its hue across tasks.
    const qsizetype colon = policy.indexOf(u':');
    if (colon > 0 && knownPolicies().contains(policy.mid(colon + 1))) {
        const QColor base = policyColor(policy.mid(colon + 1));
        const std::uint64_t shade = SeededRng::hashName(policy.left(colon)) % 3;
        return shade == 0 ? base : shade == 1 ? base.lighter(150) : base.darker(150);
    }
    // From the name alone: the same name gets the same colour in every figure and every run,
    // whatever else the file holds.
    return QColor(kOtherColors[SeededRng::hashName(policy) % kOtherColors.size()]);
}

QStringList orderedPolicies(const QStringList& policies) {
    QStringList ordered;
    for (const QString& known : knownPolicies()) {
        if (policies.contains(known)) {
            ordered.append(known);
        }
    }
    for (const QString& name : policies) {
        if (!ordered.contains(name)) {
            ordered.append(name);
        }
    }
    return ordered;
}

}  // namespace aip
