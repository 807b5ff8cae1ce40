#include "reports/pipelinestagemodel.h"

#include "pipeline/pipeline.h"

#include <QBrush>
#include <QColor>

#include <algorithm>
#include <cmath>

namespace aip {

namespace {

QString duration(double seconds) {
    const auto s = static_cast<long long>(std::llround(seconds));
    if (s < 60) {
        return seconds < 10 ? QStringLiteral("%1 s").arg(seconds, 0, 'f', 1)
                            : QStringLiteral("%1 s").arg(s);
    }
    if (s < 3600) {
        return QStringLiteral("%1m%2s").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
    }
    return QStringLiteral("%1h%2m").arg(s / 3600).arg((s % 3600) / 60, 2, 10, QLatin1Char('0'));
}

}  // namespace

PipelineStageModel::PipelineStageModel(QObject* parent) : QAbstractTableModel(parent) {
    int number = 0;
    for (const QString& name : pipelineStageNames()) {
        m_stages.push_back(Stage{++number, name});
    }
}

PipelineStageModel::~PipelineStageModel() = default;

PipelineStageModel::Stage* PipelineStageModel::find(const QString& name) {
    for (Stage& s : m_stages) {
        if (s.name == name) {
            return &s;
        }
    }
    return nullptr;
}

const PipelineStageModel::Stage* PipelineStageModel::stage(const QString& name) const {
    return const_cast<PipelineStageModel*>(this)->find(name);
}

void PipelineStageModel::changed(const Stage* stage) {
    const int row = static_cast<int>(stage - m_stages.data());
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void PipelineStageModel::setManifest(const RunManifest& manifest) {
    m_manifest = manifest;
    for (Stage& s : m_stages) {
        const StageRecord* record = manifest.stage(s.name);
        s.state = record != nullptr ? State::Recorded : State::NotRun;
        s.seconds = record != nullptr ? record->durationS : 0.0;
        s.typical = record != nullptr ? std::optional<double>(record->durationS) : std::nullopt;
        s.progress = 0.0;
        s.message.clear();
    }
    if (!m_stages.empty()) {
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
    }
}

void PipelineStageModel::startRun(const QStringList& stages) {
    setManifest(m_manifest);
    for (Stage& s : m_stages) {
        const bool optional = s.name == u"fidelity";
        if (stages.isEmpty() ? !optional : stages.contains(s.name)) {
            s.state = State::Waiting;
        }
    }
    Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

void PipelineStageModel::applyStatus(const StageStatus& status) {
    Stage* s = find(status.name);
    if (s == nullptr) {
        return;
    }
    switch (status.event) {
        case StageStatus::Event::Started:
            s->state = State::Running;
            s->progress = 0.0;
            s->message = status.reason;
            m_stageClock.start();
            break;
        case StageStatus::Event::Skipped:
            s->state = State::UpToDate;
            s->message.clear();
            break;
        case StageStatus::Event::Finished:
            s->state = State::Done;
            s->seconds = status.seconds;
            s->message.clear();
            break;
    }
    changed(s);
}

void PipelineStageModel::applyProgress(double fraction, const QString& step) {
    for (Stage& s : m_stages) {
        if (s.state == State::Running) {
            s.progress = std::clamp(fraction, 0.0, 1.0);
            if (!step.isEmpty()) {
                s.message = step;
            }
            changed(&s);
        }
    }
}

void PipelineStageModel::finishRun(bool failed, bool cancelled, const QString& message) {
    for (Stage& s : m_stages) {
        if (s.state == State::Running) {
            s.state = failed ? State::Failed : cancelled ? State::Cancelled : State::Done;
            s.message = message;
        } else if (s.state == State::Waiting) {
            // A stage brought along by a missing input may never have been named: back to
            // what the manifest knows.
            const StageRecord* record = m_manifest.stage(s.name);
            s.state = record != nullptr ? State::Recorded : State::NotRun;
        }
    }
    Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

std::optional<double> PipelineStageModel::remainingSeconds(int* unknown) const {
    double total = 0.0;
    bool known = false;
    int missing = 0;
    for (const Stage& s : m_stages) {
        if (s.state == State::Running) {
            const double elapsed = m_stageClock.isValid() ? m_stageClock.elapsed() / 1000.0 : 0.0;
            if (s.progress >= 0.02 && elapsed >= 1.0) {
                total += elapsed * (1.0 - s.progress) / s.progress;
                known = true;
            } else if (s.typical) {
                total += std::max(0.0, *s.typical - elapsed);
                known = true;
            } else {
                ++missing;
            }
        } else if (s.state == State::Waiting) {
            if (s.typical) {
                total += *s.typical;
                known = true;
            } else {
                ++missing;
            }
        }
    }
    if (unknown != nullptr) {
        *unknown = missing;
    }
    return known ? std::optional<double>(total) : std::nullopt;
}

QString PipelineStageModel::describe(const Stage& s) {
    switch (s.state) {
        case State::NotRun:
            return tr("not run");
        case State::Recorded:
            return tr("recorded (took %1)").arg(duration(s.seconds));
        case State::Waiting:
            return tr("waiting");
        case State::Running:
            return tr("running %1%").arg(static_cast<int>(s.progress * 100.0));
        case State::UpToDate:
            return tr("up to date");
        case State::Done:
            return tr("done in %1").arg(duration(s.seconds));
        case State::Failed:
            return tr("failed: %1").arg(s.message);
        case State::Cancelled:
            return tr("cancelled");
    }
    return {};
}

int PipelineStageModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_stages.size());
}

int PipelineStageModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PipelineStageModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const Stage& s = m_stages.at(static_cast<std::size_t>(index.row()));
    switch (role) {
        case Qt::DisplayRole:
            switch (index.column()) {
                case NumberColumn:
                    return QStringLiteral("%1").arg(s.number, 2, 10, QLatin1Char('0'));
                case StageColumn:
                    return s.name;
                case StateColumn:
                    return describe(s);
                default:
                    return {};
            }
        case Qt::ToolTipRole:
            return s.message.isEmpty() ? describe(s) : s.message;
        case Qt::ForegroundRole:
            if (index.column() == StateColumn) {
                if (s.state == State::Failed) {
                    return QBrush(QColor(0xB0, 0x20, 0x20));
                }
                if (s.state == State::Done || s.state == State::UpToDate) {
                    return QBrush(QColor(0x20, 0x70, 0x30));
                }
            }
            return {};
        case StateRole:
            return static_cast<int>(s.state);
        case ProgressRole:
            return s.progress;
        default:
            return {};
    }
}

QVariant PipelineStageModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (role != Qt::DisplayRole || orientation != Qt::Horizontal) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
        case NumberColumn:
            return tr("#");
        case StageColumn:
            return tr("Stage");
        case StateColumn:
            return tr("State");
        default:
            return {};
    }
}

}  // namespace aip
