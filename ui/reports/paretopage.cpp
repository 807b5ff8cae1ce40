#include "reports/paretopage.h"

#include "analysis/runselection.h"
#include "plots/customplot.h"
#include "plots/policypalette.h"
#include "plots/reportplots.h"
#include "reports/reporttables.h"
#include "reports/reportwidgets.h"

#include <QComboBox>
#include <QHelpEvent>
#include <QMenu>
#include <QSplitter>
#include <QTableView>
#include <QToolBar>
#include <QToolButton>
#include <QToolTip>

#include <algorithm>
#include <cmath>

namespace aip {

namespace {

constexpr double kHoverPixels = 8.0;

/// "all/all/all" for the pooled condition, else "task / workload / deadline set".
QString conditionKey(const RunCondition& c) {
    return c.isPooled() ? QString() : c.describe();
}

bool samePoint(const ParetoPoint& a, const ParetoPoint& b) {
    const auto close = [](double x, double y) {
        return std::abs(x - y) <= 1e-9 * std::max({1.0, std::abs(x), std::abs(y)});
    };
    return close(a.x, b.x) && close(a.y, b.y);
}

}  // namespace

ParetoPage::ParetoPage(JobManager* jobs, QWidget* parent)
    : ReportPage(jobs, ReportFile::AllResults | ReportFile::ParetoAnalysis,
                 QStringLiteral("paretoPage"), tr("Pareto"), parent),
      m_space(addFilterBox(toolBar(), tr("Axis"), QStringLiteral("spaceBox"))),
      m_condition(addFilterBox(toolBar(), tr("Condition"), QStringLiteral("conditionBox"))),
      m_policies(new QMenu(this)),
      m_hypervolume(new ReportTableModel(this)),
      m_hypervolumeFilter(new ReportFilterModel(this)) {
    m_space->addItem(tr("p95 latency"), paretoSpaceName(ParetoSpace::Latency));
    m_space->addItem(tr("cost per 1,000 requests"), paretoSpaceName(ParetoSpace::Cost));
    auto* policies = new QToolButton(toolBar());
    policies->setObjectName(QStringLiteral("policiesButton"));
    policies->setText(tr("Policies"));
    policies->setToolTip(tr("Choose which policies the frontiers show"));
    policies->setMenu(m_policies);
    policies->setPopupMode(QToolButton::InstantPopup);
    toolBar()->addWidget(policies);

    m_hypervolumeFilter->setSourceModel(m_hypervolume);
    m_plot = addPlot(QStringLiteral("paretoPlot"), tr("Pareto frontiers"));
    m_plot->setMouseTracking(true);
    m_plot->installEventFilter(this);
    QTableView* table =
        addTable(m_hypervolumeFilter, QStringLiteral("hypervolumeView"), tr("Hypervolume"));
    auto* content = new QSplitter(Qt::Vertical, this);
    content->addWidget(m_plot);
    content->addWidget(table);
    content->setSizes({600, 200});
    setContent(content);

    connect(m_space, &QComboBox::currentIndexChanged, this, &ParetoPage::redraw);
    connect(m_condition, &QComboBox::currentIndexChanged, this, &ParetoPage::redraw);
}

ParetoPage::~ParetoPage() = default;

ParetoSpace ParetoPage::space() const {
    return paretoSpaceFromName(m_space->currentData().toString());
}

void ParetoPage::showSnapshot() {
    const ReportSnapshot& s = snapshot();
    QStringList methods;
    QStringList conditions;
    if (s.pareto) {
        for (const ParetoAnalysisRow& row : *s.pareto) {
            if (!methods.contains(row.method)) {
                methods << row.method;
            }
        }
    }
    if (s.results) {
        for (const ResultRow& row : *s.results) {
            const QString c = conditionKey(runCondition(row));
            if (!conditions.contains(c)) {
                conditions << c;
            }
        }
    }
    QStringList hidden;
    for (const QAction* action : m_policies->actions()) {
        if (!action->isChecked()) {
            hidden << action->text();
        }
    }
    m_policies->clear();
    for (const QString& method : orderedPolicies(methods)) {
        QAction* action = m_policies->addAction(method);
        action->setCheckable(true);
        action->setChecked(!hidden.contains(method));
        connect(action, &QAction::toggled, this, &ParetoPage::redraw);
    }
    conditions.removeAll(QString());
    conditions.sort();
    fillFilterBox(m_condition, conditions, true);
    m_condition->setItemText(0, tr("(pooled)"));
    m_hypervolume->setTable(s.pareto ? hypervolumeTable(*s.pareto) : ReportTable{});
    redraw();
}

void ParetoPage::redraw() {
    const ReportSnapshot& s = snapshot();
    const QString spaceName = m_space->currentData().toString();
    const QString condition = filterValue(m_condition);
    // The table: the chosen space, the pooled rows or the chosen condition's.
    const ReportTable& table = m_hypervolume->table();
    if (table.column(QStringLiteral("space")) >= 0) {
        m_hypervolumeFilter->setColumnFilter(table.column(QStringLiteral("space")), spaceName);
        RunCondition wanted = RunCondition::pooled();
        if (s.results && !condition.isEmpty()) {
            for (const ResultRow& row : *s.results) {
                if (conditionKey(runCondition(row)) == condition) {
                    wanted = runCondition(row);
                    break;
                }
            }
        }
        m_hypervolumeFilter->setColumnFilter(table.column(QStringLiteral("task")), wanted.task);
        m_hypervolumeFilter->setColumnFilter(table.column(QStringLiteral("workload")),
                                             wanted.workload);
        m_hypervolumeFilter->setColumnFilter(table.column(QStringLiteral("deadline_set")),
                                             wanted.deadlineSet);
    }

    QStringList shown;
    for (const QAction* action : m_policies->actions()) {
        if (action->isChecked()) {
            shown << action->text();
        }
    }
    m_drawn.clear();
    if (!s.pareto) {
        clearPlot(*m_plot, tr("pareto_analysis.csv is needed for the frontiers"));
        return;
    }
    for (const ParetoAnalysisRow& row : *s.pareto) {
        const bool reference = row.kind == u"summary";
        if (row.space != spaceName || !shown.contains(row.method)) {
            continue;
        }
        if (reference || (condition.isEmpty() && row.kind == u"point")) {
            m_drawn.push_back(row);
        }
    }
    if (!condition.isEmpty()) {
        if (!s.results) {
            clearPlot(*m_plot, tr("all_results.csv is needed for the frontiers of one condition"));
            return;
        }
        const ParetoSpace sp = space();
        for (const QString& method : shown) {
            std::vector<ParetoPoint> points;
            for (const ResultRow& run : *s.results) {
                if (run.policy == method && conditionKey(runCondition(run)) == condition) {
                    const ParetoPoint p = paretoPointOf(run, sp);
                    if (std::isfinite(p.x) && std::isfinite(p.y)) {
                        points.push_back(p);
                    }
                }
            }
            for (const ParetoPoint& p : paretoFrontier(points)) {
                ParetoAnalysisRow row;
                row.method = method;
                row.space = spaceName;
                row.kind = QStringLiteral("point");
                row.x = p.x;
                row.y = p.y;
                m_drawn.push_back(row);
            }
        }
    }
    if (shown.isEmpty()) {
        clearPlot(*m_plot, tr("Every policy is hidden: choose some under Policies"));
        return;
    }
    buildParetoPlot(*m_plot, m_drawn,
                    space() == ParetoSpace::Latency ? ParetoPanels::Latency : ParetoPanels::Cost);
    showFigure(*m_plot);
}

QString ParetoPage::tooltipAt(const QPointF& pixel) const {
    const ReportSnapshot& s = snapshot();
    double best = kHoverPixels;
    const QCPGraph* nearest = nullptr;
    ParetoPoint at;
    for (int g = 0; g < m_plot->graphCount(); ++g) {
        const QCPGraph* graph = m_plot->graph(g);
        for (auto it = graph->data()->constBegin(); it != graph->data()->constEnd(); ++it) {
            const double dx = graph->keyAxis()->coordToPixel(it->key) - pixel.x();
            const double dy = graph->valueAxis()->coordToPixel(it->value) - pixel.y();
            const double distance = std::hypot(dx, dy);
            if (distance <= best) {
                best = distance;
                nearest = graph;
                at = {it->key, it->value};
            }
        }
    }
    if (nearest == nullptr) {
        return {};
    }
    const ParetoSpace sp = space();
    const QString xName = sp == ParetoSpace::Latency ? tr("p95 %1 ms") : tr("cost %1 per 1k");
    QStringList lines{QStringLiteral("<b>%1</b>: %2, effective accuracy %3")
                          .arg(nearest->name(), xName.arg(at.x, 0, 'g', 4))
                          .arg(at.y, 0, 'g', 4)};
    if (s.results) {
        const QString condition = filterValue(m_condition);
        int runs = 0;
        for (const ResultRow& run : *s.results) {
            if (run.policy != nearest->name() || !samePoint(paretoPointOf(run, sp), at) ||
                (!condition.isEmpty() && conditionKey(runCondition(run)) != condition)) {
                continue;
            }
            if (++runs <= 5) {
                lines << tr("%1: hit rate %2, accuracy %3, p95 %4 ms, cost %5 per 1k")
                             .arg(describeRun(run))
                             .arg(run.hitRate, 0, 'g', 4)
                             .arg(run.accuracy, 0, 'g', 4)
                             .arg(run.p95Ms, 0, 'g', 4)
                             .arg(run.costPer1k, 0, 'g', 4);
            }
        }
        if (runs > 5) {
            lines << tr("and %1 more runs at this point").arg(runs - 5);
        }
    }
    return lines.join(QStringLiteral("<br>"));
}

bool ParetoPage::eventFilter(QObject* watched, QEvent* event) {
    if (watched == m_plot && event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const QString text = tooltipAt(help->pos());
        if (text.isEmpty()) {
            QToolTip::hideText();
        } else {
            QToolTip::showText(help->globalPos(), text, m_plot);
        }
        return true;
    }
    return ReportPage::eventFilter(watched, event);
}

}  // namespace aip
