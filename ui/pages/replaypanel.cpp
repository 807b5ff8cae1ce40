#include "replaypanel.h"

#include "config/configset.h"
#include "data/datasearchpath.h"
#include "jobs/jobmanager.h"
#include "pagewidgets.h"
#include "pipeline/filedigest.h"
#include "planning/plannertables.h"
#include "plots/customplot.h"
#include "rowtableview.h"
#include "simulation/experiment.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <map>

namespace aip {

namespace {

/// What the replay job needs; the shared configuration and tables outlive it.
struct ReplayParams {
    std::shared_ptr<const ConfigSet> configs;
    std::shared_ptr<const PlannerTables> tables;
    QString task;
    QString policy;
    QString workload;
    QString deadlines;
    std::uint64_t seed = 0;
    bool live = false;   ///< replayed in real time on the real models instead of simulated
    QString resultsDir;  ///< whose model_files.csv names the weights a live replay runs
};

using SharedRun = std::shared_ptr<const ReplayRun>;

SharedRun runReplay(const ReplayParams& p, JobContext& context) {
    context.setProgress(0.0, QStringLiteral("trace"));
    const ConfigTable& table = p.tables->table(p.task);
    const Trace trace = experimentTrace(*p.configs, table, p.workload, p.deadlines, p.seed);
    context.throwIfCancelled();
    const RunLabels labels{p.workload, p.deadlines, p.seed};
    PolicyRun simulated;
    if (p.live) {
        requireLiveReplayable(p.policy);
        context.setProgress(0.05, QStringLiteral("loading the models"));
        const auto models =
            LiveModels::load(table, *p.configs, loadProfiledModelFiles(p.resultsDir),
                             DataSearchPath::fromEnvironment(), context);
        context.setProgress(0.1, QStringLiteral("live replay"));
        LiveOptions options;
        options.labels = labels;
        simulated = replayPolicyLive(p.policy, table, trace, *models, options, context, true);
    } else {
        context.setProgress(0.1, QStringLiteral("simulation"));
        simulated = simulatePolicy(p.policy, table, trace, labels, true);
    }
    auto run = std::make_shared<ReplayRun>();
    run->result = std::move(simulated.result);
    run->decisions = std::move(simulated.decisions);
    if (simulated.policy) {
        run->options = simulated.policy->options();
    }
    run->policy = p.policy;
    run->live = p.live;
    return run;
}

QString msText(double ms) {
    return std::isfinite(ms) ? QString::number(ms, 'f', 3) : QString();
}

const QColor kHit(0x1B, 0x9E, 0x77);
const QColor kMiss(0xD9, 0x5F, 0x02);
const QColor kUnanswered(0x60, 0x60, 0x60);
const QColor kEscalated(0x75, 0x70, 0xB3);

}  // namespace

int ReplayRun::decisionFor(int row) const {
    const RequestRecord& r = result.records[static_cast<std::size_t>(row)];
    if (decisions.empty() || !std::isfinite(r.startMs)) {
        return -1;
    }
    // A batch starts its decision cost after the decision: the last decision at or before it.
    const auto after =
        std::upper_bound(decisions.begin(), decisions.end(), r.startMs,
                         [](double start, const RecordedDecision& d) { return start < d.nowMs; });
    return after == decisions.begin() ? -1 : static_cast<int>(after - decisions.begin()) - 1;
}

ReplayRequestModel::ReplayRequestModel(QObject* parent) : QAbstractTableModel(parent) {}

void ReplayRequestModel::setRun(std::shared_ptr<const ReplayRun> run) {
    beginResetModel();
    m_run = std::move(run);
    endResetModel();
}

int ReplayRequestModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() || !m_run ? 0 : static_cast<int>(m_run->result.records.size());
}

int ReplayRequestModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ReplayRequestModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const RequestRecord& r = m_run->result.records[static_cast<std::size_t>(index.row())];
    const QString entry = r.entry >= 0 && r.entry < m_run->result.configNames.size()
                              ? m_run->result.configNames.at(r.entry)
                              : QString();
    if (role == ValueRole) {
        switch (index.column()) {
            case Request:
                return QVariant::fromValue<qlonglong>(r.requestId);
            case Arrival:
                return r.arrivalMs;
            case Deadline:
                return r.deadlineMs;
            case Entry:
                return entry;
            case Start:
                return r.startMs;
            case Latency:
                return r.answered ? r.latencyMs() : std::nan("");
            case Stage2:
                return r.stage2Ran;
            case Hit:
                return r.hit;
            case Correct:
                return r.correct;
            default:
                return {};
        }
    }
    if (role == Qt::DisplayRole) {
        const auto yesNo = [](bool value) { return value ? tr("yes") : tr("no"); };
        switch (index.column()) {
            case Request:
                return QString::number(r.requestId);
            case Arrival:
                return msText(r.arrivalMs);
            case Deadline:
                return msText(r.deadlineMs);
            case Entry:
                return entry;
            case Start:
                return msText(r.startMs);
            case Latency:
                return r.answered ? msText(r.latencyMs()) : tr("unanswered");
            case Stage2:
                return yesNo(r.stage2Ran);
            case Hit:
                return yesNo(r.hit);
            case Correct:
                return yesNo(r.correct);
            default:
                return {};
        }
    }
    if (role == Qt::ForegroundRole && index.column() == Hit) {
        return r.hit ? kHit : kMiss;
    }
    return {};
}

QVariant ReplayRequestModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (role != Qt::DisplayRole || orientation != Qt::Horizontal) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
        case Request:
            return tr("Request");
        case Arrival:
            return tr("Arrival (ms)");
        case Deadline:
            return tr("Deadline (ms)");
        case Entry:
            return tr("Entry");
        case Start:
            return tr("Start (ms)");
        case Latency:
            return tr("Latency (ms)");
        case Stage2:
            return tr("Stage 2");
        case Hit:
            return tr("Hit");
        case Correct:
            return tr("Correct");
        default:
            return {};
    }
}

