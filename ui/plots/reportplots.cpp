#include "plots/reportplots.h"

#include "plots/customplot.h"
#include "plots/policypalette.h"

#include <QHash>
#include <QSet>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

namespace aip {

namespace {

constexpr double kRateAxisLow = 0.0;
constexpr double kRateAxisHigh = 1.05;  // room above 1 for the error bars of a perfect rate
constexpr int kLegendColumns = 6;

const QString kHitRateLabel = QStringLiteral("hit rate (share of requests on time)");
const QString kEffectiveAccuracyLabel =
    QStringLiteral("effective accuracy (share correct and on time)");
const QString kErrorBarNote = QStringLiteral("error bars: 95% Student t interval of the mean");

QFont sizedFont(const QFont& base, double pointSize, bool bold = false) {
    QFont font = base;
    font.setPointSizeF(pointSize);
    font.setBold(bold);
    return font;
}

/// The skeleton every figure shares: title and caption rows, a grid of titled panels, and
/// the legend in a row of its own below them, so it never covers data.
struct Figure {
    QCustomPlot* plot = nullptr;
    QCPTextElement* caption = nullptr;
    QCPLegend* legend = nullptr;
    std::vector<QCPAxisRect*> panels;  // row by row

    QCPAxis* x(std::size_t panel) const { return panels.at(panel)->axis(QCPAxis::atBottom); }
    QCPAxis* y(std::size_t panel) const { return panels.at(panel)->axis(QCPAxis::atLeft); }
};

/// The caption is set by the caller once the data says how many seeds each point averages.
Figure startFigure(QCustomPlot& plot, const QString& title, int rows, int columns,
                   const QStringList& panelTitles) {
    plot.clearItems();
    plot.clearPlottables();
    // Deletes the axis rects with their axes and the legend (QCustomPlot forgets them).
    plot.plotLayout()->clear();
    plot.setAutoAddPlottableToLegend(false);
    plot.setBackground(Qt::white);
    const QFont base = plot.font();

    Figure figure;
    figure.plot = &plot;
    plot.setProperty(kPanelRowsProperty, rows);
    QCPLayoutGrid* layout = plot.plotLayout();
    layout->setRowSpacing(2);
    // Room on the right for the last tick label: QCustomPlot drops labels that would cross
    // the edge of the image.
    layout->setMargins(QMargins(4, 4, 18, 2));
    layout->addElement(0, 0, new QCPTextElement(&plot, title, sizedFont(base, 15, true)));
    figure.caption = new QCPTextElement(&plot, QString(), sizedFont(base, 10));
    figure.caption->setTextColor(QColor(0x40, 0x40, 0x40));
    layout->addElement(1, 0, figure.caption);

    auto* grid = new QCPLayoutGrid;
    layout->addElement(2, 0, grid);
    grid->setColumnSpacing(18);
    grid->setRowSpacing(10);
    for (int r = 0; r < rows; ++r) {
        for (int c = 0; c < columns; ++c) {
            const int index = r * columns + c;
            auto* cell = new QCPLayoutGrid;
            grid->addElement(r, c, cell);
            // A figure of one panel says it all in its title; the empty row takes no space.
            if (!panelTitles.value(index).isEmpty()) {
                cell->addElement(
                    0, 0,
                    new QCPTextElement(&plot, panelTitles.value(index), sizedFont(base, 12, true)));
            }
            auto* rect = new QCPAxisRect(&plot);
            cell->addElement(1, 0, rect);
            cell->setRowStretchFactors({0.001, 1.0});
            cell->setRowSpacing(0);
            for (QCPAxis* axis : {rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft)}) {
                axis->setLabelFont(sizedFont(base, 11));
                axis->setTickLabelFont(sizedFont(base, 10));
                axis->grid()->setPen(QPen(QColor(0xD8, 0xD8, 0xD8), 1, Qt::DotLine));
            }
            figure.panels.push_back(rect);
        }
    }

    figure.legend = new QCPLegend;
    layout->addElement(3, 0, figure.legend);
    figure.legend->setLayer(QStringLiteral("legend"));
    figure.legend->setFont(sizedFont(base, 10));
    figure.legend->setBorderPen(Qt::NoPen);
    figure.legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    figure.legend->setWrap(kLegendColumns);
    figure.legend->setColumnSpacing(24);
    figure.legend->setIconSize(32, 14);
    figure.legend->setMargins(QMargins(8, 6, 8, 10));
    plot.legend = figure.legend;
    layout->setRowStretchFactors({0.001, 0.001, 1.0, 0.001});
    return figure;
}

/// A rate axis from 0 to just above 1. Lines and markers get a little room below 0 too, so an
/// error bar at a rate near 0 is not cut; bars stand on 0.
enum class RateFloor { Zero, BelowZero };
void setRateAxis(QCPAxis* axis, const QString& label, RateFloor floor = RateFloor::BelowZero) {
    axis->setLabel(label);
    axis->setRange(floor == RateFloor::Zero ? kRateAxisLow : kRateAxisLow - 0.03, kRateAxisHigh);
}

/// "mean over 3 seeds" or "mean over 2–3 seeds" when groups differ in size.
QString describeSeedCounts(int fewest, int most) {
    if (most <= 0) {
        return QStringLiteral("no runs");
    }
    const QString count =
        fewest == most ? QString::number(most) : QStringLiteral("%1–%2").arg(fewest).arg(most);
    return QStringLiteral("mean over %1 seed%2").arg(count, most == 1 ? QString() : "s");
}

/// One metric's values gathered per group key, summarised over the replicates of each group.
class ReplicateGroups final {
public:
    void add(const QStringList& key, double value) { m_values[key.join(u'\x1f')].push_back(value); }
    /// n = 0 for a group without values.
    ReplicateSummary summary(const QStringList& key) const {
        const auto it = m_values.constFind(key.join(u'\x1f'));
        if (it == m_values.constEnd()) {
            return {};
        }
        ReplicateSummary s = summarizeReplicates(it.value());
        m_fewest = std::min(m_fewest, s.n);
        m_most = std::max(m_most, s.n);
        return s;
    }
    /// The sizes seen by summary() so far, for the caption.
    QString seedsPhrase() const { return describeSeedCounts(m_most == 0 ? 0 : m_fewest, m_most); }

private:
    QHash<QString, std::vector<double>> m_values;
    mutable int m_fewest = std::numeric_limits<int>::max();
    mutable int m_most = 0;
};

/// Points of one series: x, the mean and the half-width of its interval.
struct SeriesPoints {
    QVector<double> keys;
    QVector<double> means;
    QVector<double> halfWidths;

