#include "results/profiles.h"

namespace aip {

QString ConfigKey::id() const {
    return QStringLiteral("%1/%2/b%3/%4").arg(model, precision).arg(batchSize).arg(device);
}

}  // namespace aip