ReplayTimeline::ReplayTimeline(QWidget* parent) : QWidget(parent), m_plot(new QCustomPlot(this)) {
    m_plot->setObjectName(QStringLiteral("replayTimeline"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot);

    m_plot->plotLayout()->clear();
    std::vector<QCPAxisRect*> rects;
    for (int i = 0; i < 3; ++i) {
        auto* rect = new QCPAxisRect(m_plot);
        rect->setRangeDrag(Qt::Horizontal);
        rect->setRangeZoom(Qt::Horizontal);
        m_plot->plotLayout()->addElement(i, 0, rect);
        rects.push_back(rect);
    }
    m_plot->plotLayout()->setRowStretchFactors({3.0, 1.2, 1.8});
    auto* group = new QCPMarginGroup(m_plot);
    for (QCPAxisRect* rect : rects) {
        rect->setMarginGroup(QCP::msLeft | QCP::msRight, group);
        connect(rect->axis(QCPAxis::atBottom), qOverload<const QCPRange&>(&QCPAxis::rangeChanged),
                this, [this, rect](const QCPRange& range) {
                    for (QCPAxisRect* other : m_plot->axisRects()) {
                        if (other != rect && other->axis(QCPAxis::atBottom)->range() != range) {
                            other->axis(QCPAxis::atBottom)->setRange(range);
                        }
                    }
                    m_plot->replot(QCustomPlot::rpQueuedReplot);
                });
    }
    m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);

    QCPAxis* x0 = rects[0]->axis(QCPAxis::atBottom);
    QCPAxis* y0 = rects[0]->axis(QCPAxis::atLeft);
    y0->setLabel(tr("latency (ms)"));
    const std::array<std::pair<QString, QColor>, 3> kinds{
        std::pair{tr("hit"), kHit}, std::pair{tr("miss (late)"), kMiss},
        std::pair{tr("unanswered (top row)"), kUnanswered}};
    for (const auto& [name, color] : kinds) {
        QCPGraph* g = m_plot->addGraph(x0, y0);
        g->setName(name);
        g->setLineStyle(QCPGraph::lsNone);
        g->setScatterStyle(QCPScatterStyle(
            color == kUnanswered ? QCPScatterStyle::ssCross : QCPScatterStyle::ssDisc, color, 4));
        m_requestGraphs.push_back(g);
    }
    m_escalated = m_plot->addGraph(x0, y0);
    m_escalated->setName(tr("stage 2 ran"));
    m_escalated->setLineStyle(QCPGraph::lsNone);
    m_escalated->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, kEscalated, 8));
    m_selected = m_plot->addGraph(x0, y0);
    m_selected->setName(tr("selected"));
    m_selected->setLineStyle(QCPGraph::lsNone);
    m_selected->setScatterStyle(
        QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(Qt::black, 2), Qt::NoBrush, 13));

    m_queue = m_plot->addGraph(rects[1]->axis(QCPAxis::atBottom), rects[1]->axis(QCPAxis::atLeft));
    m_queue->setName(tr("queue length"));
    m_queue->setLineStyle(QCPGraph::lsStepLeft);
    m_queue->setPen(QPen(QColor(0x33, 0x66, 0x99), 1.5));
    rects[1]->axis(QCPAxis::atLeft)->setLabel(tr("queue"));

    QCPAxis* x2 = rects[2]->axis(QCPAxis::atBottom);
    QCPAxis* y2 = rects[2]->axis(QCPAxis::atLeft);
    m_stage1 = m_plot->addGraph(x2, y2);
    m_stage1->setName(tr("batch (stage 1)"));
    m_stage1->setLineStyle(QCPGraph::lsNone);
    m_stage1->setScatterStyle(
        QCPScatterStyle(QCPScatterStyle::ssSquare, QColor(0x33, 0x66, 0x99), 5));
    m_stage2 = m_plot->addGraph(x2, y2);
    m_stage2->setName(tr("escalated items (stage 2)"));
    m_stage2->setLineStyle(QCPGraph::lsNone);
    m_stage2->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssTriangle, kEscalated, 7));
    x2->setLabel(tr("time (s); wheel zooms, drag pans"));

    auto* legend = new QCPLegend;
    m_plot->plotLayout()->addElement(3, 0, legend);
    m_plot->plotLayout()->setRowStretchFactor(3, 0.001);
    legend->setLayer(QStringLiteral("legend"));
    legend->setWrap(4);
    legend->setFillOrder(QCPLayoutGrid::foColumnsFirst, true);
    legend->setBorderPen(Qt::NoPen);
    for (QCPGraph* g : {m_requestGraphs[0], m_requestGraphs[1], m_requestGraphs[2], m_escalated,
                        m_queue, m_stage1, m_stage2}) {
        g->addToLegend(legend);
    }

    connect(m_plot, &QCustomPlot::mousePress, this,
            [this](QMouseEvent* event) { m_plot->setProperty("pressAt", event->position()); });
    connect(m_plot, &QCustomPlot::mouseRelease, this, [this](QMouseEvent* event) {
        // A click, not the end of a drag.
        const QPointF pressed = m_plot->property("pressAt").toPointF();
        if ((event->position() - pressed).manhattanLength() > 4) {
            return;
        }
        const int row = requestAt(event->position());
        if (row >= 0) {
            Q_EMIT requestClicked(row);
        }
    });
}