    void add(double key, const ReplicateSummary& s) {
        if (s.n == 0 || !std::isfinite(s.mean)) {
            return;  // nothing measured here: leave a gap rather than invent a value
        }
        keys.append(key);
        means.append(s.mean);
        // One seed has no interval; a zero-length bar hides under the marker.
        halfWidths.append(std::isfinite(s.ci95HalfWidth) ? s.ci95HalfWidth : 0.0);
    }
};

/// Styles `bars` and attaches them to `target` with the given half-widths.
QCPErrorBars* addErrorBars(QCPAbstractPlottable* target, const QVector<double>& halfWidths,
                           const QColor& color, QCPErrorBars* bars) {
    bars->setName(target->name() + QStringLiteral(" (95% CI)"));
    bars->setPen(QPen(color.darker(115), 1.6));
    bars->setWhiskerWidth(9);
    bars->setSymbolGap(0);
    bars->setDataPlottable(target);
    bars->setData(halfWidths);
    return bars;
}

QCPGraph* addMeanSeries(const Figure& figure, std::size_t panel, const QString& name,
                        const QColor& color, const SeriesPoints& points, bool joinPoints) {
    // Error bars first: plottables draw in creation order, so the markers stay on top.
    auto* bars = new QCPErrorBars(figure.x(panel), figure.y(panel));
    QCPGraph* graph = figure.plot->addGraph(figure.x(panel), figure.y(panel));
    graph->setName(name);
    graph->setPen(QPen(color, 2.2));
    graph->setLineStyle(joinPoints ? QCPGraph::lsLine : QCPGraph::lsNone);
    graph->setScatterStyle(
        QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(color, 1.5), QBrush(color), 8));
    graph->setData(points.keys, points.means, true);
    addErrorBars(graph, points.halfWidths, color, bars);
    return graph;
}

QCPBars* addMeanBars(const Figure& figure, std::size_t panel, const QString& name, const QPen& pen,
                     const QBrush& brush, double width, const SeriesPoints& points) {
    auto* errorBars = new QCPErrorBars(figure.x(panel), figure.y(panel));
    auto* bars = new QCPBars(figure.x(panel), figure.y(panel));
    bars->setName(name);
    bars->setPen(pen);
    bars->setBrush(brush);
    bars->setWidth(width);
    bars->setData(points.keys, points.means, true);
    // Error bars drawn over bars would vanish into the fill; move them above the bars.
    addErrorBars(bars, points.halfWidths, QColor(0x30, 0x30, 0x30), errorBars);
    errorBars->setLayer(QStringLiteral("axes"));
    return bars;
}

/// A long category label on several short lines, so that neighbouring labels do not run into
/// each other: "cifar10-resnet20" becomes "cifar10-" / "resnet20", "ThroughputAutotuner"
/// becomes "Throughput" / "Autotuner". Lines break after a separator (- _ : / . space) or
/// between a lower-case and an upper-case letter.
QString wrapCategoryLabel(const QString& label) {
    constexpr qsizetype kLine = 10;
    if (label.size() <= kLine) {
        return label;
    }
    const QString separators = QStringLiteral("-_:/. ");
    QStringList pieces;
    QString piece;
    for (const QChar c : label) {
        if (!piece.isEmpty() && c.isUpper() && piece.back().isLower()) {
            pieces.append(piece);
            piece.clear();
        }
        piece += c;
        if (separators.contains(c)) {
            pieces.append(piece);
            piece.clear();
        }
    }
    pieces.append(piece);
    QStringList lines{QString()};
    for (const QString& p : pieces) {
        if (!lines.back().isEmpty() && lines.back().size() + p.size() > kLine) {
            lines.append(QString());
        }
        lines.back() += p;
    }
    for (QString& line : lines) {
        line = line.trimmed();
    }
    return lines.join(u'\n');
}

/// A categorical x axis: the labels at 1, 2, … Up to six share the width on wrapped lines;
/// more (a full run's dozen models) would run into each other even wrapped, so they are written
/// whole at 45°.
void setCategoryAxis(QCPAxis* axis, const QStringList& labels, const QString& title) {
    // Up to 6 wrapped labels fit a panel, up to 8 short ones (at most two lines of at most 12
    // characters, as the policy names); more are written whole, slanted.
    bool shortLabels = true;
    for (const QString& label : labels) {
        const QStringList lines = wrapCategoryLabel(label).split(u'\n');
        shortLabels = shortLabels && lines.size() <= 2 &&
                      std::all_of(lines.begin(), lines.end(),
                                  [](const QString& line) { return line.size() <= 12; });
    }
    const bool slanted = labels.size() > (shortLabels ? 8 : 6);
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    for (qsizetype i = 0; i < labels.size(); ++i) {
        ticker->addTick(static_cast<double>(i + 1),
                        slanted ? labels.at(i) : wrapCategoryLabel(labels.at(i)));
    }
    ticker->setSubTickCount(0);
    axis->setTickLabelRotation(slanted ? 45.0 : 0.0);
    axis->setTicker(ticker);
    axis->setSubTicks(false);
    axis->setRange(0.4, static_cast<double>(labels.size()) + 0.6);
    axis->setLabel(title);
    axis->grid()->setVisible(false);
}

/// Offset of the i-th of n series around a shared position: centred, `step` apart.
double spread(qsizetype i, qsizetype n, double step) {
    return (static_cast<double>(i) - static_cast<double>(n - 1) / 2.0) * step;
}

