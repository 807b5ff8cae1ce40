#pragma once

#include <QColor>
#include <QString>
#include <QStringList>

namespace aip {

/// The colour of a policy in every figure, so a reader can follow one policy from plot to
/// plot. The known policies (knownPolicies()) have fixed colours from a colour-blind-safe
/// palette, and "task:Policy" a lighter or darker shade of Policy's, chosen from the task name;
/// any other name gets one of the remaining colours, chosen from the name alone.
QColor policyColor(const QString& policy);

/// The known policies in knownPolicies() order, then the others in the order given; each name
/// once. Legends and grouped bars use this order in every figure.
QStringList orderedPolicies(const QStringList& policies);

}  // namespace aip