void ReplayTimeline::setRun(std::shared_ptr<const ReplayRun> run) {
    m_run = std::move(run);
    for (QCPGraph* g : m_requestGraphs) {
        g->data()->clear();
    }
    for (QCPGraph* g : {m_escalated, m_selected, m_queue, m_stage1, m_stage2}) {
        g->data()->clear();
    }
    const auto rects = m_plot->axisRects();
    if (!m_run) {
        m_plot->replot();
        return;
    }
    const SimulationResult& result = m_run->result;
    double highest = 0.0;
    double lowest = std::numeric_limits<double>::infinity();
    m_endS = 1e-3;
    for (const RequestRecord& r : result.records) {
        m_endS = std::max(m_endS, r.arrivalMs / 1000.0);
        if (r.answered) {
            highest = std::max(highest, r.latencyMs());
            lowest = std::min(lowest, r.latencyMs());
            m_endS = std::max(m_endS, r.finishMs / 1000.0);
        }
    }
    const bool logScale = std::isfinite(lowest) && lowest > 0.0;
    m_unansweredY = highest > 0.0 ? highest * (logScale ? 2.0 : 1.1) : 1.0;
    for (std::size_t i = 0; i < result.records.size(); ++i) {
        const RequestRecord& r = result.records[i];
        const int kind = !r.answered ? 2 : r.hit ? 0 : 1;
        const double y = requestY(static_cast<int>(i));
        m_requestGraphs[static_cast<std::size_t>(kind)]->addData(r.arrivalMs / 1000.0, y);
        if (r.stage2Ran) {
            m_escalated->addData(r.arrivalMs / 1000.0, y);
        }
    }
    QCPAxis* y0 = rects[0]->axis(QCPAxis::atLeft);
    if (logScale) {
        y0->setScaleType(QCPAxis::stLogarithmic);
        y0->setTicker(QSharedPointer<QCPAxisTickerLog>::create());
        y0->setRange(lowest / 1.5, m_unansweredY * 1.5);
    } else {
        y0->setScaleType(QCPAxis::stLinear);
        y0->setTicker(QSharedPointer<QCPAxisTicker>::create());
        y0->setRange(0.0, m_unansweredY * 1.05);
    }

    // Entries that ran, as rows named by the entry, fastest planning tail at the bottom.
    std::map<int, int> rowOfEntry;
    int highestQueue = 1;
    for (const BatchRecord& b : result.batches) {
        rowOfEntry.emplace(b.entry, 0);
        if (b.stage == 1) {
            m_queue->addData(b.startMs / 1000.0, b.queueLength);
            highestQueue = std::max(highestQueue, b.queueLength);
        }
    }
    std::vector<int> entries;
    for (const auto& [entry, row] : rowOfEntry) {
        entries.push_back(entry);
    }
    // Entry names are long ("fmnist-resnet18-w0.25/int8/b8/cpu:N"): the rows drop the first
    // word when every row starts with it (the task's) and elide the middle, so the plots keep
    // their width; the table and the explanation name the entry in full.
    QStringList names;
    for (const int entry : entries) {
        names << result.configNames.value(entry);
    }
    const QString firstWord =
        names.size() < 2 ? QString() : names.front().left(names.front().indexOf(u'-') + 1);
    const qsizetype shared =
        !firstWord.isEmpty() && std::all_of(names.begin(), names.end(),
                                            [&](const QString& n) {
                                                return n.startsWith(firstWord) &&
                                                       n.size() > firstWord.size();
                                            })
            ? firstWord.size()
            : 0;
    const QFont tickFont(font().family(), std::max(6, font().pointSize() - 2));
    const QFontMetrics metrics(tickFont);
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    for (std::size_t k = 0; k < entries.size(); ++k) {
        rowOfEntry[entries[k]] = static_cast<int>(k);
        ticker->addTick(double(k),
                        metrics.elidedText(names[qsizetype(k)].mid(shared), Qt::ElideMiddle,
                                           metrics.averageCharWidth() * 30));
    }
    for (const BatchRecord& b : result.batches) {
        (b.stage == 1 ? m_stage1 : m_stage2)
            ->addData(b.startMs / 1000.0, rowOfEntry[b.entry] + (b.stage == 1 ? 0.0 : 0.25));
    }
    QCPAxis* y2 = rects[2]->axis(QCPAxis::atLeft);
    y2->setTicker(ticker);
    y2->setRange(-0.6, std::max<double>(1.0, double(entries.size())) - 0.4);
    y2->setTickLabelFont(tickFont);
    rects[1]->axis(QCPAxis::atLeft)->setRange(0.0, highestQueue * 1.1 + 0.5);
    resetZoom();
}

void ReplayTimeline::resetZoom() {
    for (QCPAxisRect* rect : m_plot->axisRects()) {
        rect->axis(QCPAxis::atBottom)->setRange(0.0, m_endS * 1.02);
    }
    m_plot->replot();
}