const ResultRow& runOf(const ResultRow& row) {
    return row;
}
template <typename Row>
const ResultRow& runOf(const Row& row) {
    return row.run;
}

/// The policies of the rows in figure order (orderedPolicies).
template <typename Row>
QStringList policiesOf(const std::vector<Row>& rows) {
    QStringList names;
    for (const Row& row : rows) {
        if (!names.contains(runOf(row).policy)) {
            names.append(runOf(row).policy);
        }
    }
    return orderedPolicies(names);
}

void addToLegend(const Figure& figure, QCPAbstractPlottable* plottable) {
    plottable->addToLegend(figure.legend);
}

QString numberLabel(double value) {
    return QString::number(value, 'g', 6);
}

// ---- Pareto ----

void addDashedSegment(const Figure& figure, std::size_t panel, const ParetoPoint& from,
                      const ParetoPoint& to, const QColor& color) {
    auto* line = new QCPItemLine(figure.plot);
    line->setClipAxisRect(figure.panels.at(panel));
    line->setClipToAxisRect(true);
    for (QCPItemPosition* end : {line->start, line->end}) {
        end->setType(QCPItemPosition::ptPlotCoords);
        end->setAxes(figure.x(panel), figure.y(panel));
    }
    line->start->setCoords(from.x, from.y);
    line->end->setCoords(to.x, to.y);
    line->setPen(QPen(color, 1.3, Qt::DashLine));
}

/// A log axis when every value is positive (true), else a linear one.
bool setLogOrLinear(QCPAxis* axis, double low, double high) {
    if (low > 0.0) {
        axis->setScaleType(QCPAxis::stLogarithmic);
        QSharedPointer<QCPAxisTickerLog> ticker(new QCPAxisTickerLog);
        ticker->setSubTickCount(8);
        axis->setTicker(ticker);
        axis->setNumberFormat(QStringLiteral("g"));
        axis->setRange(low / 1.6, high * 1.6);
        return true;
    }
    const double pad = std::max(0.05 * (high - low), 1e-9);
    axis->setRange(low - pad, high + pad);
    return false;
}

}  // namespace

QList<QCPAxisRect*> reportPanels(QCustomPlot& plot) {
    QList<QCPAxisRect*> panels;
    auto* grid = qobject_cast<QCPLayoutGrid*>(
        plot.plotLayout()->hasElement(2, 0) ? plot.plotLayout()->element(2, 0) : nullptr);
    if (grid == nullptr) {
        return panels;
    }
    for (int r = 0; r < grid->rowCount(); ++r) {
        for (int c = 0; c < grid->columnCount(); ++c) {
            auto* cell = qobject_cast<QCPLayoutGrid*>(grid->element(r, c));
            if (cell != nullptr && cell->hasElement(1, 0)) {
                if (auto* rect = qobject_cast<QCPAxisRect*>(cell->element(1, 0))) {
                    panels.append(rect);
                }
            }
        }
    }
    return panels;
}

void buildParetoPlot(QCustomPlot& plot, const std::vector<ParetoAnalysisRow>& rows,
                     ParetoPanels panels) {
    const QString latency = paretoSpaceName(ParetoSpace::Latency);
    const QString cost = paretoSpaceName(ParetoSpace::Cost);
    QStringList spaces;
    QStringList titles;
    if (panels != ParetoPanels::Cost) {
        spaces << latency;
        titles << QStringLiteral("Effective accuracy vs p95 latency");
    }
    if (panels != ParetoPanels::Latency) {
        spaces << cost;
        titles << QStringLiteral("Effective accuracy vs cost");
    }
    const Figure figure =
        startFigure(plot, QStringLiteral("Pareto frontiers of effective accuracy"), 1,
                    static_cast<int>(spaces.size()), titles);

    QStringList methods;
    for (const ParetoAnalysisRow& row : rows) {
        if (!methods.contains(row.method)) {
            methods.append(row.method);
        }
    }
    methods = orderedPolicies(methods);

    for (std::size_t panel = 0; panel < static_cast<std::size_t>(spaces.size()); ++panel) {
        const QString& space = spaces.at(static_cast<qsizetype>(panel));
        std::vector<std::pair<QColor, std::vector<ParetoPoint>>> frontiers;
        double low = std::numeric_limits<double>::infinity();
        double high = -low;
        const auto extend = [&](double x) {
            low = std::min(low, x);
            high = std::max(high, x);
        };
        for (const QString& method : methods) {
            std::vector<ParetoPoint> points;
            for (const ParetoAnalysisRow& row : rows) {
                if (row.method == method && row.space == space && row.kind == u"point") {
                    points.push_back({row.x, row.y});
                }
            }
            std::sort(points.begin(), points.end(),
                      [](const ParetoPoint& a, const ParetoPoint& b) { return a.x < b.x; });
            QVector<double> xs;
            QVector<double> ys;
            for (const ParetoPoint& p : points) {
                xs.append(p.x);
                ys.append(p.y);
                extend(p.x);
            }
            const QColor color = policyColor(method);
            QCPGraph* graph = plot.addGraph(figure.x(panel), figure.y(panel));
            graph->setName(method);
            graph->setPen(QPen(color, 2.2));
            // The frontier is sorted by x with y rising: each point's accuracy holds until the
            // next point, which is the left-step line.
            graph->setLineStyle(QCPGraph::lsStepLeft);
            graph->setScatterStyle(
                QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(color, 1.5), QBrush(Qt::white), 8));
            graph->setData(xs, ys, true);
            if (panel == 0) {
                addToLegend(figure, graph);
            }
            frontiers.emplace_back(color, points);
        }
        const auto summary = std::find_if(rows.begin(), rows.end(), [&](const auto& row) {
            return row.space == space && row.kind == u"summary";
        });
        if (summary != rows.end()) {
            QCPGraph* reference = plot.addGraph(figure.x(panel), figure.y(panel));
            reference->setName(QStringLiteral("reference point"));
            reference->setLineStyle(QCPGraph::lsNone);
            reference->setScatterStyle(
                QCPScatterStyle(QCPScatterStyle::ssCross, QPen(Qt::black, 2.5), Qt::NoBrush, 16));
            reference->setData(QVector<double>{summary->x}, QVector<double>{summary->y}, true);
            extend(summary->x);
            if (panel == 0) {
                addToLegend(figure, reference);
            }
            // Close each frontier's dominated region at the reference point: down from the
            // first point, right from the last; the area inside is the hypervolume.
            const ParetoPoint ref{summary->x, summary->y};
            for (const auto& [color, points] : frontiers) {
                if (!points.empty() && points.front().y > ref.y) {
                    addDashedSegment(figure, panel, points.front(), {points.front().x, ref.y},
                                     color);
                }
                if (!points.empty() && points.back().x < ref.x) {
                    addDashedSegment(figure, panel, points.back(), {ref.x, points.back().y}, color);
                }
            }
        }
        const bool logScale = std::isfinite(low) && setLogOrLinear(figure.x(panel), low, high);
        const QString scale = logScale ? QStringLiteral(", log scale") : QString();
        figure.x(panel)->setLabel(
            space == latency ? QStringLiteral("p95 latency (ms%1)").arg(scale)
                             : QStringLiteral("cost per 1,000 requests (USD%1)").arg(scale));
        setRateAxis(figure.y(panel), kEffectiveAccuracyLabel);
    }
    figure.caption->setText(
        QStringLiteral("Each method's frontier over its runs as a step line; dashed: its dominated "
                       "region closed at the reference point ×, whose area is the hypervolume "
                       "(pareto_analysis.csv)"));
}