double ReplayTimeline::requestY(int row) const {
    const RequestRecord& r = m_run->result.records[static_cast<std::size_t>(row)];
    return r.answered ? r.latencyMs() : m_unansweredY;
}

void ReplayTimeline::markRequest(int row) {
    m_selected->data()->clear();
    if (m_run && row >= 0 && row < static_cast<int>(m_run->result.records.size())) {
        m_selected->addData(m_run->result.records[static_cast<std::size_t>(row)].arrivalMs / 1000.0,
                            requestY(row));
    }
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

QPointF ReplayTimeline::pixelOf(int row) const {
    const QCPAxisRect* rect = m_plot->axisRects().at(0);
    const RequestRecord& r = m_run->result.records[static_cast<std::size_t>(row)];
    return {rect->axis(QCPAxis::atBottom)->coordToPixel(r.arrivalMs / 1000.0),
            rect->axis(QCPAxis::atLeft)->coordToPixel(requestY(row))};
}

int ReplayTimeline::requestAt(const QPointF& pixel) const {
    if (!m_run) {
        return -1;
    }
    const auto rects = m_plot->axisRects();
    constexpr double kNear = 8.0;
    int best = -1;
    double bestDistance = kNear;
    const auto& records = m_run->result.records;
    if (rects[0]->rect().contains(pixel.toPoint())) {
        for (std::size_t i = 0; i < records.size(); ++i) {
            const double d = std::hypot(pixelOf(static_cast<int>(i)).x() - pixel.x(),
                                        pixelOf(static_cast<int>(i)).y() - pixel.y());
            if (d < bestDistance) {
                bestDistance = d;
                best = static_cast<int>(i);
            }
        }
        return best;
    }
    if (rects[2]->rect().contains(pixel.toPoint())) {
        // A batch: the first request that started with it.
        const QCPAxis* x = rects[2]->axis(QCPAxis::atBottom);
        const QCPAxis* y = rects[2]->axis(QCPAxis::atLeft);
        double bestStart = std::nan("");
        for (const QCPGraph* g : {m_stage1, m_stage2}) {
            for (auto it = g->data()->constBegin(); it != g->data()->constEnd(); ++it) {
                const double d = std::hypot(x->coordToPixel(it->key) - pixel.x(),
                                            y->coordToPixel(it->value) - pixel.y());
                if (d < bestDistance) {
                    bestDistance = d;
                    bestStart = it->key * 1000.0;
                }
            }
        }
        if (std::isfinite(bestStart)) {
            // The stage-2 batch of a cascade starts when its stage 1 ends: take the requests
            // of the latest stage-1 start at or before it.
            double start = -1.0;
            for (const RequestRecord& r : records) {
                if (std::isfinite(r.startMs) && r.startMs <= bestStart + 1e-9) {
                    start = std::max(start, r.startMs);
                }
            }
            for (std::size_t i = 0; i < records.size(); ++i) {
                if (records[i].startMs == start) {
                    return static_cast<int>(i);
                }
            }
        }
    }
    return -1;
}

int ReplayTimeline::requestPoints() const {
    int n = 0;
    for (const QCPGraph* g : m_requestGraphs) {
        n += g->dataCount();
    }
    return n;
}

int ReplayTimeline::queuePoints() const {
    return m_queue->dataCount();
}

int ReplayTimeline::batchPoints(int stage) const {
    return (stage == 1 ? m_stage1 : m_stage2)->dataCount();
}

ReplayPanel::ReplayPanel(JobManager* jobs, QWidget* parent)
    : QWidget(parent),
      m_jobs(jobs),
      m_policy(new QComboBox(this)),
      m_workload(new QComboBox(this)),
      m_deadlines(new QComboBox(this)),
      m_seed(new QSpinBox(this)),
      m_live(new QCheckBox(tr("Live"), this)),
      m_simulate(new QPushButton(tr("Simulate"), this)),
      m_resetZoom(new QPushButton(tr("Reset zoom"), this)),
      m_message(createProblemLabel(QStringLiteral("replayMessage"), this)),
      m_summary(new QLabel(this)),
      m_timeline(new ReplayTimeline(this)),
      m_model(new ReplayRequestModel(this)),
      m_view(createSortedRowTableView(QStringLiteral("replayRequests"), m_model,
                                      ReplayRequestModel::ValueRole, this)),
      m_explanation(new QPlainTextEdit(this)) {
    setObjectName(QStringLiteral("replayPanel"));
    m_policy->setObjectName(QStringLiteral("replayPolicy"));
    m_policy->addItems(knownPolicies());
    m_policy->setCurrentText(QStringLiteral("CascadePlanner"));
    m_workload->setObjectName(QStringLiteral("replayWorkload"));
    m_deadlines->setObjectName(QStringLiteral("replayDeadlines"));
    m_seed->setObjectName(QStringLiteral("replaySeed"));
    m_seed->setRange(0, std::numeric_limits<int>::max());
    m_live->setObjectName(QStringLiteral("replayLive"));
    m_live->setToolTip(
        tr("Replay the trace in real time on the real models (the weights the folder's profiles "
           "measured), as anytime-planner --batch simulate --live does; it takes as long as the "
           "trace lasts. The hindsight bounds cannot run live."));
    m_simulate->setObjectName(QStringLiteral("replaySimulate"));
    m_simulate->setToolTip(
        tr("Simulate the policy on the protocol's trace, as anytime-planner --batch simulate "
           "does (a job: see the Jobs dock)"));
    m_summary->setObjectName(QStringLiteral("replaySummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_explanation->setObjectName(QStringLiteral("replayExplanation"));
    m_explanation->setReadOnly(true);
    m_explanation->setPlaceholderText(
        tr("Click a request on the timeline (or a row of the table) to see the decision that "
           "served it."));

    auto* sorted = static_cast<QSortFilterProxyModel*>(m_view->model());

    auto* controls = new QHBoxLayout;
    const auto labelled = [&](const QString& text, QWidget* field) {
        auto* label = new QLabel(text, this);
        label->setBuddy(field);
        controls->addWidget(label);
        controls->addWidget(field);
        controls->addSpacing(8);
    };
    labelled(tr("Policy:"), m_policy);
    labelled(tr("Workload:"), m_workload);
    labelled(tr("Deadlines:"), m_deadlines);
    labelled(tr("Seed:"), m_seed);
    controls->addWidget(m_live);
    controls->addWidget(m_simulate);
    controls->addStretch(1);
    controls->addWidget(m_resetZoom);

    auto* side = new QSplitter(Qt::Vertical, this);
    side->addWidget(createTitledBox(tr("Requests"), m_view, this));
    side->addWidget(
        createTitledBox(tr("The decision that served the selected request"), m_explanation, this));
    auto* split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(createTitledBox(tr("Timeline"), m_timeline, this));
    split->addWidget(side);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setSizes({3, 2});

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_message);
    layout->addLayout(controls);
    layout->addWidget(m_summary);
    layout->addWidget(split, 1);

    connect(m_simulate, &QPushButton::clicked, this, &ReplayPanel::simulate);
    connect(m_resetZoom, &QPushButton::clicked, m_timeline, &ReplayTimeline::resetZoom);
    connect(m_timeline, &ReplayTimeline::requestClicked, this, &ReplayPanel::selectRequest);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this, sorted](const QModelIndex& current) {
                if (current.isValid()) {
                    const int row = sorted->mapToSource(current).row();
                    if (row != m_selectedRow) {
                        selectRequest(row);
                    }
                }
            });
    connect(m_policy, &QComboBox::currentTextChanged, this, &ReplayPanel::updateLiveBox);
    connect(m_live, &QCheckBox::toggled, this, &ReplayPanel::updateLiveBox);
    setSources(nullptr, nullptr, QString(), QString());
}