void buildDeadlinePlot(QCustomPlot& plot, const std::vector<DeadlineSweepRow>& rows,
                       DeadlineMetric metric) {
    const bool hitRate = metric == DeadlineMetric::HitRate;
    ReplicateGroups groups;
    QSet<double> deadlineSet;
    for (const DeadlineSweepRow& row : rows) {
        groups.add({row.run.policy, QString::number(row.deadlineMs, 'g', 17)},
                   hitRate ? row.run.hitRate : row.run.effectiveAccuracy);
        deadlineSet.insert(row.deadlineMs);
    }
    QList<double> deadlines(deadlineSet.begin(), deadlineSet.end());
    std::sort(deadlines.begin(), deadlines.end());
    const QStringList policies = policiesOf(rows);

    const QString title = hitRate ? QStringLiteral("Deadline hit rate vs deadline")
                                  : QStringLiteral("Effective accuracy vs deadline");
    Figure figure = startFigure(plot, title, 1, 1, {});

    // Spread the policies a few percent apart along the log axis so that error bars at the
    // same deadline stay visible.
    const double step =
        policies.size() > 1 ? std::min(0.035, 0.1 / static_cast<double>(policies.size() - 1)) : 0.0;
    for (qsizetype i = 0; i < policies.size(); ++i) {
        const double factor = std::exp(spread(i, policies.size(), step));
        SeriesPoints points;
        for (const double d : deadlines) {
            points.add(d * factor, groups.summary({policies.at(i), QString::number(d, 'g', 17)}));
        }
        QCPGraph* graph =
            addMeanSeries(figure, 0, policies.at(i), policyColor(policies.at(i)), points, true);
        addToLegend(figure, graph);
    }

    QCPAxis* x = figure.x(0);
    x->setScaleType(QCPAxis::stLogarithmic);
    if (deadlines.size() <= 16) {
        QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
        for (const double d : deadlines) {
            ticker->addTick(d, numberLabel(d));
        }
        ticker->setSubTickCount(0);
        x->setTicker(ticker);
        x->setSubTicks(false);
    } else {
        x->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
    }
    if (!deadlines.isEmpty()) {
        x->setRange(deadlines.front() / 1.35, deadlines.back() * 1.35);
    }
    x->setLabel(QStringLiteral("request deadline (ms, log scale)"));
    setRateAxis(figure.y(0), hitRate ? kHitRateLabel : kEffectiveAccuracyLabel);

    figure.caption->setText(QStringLiteral("Every policy at fixed deadlines: %1 per point; %2 "
                                           "(deadline_sweep.csv)")
                                .arg(groups.seedsPhrase(), kErrorBarNote));
}

void buildAblationPlot(QCustomPlot& plot, const QString& dimension,
                       const std::vector<AblationRow>& rows) {
    QStringList values;
    for (const AblationRow& row : rows) {
        if (!values.contains(row.value)) {
            values.append(row.value);
        }
    }
    const bool numeric =
        !values.isEmpty() && std::all_of(values.begin(), values.end(), [](const QString& v) {
            bool ok = false;
            v.toDouble(&ok);
            return ok;
        });
    if (numeric) {
        std::stable_sort(values.begin(), values.end(), [](const QString& a, const QString& b) {
            return a.toDouble() < b.toDouble();
        });
    }
    const QStringList policies = policiesOf(rows);
    ReplicateGroups accuracy;
    ReplicateGroups hits;
    for (const AblationRow& row : rows) {
        accuracy.add({row.run.policy, row.value}, row.run.effectiveAccuracy);
        hits.add({row.run.policy, row.value}, row.run.hitRate);
    }

    QString label = dimension;
    label.replace(u'_', u' ');
    const QHash<QString, QString> axisTitles{
        {QStringLiteral("batch_size"), QStringLiteral("batch size (requests per forward pass)")},
        {QStringLiteral("model_size"), QStringLiteral("model variant")},
        {QStringLiteral("quantization"), QStringLiteral("precision")},
        {QStringLiteral("device"), QStringLiteral("device (cpu:1 one thread, cpu:N all cores)")},
        {QStringLiteral("cascade_threshold"), QStringLiteral("cascade confidence threshold θ")}};
    Figure figure =
        startFigure(plot, QStringLiteral("Ablation: %1").arg(label), 1, 2,
                    {QStringLiteral("Effective accuracy"), QStringLiteral("Deadline hit rate")});

    const double step = policies.size() > 1 ? std::min(0.1, 0.5 / policies.size()) : 0.0;
    for (std::size_t panel = 0; panel < 2; ++panel) {
        const ReplicateGroups& groups = panel == 0 ? accuracy : hits;
        for (qsizetype i = 0; i < policies.size(); ++i) {
            SeriesPoints points;
            for (qsizetype v = 0; v < values.size(); ++v) {
                points.add(static_cast<double>(v + 1) + spread(i, policies.size(), step),
                           groups.summary({policies.at(i), values.at(v)}));
            }
            QCPGraph* graph = addMeanSeries(figure, panel, policies.at(i),
                                            policyColor(policies.at(i)), points, numeric);
            if (panel == 0) {
                addToLegend(figure, graph);
            }
        }
        setCategoryAxis(figure.x(panel), values, axisTitles.value(dimension, label));
        setRateAxis(figure.y(panel), panel == 0 ? kEffectiveAccuracyLabel : kHitRateLabel);
    }
    figure.caption->setText(
        QStringLiteral("Each policy with the %1 held at each value: %2 per point; "
                       "%3 (ablation/%4.csv)")
            .arg(label, accuracy.seedsPhrase(), kErrorBarNote, dimension));
}

void buildWorkloadComparisonPlot(QCustomPlot& plot, const std::vector<ResultRow>& rows) {
    QStringList workloads;
    QStringList deadlineSets;
    ReplicateGroups groups;
    for (const ResultRow& row : rows) {
        if (!workloads.contains(row.workload)) {
            workloads.append(row.workload);
        }
        if (!deadlineSets.contains(row.deadlineSet)) {
            deadlineSets.append(row.deadlineSet);
        }
        groups.add({row.policy, row.workload, row.deadlineSet}, row.effectiveAccuracy);
    }
    const QStringList policies = policiesOf(rows);
    const int panels = std::max<int>(1, static_cast<int>(deadlineSets.size()));
    // More than four workload groups (several tasks) need the whole width: one panel per row.
    const int columns = workloads.size() > 4 ? 1 : std::min(panels, 3);
    const int panelRows = (panels + columns - 1) / columns;
    QStringList panelTitles;
    for (const QString& set : deadlineSets) {
        panelTitles.append(QStringLiteral("Deadline set: %1").arg(set));
    }
    Figure figure = startFigure(plot, QStringLiteral("Effective accuracy per workload and policy"),
                                panelRows, columns, panelTitles);

    const double groupWidth = 0.8;
    const double barWidth = groupWidth / std::max<qsizetype>(1, policies.size());
    for (qsizetype s = 0; s < deadlineSets.size(); ++s) {
        const auto panel = static_cast<std::size_t>(s);
        for (qsizetype i = 0; i < policies.size(); ++i) {
            SeriesPoints points;
            for (qsizetype w = 0; w < workloads.size(); ++w) {
                points.add(static_cast<double>(w + 1) + spread(i, policies.size(), barWidth),
                           groups.summary({policies.at(i), workloads.at(w), deadlineSets.at(s)}));
            }
            const QColor color = policyColor(policies.at(i));
            QCPBars* bars = addMeanBars(figure, panel, policies.at(i), QPen(color.darker(130), 1),
                                        QBrush(color), barWidth * 0.92, points);
            if (s == 0) {
                addToLegend(figure, bars);
            }
        }
        setCategoryAxis(figure.x(panel), workloads, QStringLiteral("workload"));
        // Stacked panels are short: the long label would run past them.
        setRateAxis(figure.y(panel),
                    panelRows > 2 ? QStringLiteral("effective accuracy") : kEffectiveAccuracyLabel,
                    RateFloor::Zero);
    }
    // Panels of a last, partly filled row stay empty; hide their axes.
    for (std::size_t p = static_cast<std::size_t>(deadlineSets.size()); p < figure.panels.size();
         ++p) {
        figure.panels[p]->setVisible(false);
    }
    figure.caption->setText(QStringLiteral("Bars: %1 of each policy, workload and deadline set; %2 "
                                           "(all_results.csv)")
                                .arg(groups.seedsPhrase(), kErrorBarNote));
}