ReplayPanel::~ReplayPanel() = default;

QString ReplayPanel::message() const {
    return m_message->text();
}

QString ReplayPanel::summaryText() const {
    return m_summary->text();
}

QString ReplayPanel::explanationText() const {
    return m_explanation->toPlainText();
}

void ReplayPanel::updateLiveBox() {
    // A hindsight bound cannot run live.
    const bool bound = knownBounds().contains(m_policy->currentText());
    m_live->setEnabled(m_simulate->isEnabled() && !bound);
    if (bound) {
        m_live->setChecked(false);
    }
    m_simulate->setText(m_live->isChecked() ? tr("Replay live") : tr("Simulate"));
}

void ReplayPanel::setSources(std::shared_ptr<const ConfigSet> configs,
                             std::shared_ptr<const PlannerTables> tables, const QString& task,
                             const QString& resultsDir) {
    m_resultsDir = resultsDir;
    const bool sameProtocol = configs && m_configs && configs->directory == m_configs->directory &&
                              configs->protocol.name == m_configs->protocol.name;
    m_configs = std::move(configs);
    m_tables = std::move(tables);
    m_task = task;
    if (!sameProtocol) {
        const QString workload = m_workload->currentText();
        const QString deadlines = m_deadlines->currentText();
        m_workload->clear();
        m_deadlines->clear();
        if (m_configs) {
            for (const WorkloadSpec& w : m_configs->protocol.workloads) {
                m_workload->addItem(w.name);
            }
            m_deadlines->addItems(m_configs->protocol.deadlineSets);
            m_workload->setCurrentIndex(std::max(0, m_workload->findText(workload)));
            m_deadlines->setCurrentIndex(std::max(0, m_deadlines->findText(deadlines)));
            m_seed->setValue(static_cast<int>(m_configs->protocol.baseSeed %
                                              std::uint64_t(std::numeric_limits<int>::max())));
        }
    }
    const bool ready = m_configs && m_tables && !m_task.isEmpty();
    for (QWidget* control : {static_cast<QWidget*>(m_policy), static_cast<QWidget*>(m_workload),
                             static_cast<QWidget*>(m_deadlines), static_cast<QWidget*>(m_seed),
                             static_cast<QWidget*>(m_simulate)}) {
        control->setEnabled(ready);
    }
    updateLiveBox();
    // A run of other tables would explain its decisions with the wrong entries.
    showRun(nullptr);
    setProblemText(m_message, QString());
    m_summary->setText(ready ? tr("Choose a run and press Simulate.") : tr("No profiles loaded."));
}