void buildFailureAnalysisPlot(QCustomPlot& plot, const std::vector<FailureAnalysisRow>& rows) {
    QStringList scenarios;
    for (const QString& scenario : failureScenarios()) {
        if (std::any_of(rows.begin(), rows.end(),
                        [&](const FailureAnalysisRow& r) { return r.scenario == scenario; })) {
            scenarios.append(scenario);
        }
    }
    const QStringList policies = policiesOf(rows);
    // Where no deadline can be met, hit rate and effective accuracy are 0 for everyone: that
    // scenario shows how late the answers came and how many of them were right.
    const QString impossible = QStringLiteral("impossible_deadline");
    const bool lateness = std::any_of(rows.begin(), rows.end(), [&](const FailureAnalysisRow& r) {
        return r.scenario == impossible && !std::isnan(r.lateMedianMs);
    });
    const auto showsLateness = [&](const QString& scenario) {
        return lateness && scenario == impossible;
    };
    ReplicateGroups hits;
    ReplicateGroups accuracy;
    for (const FailureAnalysisRow& row : rows) {
        const QStringList key{row.scenario, row.run.policy, row.handlerOn ? "on" : "off"};
        if (!showsLateness(row.scenario)) {
            hits.add(key, row.run.hitRate);
            accuracy.add(key, row.run.effectiveAccuracy);
        } else if (!std::isnan(row.lateMedianMs)) {
            hits.add(key, row.lateMedianMs);
            accuracy.add(key, row.lateAccuracy);
        }
    }
    // A run of several tasks names each policy "task:policy": a row of panels per scenario and
    // task, with the bare policy names on the x axis (short enough to stand upright).
    QStringList tasks;
    QStringList names;
    for (const QString& policy : policies) {
        const qsizetype colon = policy.indexOf(u':');
        const QString task = colon < 0 ? QString() : policy.left(colon);
        if (!tasks.contains(task)) {
            tasks.append(task);
        }
        const QString name = colon < 0 ? policy : policy.mid(colon + 1);
        if (!names.contains(name)) {
            names.append(name);
        }
    }
    names = orderedPolicies(names);
    const auto fullName = [](const QString& task, const QString& name) {
        return task.isEmpty() ? name : QStringLiteral("%1:%2").arg(task, name);
    };
    // A row per scenario (and task), a column per metric: wide panels leave room for the names.
    constexpr int kMetrics = 2;
    QStringList panelTitles;
    for (const QString& name : scenarios) {
        QString scenario = name;
        scenario.replace(u'_', u' ');
        for (const QString& task : tasks) {
            const QString what =
                task.isEmpty() ? scenario : QStringLiteral("%1, %2").arg(task, scenario);
            if (showsLateness(name)) {
                panelTitles.append(QStringLiteral("%1: median lateness").arg(what));
                panelTitles.append(QStringLiteral("%1: accuracy of late answers").arg(what));
            } else {
                panelTitles.append(QStringLiteral("%1: hit rate").arg(what));
                panelTitles.append(QStringLiteral("%1: effective accuracy").arg(what));
            }
        }
    }
    const auto taskCount = static_cast<qsizetype>(tasks.size());
    Figure figure = startFigure(
        plot, QStringLiteral("Failure analysis: graceful degradation on vs off"),
        std::max<int>(1, static_cast<int>(scenarios.size() * taskCount)), kMetrics, panelTitles);

    const double barWidth = 0.36;
    for (int metric = 0; metric < kMetrics; ++metric) {
        const ReplicateGroups& groups = metric == 0 ? hits : accuracy;
        for (qsizetype row = 0; row < scenarios.size() * taskCount; ++row) {
            const qsizetype s = row / taskCount;
            const QString& task = tasks.at(row % taskCount);
            const auto panel = static_cast<std::size_t>(row * kMetrics + metric);
            if (panel == 0) {
                // Legend-only entries: the fill says on or off, the x axis says which policy.
                const QColor neutral(0x70, 0x70, 0x70);
                for (const bool on : {true, false}) {
                    auto* sample = new QCPBars(figure.x(panel), figure.y(panel));
                    sample->setName(on ? QStringLiteral("handler on")
                                       : QStringLiteral("handler off"));
                    sample->setPen(QPen(neutral, 1.2));
                    sample->setBrush(on ? QBrush(neutral) : QBrush(neutral, Qt::BDiagPattern));
                    addToLegend(figure, sample);
                }
            }
            for (qsizetype i = 0; i < names.size(); ++i) {
                const QString policy = fullName(task, names.at(i));
                const QColor color = policyColor(names.at(i));
                for (const bool on : {true, false}) {
                    SeriesPoints points;
                    points.add(static_cast<double>(i + 1) + (on ? -0.5 : 0.5) * (barWidth + 0.02),
                               groups.summary({scenarios.at(s), policy, on ? "on" : "off"}));
                    addMeanBars(figure, panel,
                                QStringLiteral("%1, handler %2").arg(policy, on ? "on" : "off"),
                                QPen(color.darker(120), 1.2),
                                on ? QBrush(color) : QBrush(color, Qt::BDiagPattern), barWidth,
                                points);
                }
            }
            setCategoryAxis(figure.x(panel), names, QStringLiteral("policy"));
            // The panel title names the metric; a short label fits the short panel.
            if (showsLateness(scenarios.at(s)) && metric == 0) {
                figure.y(panel)->setLabel(QStringLiteral("ms past the deadline"));
                figure.y(panel)->rescale();
                figure.y(panel)->setRange(0.0, 1.15 * figure.y(panel)->range().upper);
            } else {
                setRateAxis(figure.y(panel),
                            showsLateness(scenarios.at(s))
                                ? QStringLiteral("fraction of late answers")
                                : QStringLiteral("fraction of requests"),
                            RateFloor::Zero);
            }
        }
    }
    figure.caption->setText(
        QStringLiteral(
            "Each scenario with only its own rule on or off: %1 per bar; %2 (failure_analysis.csv)")
            .arg(hits.seedsPhrase(), kErrorBarNote));
}

// ---- Fidelity ----

void buildFidelityPlot(QCustomPlot& plot, const std::vector<FidelityRow>& rows) {
    QStringList names;
    std::vector<double> scales;
    for (const FidelityRow& row : rows) {
        if (!names.contains(row.policy)) {
            names.append(row.policy);
        }
        if (std::find(scales.begin(), scales.end(), row.rateScale) == scales.end()) {
            scales.push_back(row.rateScale);
        }
    }
    std::sort(scales.begin(), scales.end());
    const bool calibrated = std::any_of(rows.begin(), rows.end(),
                                        [](const FidelityRow& r) { return r.speedRatio != 1.0; });
    const QStringList policies = orderedPolicies(names);
    Figure figure =
        startFigure(plot, QStringLiteral("Simulated vs live serving, same traces"), 1, 2,
                    {QStringLiteral("hit rate"), QStringLiteral("effective accuracy")});
    const QCPScatterStyle::ScatterShape shapes[] = {
        QCPScatterStyle::ssDisc, QCPScatterStyle::ssTriangle, QCPScatterStyle::ssSquare,
        QCPScatterStyle::ssDiamond, QCPScatterStyle::ssCross};
    constexpr double kBandPp = 2.0;
    for (std::size_t panel = 0; panel < 2; ++panel) {
        // y = x and the ±2 point band, behind the points.
        for (const double offset : {0.0, -kBandPp / 100.0, kBandPp / 100.0}) {
            QCPGraph* line = plot.addGraph(figure.x(panel), figure.y(panel));
            line->setName(offset == 0.0 ? QStringLiteral("live = simulated")
                                        : QStringLiteral("±%1 points").arg(kBandPp));
            line->setPen(offset == 0.0 ? QPen(Qt::black, 1.2)
                                       : QPen(QColor(0x80, 0x80, 0x80), 1.0, Qt::DashLine));
            line->setData(QVector<double>{0.0, 1.0}, QVector<double>{offset, 1.0 + offset}, true);
            if (panel == 0 && offset >= 0.0) {
                addToLegend(figure, line);
            }
        }
        for (const QString& policy : policies) {
            for (std::size_t k = 0; k < scales.size(); ++k) {
                QVector<double> xs;
                QVector<double> ys;
                for (const FidelityRow& row : rows) {
                    if (row.policy == policy && row.rateScale == scales[k]) {
                        xs.append(panel == 0 ? row.simulatedHitRate
                                             : row.simulatedEffectiveAccuracy);
                        ys.append(panel == 0 ? row.liveHitRate : row.liveEffectiveAccuracy);
                    }
                }
                if (xs.isEmpty()) {
                    continue;
                }
                const QColor color = policyColor(policy);
                QCPGraph* graph = plot.addGraph(figure.x(panel), figure.y(panel));
                graph->setName(QStringLiteral("%1 ×%2").arg(policy, numberLabel(scales[k])));
                graph->setLineStyle(QCPGraph::lsNone);
                graph->setScatterStyle(QCPScatterStyle(shapes[std::min<std::size_t>(k, 4)],
                                                       QPen(color, 1.5), QBrush(color), 9));
                graph->setData(xs, ys);
                if (panel == 0) {
                    addToLegend(figure, graph);
                }
                if (!calibrated) {
                    continue;
                }
                // Hollow: simulated at the speed the machine served at before the replay.
                QVector<double> atSpeed;
                for (const FidelityRow& row : rows) {
                    if (row.policy == policy && row.rateScale == scales[k]) {
                        atSpeed.append(panel == 0 ? row.simulatedAtSpeedHitRate
                                                  : row.simulatedAtSpeedEffectiveAccuracy);
                    }
                }
                QCPGraph* hollow = plot.addGraph(figure.x(panel), figure.y(panel));
                hollow->setName(QStringLiteral("%1 ×%2 at the measured speed")
                                    .arg(policy, numberLabel(scales[k])));
                hollow->setLineStyle(QCPGraph::lsNone);
                // A disc is filled with its pen whatever the brush: its hollow twin is a circle.
                const QCPScatterStyle::ScatterShape shape = shapes[std::min<std::size_t>(k, 4)];
                hollow->setScatterStyle(QCPScatterStyle(
                    shape == QCPScatterStyle::ssDisc ? QCPScatterStyle::ssCircle : shape,
                    QPen(color, 1.5), QBrush(Qt::white), 9));
                hollow->setData(atSpeed, ys);
            }
        }
        const QString what =
            panel == 0 ? QStringLiteral("hit rate") : QStringLiteral("effective accuracy");
        setRateAxis(figure.x(panel), QStringLiteral("simulated %1").arg(what), RateFloor::Zero);
        setRateAxis(figure.y(panel), QStringLiteral("live %1").arg(what), RateFloor::Zero);
    }
    int within = 0;
    int withinAtSpeed = 0;
    double slowest = 0.0;
    double fastest = std::numeric_limits<double>::infinity();
    for (const FidelityRow& row : rows) {
        within += std::abs(row.hitRateGapPp()) <= kBandPp &&
                  std::abs(row.effectiveAccuracyGapPp()) <= kBandPp;
        withinAtSpeed += std::abs(row.hitRateGapAtSpeedPp()) <= kBandPp &&
                         std::abs(row.effectiveAccuracyGapAtSpeedPp()) <= kBandPp;
        slowest = std::max(slowest, row.speedRatio);
        fastest = std::min(fastest, row.speedRatio);
    }
    QString caption = QStringLiteral(
                          "One point per replay (workload, deadline set; ×: the workload's rates "
                          "scaled); simulated: mean over %1 service-time draws. %2 of %3 runs "
                          "within ±%4 points on both")
                          .arg(rows.empty() ? 0 : rows.front().draws)
                          .arg(within)
                          .arg(rows.size())
                          .arg(kBandPp);
    if (calibrated) {
        caption += QStringLiteral(
                       ".\nHollow: simulated at the speed measured before each replay "
                       "(×%1–%2 the profiled time), %3 of %4 within")
                       .arg(QString::number(fastest, 'f', 2), QString::number(slowest, 'f', 2))
                       .arg(withinAtSpeed)
                       .arg(rows.size());
    }
    figure.caption->setText(caption + QStringLiteral(" (fidelity.csv)"));
}

void buildPolicyMetricPlot(QCustomPlot& plot, const std::vector<ResultRow>& rows,
                           const QString& metric, const QString& subtitle) {
    const QStringList policies = policiesOf(rows);
    ReplicateGroups groups;
    bool isRate = false;
    for (const ResultMetric& m : resultMetrics()) {
        isRate = isRate || (metric == QLatin1String(m.name) && m.isRate);
    }
    for (const ResultRow& row : rows) {
        groups.add({row.policy}, row.metric(metric));
    }
    QString label = metric;
    label.replace(u'_', u' ');
    Figure figure = startFigure(plot, QStringLiteral("%1 per policy").arg(label), 1, 1, {});
    double high = 0.0;
    int fewest = std::numeric_limits<int>::max();
    int most = 0;
    for (qsizetype i = 0; i < policies.size(); ++i) {
        SeriesPoints points;
        const ReplicateSummary s = groups.summary({policies.at(i)});
        fewest = std::min(fewest, s.n);
        most = std::max(most, s.n);
        points.add(static_cast<double>(i + 1), s);
        if (std::isfinite(s.mean)) {
            high =
                std::max(high, s.mean + (std::isfinite(s.ci95HalfWidth) ? s.ci95HalfWidth : 0.0));
        }
        const QColor color = policyColor(policies.at(i));
        // The axis names each bar's policy: no legend.
        addMeanBars(figure, 0, policies.at(i), QPen(color.darker(130), 1), QBrush(color), 0.7,
                    points);
    }
    const QString runsPhrase =
        fewest == most ? QString::number(most) : QStringLiteral("%1–%2").arg(fewest).arg(most);
    setCategoryAxis(figure.x(0), policies, QStringLiteral("policy"));
    // An empty legend would cap the layout's width at its own (its maximum size is its
    // margins): take it out.
    plot.plotLayout()->remove(figure.legend);
    plot.legend = nullptr;
    plot.plotLayout()->simplify();
    if (isRate) {
        setRateAxis(figure.y(0), label, RateFloor::Zero);
    } else {
        figure.y(0)->setLabel(metric.endsWith(QStringLiteral("_ms"))
                                  ? QStringLiteral("%1 (ms)").arg(label)
                                  : QStringLiteral("%1 (USD)").arg(label));
        figure.y(0)->setRange(0.0, high > 0.0 ? high * 1.1 : 1.0);
    }
    // Pooled over conditions a bar averages runs of different conditions, not only seeds.
    figure.caption->setText(
        QStringLiteral("Bars: mean over the %1 runs of each policy%2; %3")
            .arg(runsPhrase, subtitle.isEmpty() ? QString() : QStringLiteral(", ") + subtitle,
                 kErrorBarNote));
}