Job* ReplayPanel::simulate() {
    if (!m_configs || !m_tables || m_task.isEmpty()) {
        return nullptr;
    }
    if (m_job) {
        m_job->cancel();
    }
    const ReplayParams params{m_configs,
                              m_tables,
                              m_task,
                              m_policy->currentText(),
                              m_workload->currentText(),
                              m_deadlines->currentText(),
                              static_cast<std::uint64_t>(m_seed->value()),
                              m_live->isChecked() && m_live->isEnabled(),
                              m_resultsDir};
    auto* job = m_jobs->submit<ReplayParams, SharedRun>(
        (params.live ? tr("Replay %1 live on %2/%3 seed %4") : tr("Simulate %1 on %2/%3 seed %4"))
            .arg(params.policy, params.workload, params.deadlines)
            .arg(params.seed),
        params, &runReplay);
    m_job = job;
    m_summary->setText(params.live ? tr("Replaying live on the real models…") : tr("Simulating…"));
    connect(job, &Job::done, this, [this, job](Job::State state) {
        if (m_job != job) {
            return;  // a newer run started
        }
        m_job.clear();
        if (state == Job::State::Finished) {
            setProblemText(m_message, QString());
            showRun(job->result());
        } else {
            setProblemText(m_message, state == Job::State::Failed
                                          ? tr("Cannot replay: %1").arg(job->errorMessage())
                                          : tr("The replay was cancelled."));
            showRun(nullptr);
            m_summary->clear();
        }
        Q_EMIT simulated();
    });
    return job;
}

void ReplayPanel::showRun(std::shared_ptr<const ReplayRun> run) {
    m_run = std::move(run);
    m_selectedRow = -1;
    m_model->setRun(m_run);
    m_timeline->setRun(m_run);
    m_explanation->clear();
    if (m_run) {
        const RunMetrics& m = m_run->result.metrics;
        m_summary->setText(
            tr("%1 on %2/%3 seed %4: %5 requests, %6 batches; hit rate %7%, accuracy %8%, "
               "effective accuracy %9%, escalation %10%, p95 %11 ms.")
                .arg(m_run->live ? tr("%1, live").arg(m_run->policy) : m_run->policy,
                     m_run->result.labels.workload, m_run->result.labels.deadlineSet)
                .arg(m_run->result.labels.seed)
                .arg(m.requests)
                .arg(m_run->result.batches.size())
                .arg(100.0 * m.hitRate, 0, 'f', 2)
                .arg(100.0 * m.accuracy, 0, 'f', 2)
                .arg(100.0 * m.effectiveAccuracy, 0, 'f', 2)
                .arg(100.0 * m.escalationRate, 0, 'f', 2)
                .arg(m.p95Ms, 0, 'f', 3));
    }
}

void ReplayPanel::selectRequest(int row) {
    if (!m_run || row < 0 || row >= static_cast<int>(m_run->result.records.size())) {
        return;
    }
    m_selectedRow = row;
    m_timeline->markRequest(row);
    auto* sorted = static_cast<QSortFilterProxyModel*>(m_view->model());
    const QModelIndex index = sorted->mapFromSource(m_model->index(row, 0));
    m_view->setCurrentIndex(index);
    m_view->scrollTo(index);

    const RequestRecord& r = m_run->result.records[static_cast<std::size_t>(row)];
    const ConfigTable& table = m_tables->table(m_task);
    QStringList lines;
    lines << tr("Request %1: arrived at %2 ms with a deadline of %3 ms; %4.")
                 .arg(r.requestId)
                 .arg(msText(r.arrivalMs), msText(r.deadlineMs))
                 .arg(!r.answered ? tr("never answered")
                      : r.hit     ? tr("answered in %1 ms, on time").arg(msText(r.latencyMs()))
                                  : tr("answered in %1 ms, late").arg(msText(r.latencyMs())));
    if (r.entry >= 0) {
        lines << tr("Served by %1 (batch of %2, %3 filled), starting at %4 ms%5; the answer was "
                    "%6.")
                     .arg(m_run->result.configNames.value(r.entry))
                     .arg(r.batchSize)
                     .arg(r.batchFill)
                     .arg(msText(r.startMs))
                     .arg(r.stage2Ran ? tr(", escalated to stage 2") : QString())
                     .arg(r.correct ? tr("right") : tr("wrong"));
    }
    const int d = m_run->decisionFor(row);
    if (d < 0) {
        lines << QString()
              << (m_run->decisions.empty()
                      ? tr("%1 is a hindsight bound: it takes no decisions to explain.")
                            .arg(m_run->policy)
                      : tr("It never started: no decision served it."));
    } else {
        const RecordedDecision& decision = m_run->decisions[static_cast<std::size_t>(d)];
        lines << QString()
              << tr("Decision %1 of %2, at %3 ms: %4 waiting, the head's budget %5 ms, arrivals "
                    "at %6 per s; %7 chose %8, taking %9.")
                     .arg(d + 1)
                     .arg(m_run->decisions.size())
                     .arg(msText(decision.nowMs))
                     .arg(decision.queueLength)
                     .arg(msText(decision.budgetMs))
                     .arg(decision.arrivalRatePerMs * 1000.0, 0, 'f', 1)
                     .arg(m_run->policy, table.entry(decision.decision.entry).name)
                     .arg(decision.decision.take);
        const DecisionExplanation why = explainRecorded(table, m_run->options, decision);
        if (m_run->policy != u"CascadePlanner") {
            lines << QString()
                  << tr("The CascadePlanner, asked in the same state, would choose %1:")
                         .arg(table.entry(why.decision.entry).name);
        } else {
            lines << QString() << tr("What the planner considered and why:");
        }
        lines << why.reason;
    }
    m_explanation->setPlainText(lines.join(u'\n'));
    Q_EMIT requestExplained(row);
}

}  // namespace aip