void buildRequestTimelinePlot(QCustomPlot& plot, const SimulationResult& run,
                              const std::vector<TimelineWindow>& windows) {
    Figure figure = startFigure(plot,
                                QStringLiteral("Requests of %1 on %2, %3, seed %4")
                                    .arg(run.policy, run.labels.workload, run.labels.deadlineSet)
                                    .arg(run.labels.seed),
                                1, 1, {});
    enum Kind { Hit, Miss, Fallback, Unanswered };
    const std::array<QString, 4> names{QStringLiteral("hit"), QStringLiteral("miss (late)"),
                                       QStringLiteral("fallback"),
                                       QStringLiteral("unanswered (top row)")};
    const std::array<QColor, 4> colors{QColor(0x1B, 0x9E, 0x77), QColor(0xD9, 0x5F, 0x02),
                                       QColor(0x75, 0x70, 0xB3), QColor(0x60, 0x60, 0x60)};
    std::array<QVector<double>, 4> xs;
    std::array<QVector<double>, 4> ys;
    double lowest = std::numeric_limits<double>::infinity();
    double highest = 0.0;
    double lastArrival = 0.0;
    for (const RequestRecord& r : run.records) {
        lastArrival = std::max(lastArrival, r.arrivalMs);
        if (r.answered && std::isfinite(r.latencyMs())) {
            lowest = std::min(lowest, r.latencyMs());
            highest = std::max(highest, r.latencyMs());
        }
    }
    const bool logScale = std::isfinite(lowest) && lowest > 0.0;
    const double top = highest > 0.0 ? highest * (logScale ? 2.0 : 1.1) : 1.0;
    std::array<int, 4> counts{};
    for (const RequestRecord& r : run.records) {
        const Kind kind = !r.answered ? Unanswered : r.fallback ? Fallback : r.hit ? Hit : Miss;
        xs[kind].append(r.arrivalMs / 1000.0);
        ys[kind].append(kind == Unanswered ? top : r.latencyMs());
        ++counts[kind];
    }
    for (const TimelineWindow& w : windows) {
        auto* band = new QCPItemRect(&plot);
        band->setClipAxisRect(figure.panels.front());
        band->topLeft->setAxes(figure.x(0), figure.y(0));
        band->bottomRight->setAxes(figure.x(0), figure.y(0));
        band->topLeft->setTypeX(QCPItemPosition::ptPlotCoords);
        band->bottomRight->setTypeX(QCPItemPosition::ptPlotCoords);
        band->topLeft->setTypeY(QCPItemPosition::ptAxisRectRatio);
        band->bottomRight->setTypeY(QCPItemPosition::ptAxisRectRatio);
        band->topLeft->setAxisRect(figure.panels.front());
        band->bottomRight->setAxisRect(figure.panels.front());
        band->topLeft->setCoords(w.fromMs / 1000.0, 0.0);
        band->bottomRight->setCoords(w.toMs / 1000.0, 1.0);
        QColor fill = w.color;
        fill.setAlpha(60);
        band->setBrush(fill);
        band->setPen(Qt::NoPen);
        band->setLayer(QStringLiteral("background"));
        // The band's name in the legend: an empty bar plottable of its colour.
        auto* key = new QCPBars(figure.x(0), figure.y(0));
        key->setName(w.label);
        key->setBrush(fill);
        key->setPen(QPen(w.color, 1));
        addToLegend(figure, key);
    }
    for (int k = Hit; k <= Unanswered; ++k) {
        QCPGraph* graph = plot.addGraph(figure.x(0), figure.y(0));
        graph->setName(QStringLiteral("%1 (%2)").arg(names.at(k)).arg(counts.at(k)));
        graph->setLineStyle(QCPGraph::lsNone);
        graph->setScatterStyle(
            QCPScatterStyle(k == Unanswered ? QCPScatterStyle::ssCross : QCPScatterStyle::ssDisc,
                            colors.at(k), k == Unanswered ? 6 : 4));
        graph->setData(xs.at(k), ys.at(k), true);
        addToLegend(figure, graph);
    }
    figure.x(0)->setLabel(QStringLiteral("arrival time (s)"));
    figure.x(0)->setRange(0.0, std::max(lastArrival / 1000.0, 1e-3) * 1.02);
    QCPAxis* y = figure.y(0);
    if (logScale) {
        setLogOrLinear(y, lowest, top);
        y->setLabel(QStringLiteral("latency (ms, log scale)"));
    } else {
        y->setRange(0.0, top * 1.05);
        y->setLabel(QStringLiteral("latency (ms)"));
    }
    figure.caption->setText(
        QStringLiteral("One point per request (requests.csv): %1 requests; shaded: %2")
            .arg(run.records.size())
            .arg(windows.empty() ? QStringLiteral("no failure window or spike in this run")
                                 : QStringLiteral("the run's failure window and load spike")));
}

}  // namespace aip
