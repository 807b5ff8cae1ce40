#include "cascadepanel.h"

#include "common/error.h"
#include "pagewidgets.h"
#include "planning/plannertables.h"
#include "plots/customplot.h"
#include "rowtableview.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QSlider>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace aip {

namespace {

QString percentText(double fraction) {
    return QStringLiteral("%1%").arg(QString::number(100.0 * fraction, 'f', 2));
}

}  // namespace

CascadeExampleModel::CascadeExampleModel(QObject* parent) : QAbstractTableModel(parent) {}

void CascadeExampleModel::setExamples(std::vector<CascadeExample> examples) {
    beginResetModel();
    m_examples = std::move(examples);
    endResetModel();
}

void CascadeExampleModel::setTheta(double theta) {
    if (theta == m_theta) {
        return;
    }
    m_theta = theta;
    if (!m_examples.empty()) {
        Q_EMIT dataChanged(index(0, Escalated), index(rowCount() - 1, Correct));
    }
}

int CascadeExampleModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_examples.size());
}

int CascadeExampleModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CascadeExampleModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const CascadeExample& e = m_examples[static_cast<std::size_t>(index.row())];
    const bool escalated = e.escalated(m_theta);
    const bool correct = e.correct(m_theta);
    if (role == ValueRole) {
        switch (index.column()) {
            case Example:
                return QVariant::fromValue<qlonglong>(e.index);
            case Label:
                return e.label;
            case Confidence1:
                return double(e.confidence1);
            case Answer1:
                return e.predicted1;
            case Escalated:
                return escalated;
            case Answer2:
                return e.predicted2;
            case Answer:
                return escalated ? e.predicted2 : e.predicted1;
            case Correct:
                return correct;
            default:
                return {};
        }
    }
    if (role == Qt::DisplayRole) {
        const auto mark = [](int answer, bool right) {
            return right ? QString::number(answer) : tr("%1 ✗").arg(answer);
        };
        switch (index.column()) {
            case Example:
                return QString::number(e.index);
            case Label:
                return QString::number(e.label);
            case Confidence1:
                return QString::number(e.confidence1, 'f', 4);
            case Answer1:
                return mark(e.predicted1, e.correct1);
            case Escalated:
                return escalated ? tr("yes") : tr("no");
            case Answer2:
                return mark(e.predicted2, e.correct2);
            case Answer:
                return escalated ? tr("%1 (stage 2)").arg(e.predicted2)
                                 : tr("%1 (stage 1)").arg(e.predicted1);
            case Correct:
                return correct ? tr("right") : tr("wrong");
            default:
                return {};
        }
    }
    if (role == Qt::ForegroundRole) {
        if (index.column() == Correct) {
            return QColor(correct ? 0x2a7040 : 0xb03020);
        }
        if (index.column() == Answer2 && !escalated) {
            return QColor(Qt::gray);  // computed, but not the cascade's answer at this θ
        }
    }
    if (role == Qt::TextAlignmentRole && index.column() != Answer) {
        return int(Qt::AlignRight | Qt::AlignVCenter);
    }
    return {};
}

QVariant CascadeExampleModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if ((role != Qt::DisplayRole && role != Qt::ToolTipRole) || orientation != Qt::Horizontal) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    // Two lines in the header keep the table narrow; the tooltip says it in one.
    const auto twoLines = [role](QString text) {
        return role == Qt::DisplayRole ? text : text.replace(u'\n', u' ');
    };
    switch (section) {
        case Example:
            return tr("Example");
        case Label:
            return tr("Label");
        case Confidence1:
            return twoLines(tr("Stage-1\nconfidence"));
        case Answer1:
            return twoLines(tr("Stage-1\nanswer"));
        case Escalated:
            return tr("Escalated");
        case Answer2:
            return twoLines(tr("Stage-2\nanswer"));
        case Answer:
            return twoLines(tr("Cascade\nanswer"));
        case Correct:
            return tr("Correct");
        default:
            return {};
    }
}

CascadePanel::CascadePanel(QWidget* parent)
    : QWidget(parent),
      m_cascade(new QComboBox(this)),
      m_slider(new QSlider(Qt::Horizontal, this)),
      m_thetaBox(new QDoubleSpinBox(this)),
      m_message(createProblemLabel(QStringLiteral("cascadeMessage"), this)),
      m_summary(new QLabel(this)),
      m_model(new CascadeExampleModel(this)),
      m_view(createSortedRowTableView(QStringLiteral("cascadeExamples"), m_model,
                                      CascadeExampleModel::ValueRole, this)),
      m_plot(new QCustomPlot(this)) {
    setObjectName(QStringLiteral("cascadePanel"));
    m_cascade->setObjectName(QStringLiteral("cascadeBox"));
    m_cascade->setToolTip(tr("Stage 1 → stage 2: the cascades of models.yaml the tables hold"));
    m_slider->setObjectName(QStringLiteral("thetaSlider"));
    m_slider->setRange(0, kThetaSteps);
    m_slider->setToolTip(tr("θ: an example escalates to stage 2 when stage 1's confidence < θ"));
    m_thetaBox->setObjectName(QStringLiteral("thetaSpinBox"));
    m_thetaBox->setRange(0.0, 1.0);
    m_thetaBox->setDecimals(3);
    m_thetaBox->setSingleStep(0.01);
    m_thetaBox->setKeyboardTracking(false);
    m_summary->setObjectName(QStringLiteral("cascadeSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_plot->setObjectName(QStringLiteral("cascadeCurve"));
    m_plot->setMinimumHeight(220);
    m_accuracyGraph = m_plot->addGraph();
    m_accuracyGraph->setName(tr("cascade accuracy"));
    m_accuracyGraph->setPen(QPen(QColor(0x1B, 0x9E, 0x77), 2));
    m_escalationGraph = m_plot->addGraph();
    m_escalationGraph->setName(tr("escalation rate"));
    m_escalationGraph->setPen(QPen(QColor(0xD9, 0x5F, 0x02), 2, Qt::DashLine));
    m_gridGraph = m_plot->addGraph();
    m_gridGraph->setName(tr("θ the planner chooses from"));
    m_gridGraph->setLineStyle(QCPGraph::lsNone);
    m_gridGraph->setScatterStyle(
        QCPScatterStyle(QCPScatterStyle::ssDiamond, QColor(0x1B, 0x9E, 0x77), 8));
    m_marker = new QCPItemStraightLine(m_plot);
    m_marker->setPen(QPen(Qt::black, 1, Qt::DotLine));
    m_plot->xAxis->setLabel(tr("θ (escalate when conf₁ < θ)"));
    m_plot->yAxis->setLabel(tr("share of test examples"));
    m_plot->xAxis->setRange(0.0, 1.0);
    m_plot->yAxis->setRange(0.0, 1.02);  // both are shares; 1 stays visible
    // The legend below the axes: inside them it hid the curves.
    m_plot->legend->setVisible(true);
    m_plot->axisRect()->insetLayout()->take(m_plot->legend);
    m_plot->plotLayout()->addElement(1, 0, m_plot->legend);
    m_plot->plotLayout()->setRowStretchFactor(1, 0.001);
    m_plot->legend->setBorderPen(Qt::NoPen);

    auto* controls = new QHBoxLayout;
    auto* cascadeLabel = new QLabel(tr("Cascade:"), this);
    cascadeLabel->setBuddy(m_cascade);
    controls->addWidget(cascadeLabel);
    controls->addWidget(m_cascade);
    controls->addSpacing(12);
    auto* thetaLabel = new QLabel(tr("θ:"), this);
    thetaLabel->setBuddy(m_thetaBox);
    controls->addWidget(thetaLabel);
    controls->addWidget(m_slider, 1);
    controls->addWidget(m_thetaBox);

    auto* split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(createTitledBox(tr("Test-half examples at θ"), m_view, this));
    split->addWidget(createTitledBox(tr("Accuracy and escalation rate over θ"), m_plot, this));
    // The table has eight columns; the curve reads well narrower.
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_message);
    layout->addLayout(controls);
    layout->addWidget(m_summary);
    layout->addWidget(split, 1);

    connect(m_slider, &QSlider::valueChanged, this, [this](int position) {
        const QSignalBlocker block(m_thetaBox);
        m_thetaBox->setValue(double(position) / kThetaSteps);
        showTheta();
    });
    connect(m_thetaBox, &QDoubleSpinBox::valueChanged, this, [this](double theta) {
        const QSignalBlocker block(m_slider);
        m_slider->setValue(static_cast<int>(std::lround(theta * kThetaSteps)));
        showTheta();
    });
    connect(m_cascade, &QComboBox::currentIndexChanged, this, &CascadePanel::showCascade);
    setTheta(0.8);
    setTables(nullptr, QString());
}

CascadePanel::~CascadePanel() = default;

double CascadePanel::theta() const {
    return m_thetaBox->value();
}

void CascadePanel::setTheta(double theta) {
    m_thetaBox->setValue(theta);  // moves the slider too
}

QString CascadePanel::message() const {
    return m_message->text();
}

QString CascadePanel::summaryText() const {
    return m_summary->text();
}

double CascadePanel::markedTheta() const {
    return m_marker->point1->coords().x();
}

std::vector<double> CascadePanel::plannedThetas() const {
    std::vector<double> thetas;
    const int chosen = m_cascade->currentIndex();
    if (!m_tables || chosen < 0 || chosen >= static_cast<int>(m_pairs.size())) {
        return thetas;
    }
    const CascadePair& pair = m_pairs[static_cast<std::size_t>(chosen)];
    for (const ConfigEntry& e : m_tables->table(m_task).entries()) {
        if (e.cascade && e.variant1 == pair.variant1 && e.variant2 == pair.variant2 &&
            std::find(thetas.begin(), thetas.end(), e.threshold) == thetas.end()) {
            thetas.push_back(e.threshold);
        }
    }
    std::sort(thetas.begin(), thetas.end());
    return thetas;
}

void CascadePanel::setTables(std::shared_ptr<const PlannerTables> tables, const QString& task) {
    m_tables = std::move(tables);
    m_task = task;
    m_pairs.clear();
    if (m_tables && !task.isEmpty()) {
        m_pairs = cascadePairs(m_tables->table(task));
    }
    const QString previous = m_cascade->currentText();
    {
        const QSignalBlocker block(m_cascade);
        m_cascade->clear();
        for (const CascadePair& pair : m_pairs) {
            m_cascade->addItem(pair.name);
        }
        m_cascade->setCurrentIndex(std::max(0, m_cascade->findText(previous)));
    }
    showCascade();
}

void CascadePanel::showCascade() {
    const int chosen = m_cascade->currentIndex();
    QString problem;
    std::vector<CascadeExample> examples;
    if (!m_tables) {
        problem = tr("No profiles loaded.");
    } else if (m_pairs.empty()) {
        problem = tr("The tables of %1 hold no cascade: models.yaml lists none for this task, or "
                     "the profiles lack one of its stages (see the notes of the planner's "
                     "tables).")
                      .arg(m_task);
    } else if (chosen >= 0) {
        try {
            examples = cascadeExamples(m_tables->table(m_task), m_tables->accuracy(),
                                       m_pairs[static_cast<std::size_t>(chosen)]);
        } catch (const Error& e) {
            problem = tr("Cannot show the cascade: %1").arg(e.message());
        }
    }
    setProblemText(m_message, problem);
    for (QWidget* control : {static_cast<QWidget*>(m_cascade), static_cast<QWidget*>(m_slider),
                             static_cast<QWidget*>(m_thetaBox)}) {
        control->setEnabled(!examples.empty());
    }
    m_curve = cascadeCurve(examples, kThetaSteps / 10);
    QVector<double> thetas;
    QVector<double> accuracy;
    QVector<double> escalation;
    for (const CascadeCounts& o : m_curve) {
        thetas << o.theta;
        accuracy << o.accuracy();
        escalation << o.escalationRate();
    }
    if (examples.empty()) {
        thetas.clear();
        accuracy.clear();
        escalation.clear();
    }
    QVector<double> gridThetas;
    QVector<double> gridAccuracy;
    if (!examples.empty()) {
        for (const double theta : plannedThetas()) {
            gridThetas << theta;
            gridAccuracy << cascadeCounts(examples, theta).accuracy();
        }
    }
    m_gridGraph->setData(gridThetas, gridAccuracy, true);
    m_accuracyGraph->setData(thetas, accuracy, true);
    m_escalationGraph->setData(thetas, escalation, true);
    m_model->setExamples(std::move(examples));
    showTheta();
}

void CascadePanel::showTheta() {
    const double theta = this->theta();
    m_model->setTheta(theta);
    m_outcome = cascadeCounts(m_model->examples(), theta);
    m_marker->point1->setCoords(theta, 0.0);
    m_marker->point2->setCoords(theta, 1.0);
    m_marker->setVisible(!m_model->examples().empty());
    if (m_model->examples().empty()) {
        m_summary->clear();
    } else {
        const CascadeCounts first = cascadeCounts(m_model->examples(), 0.0);
        const CascadeCounts second =
            cascadeCounts(m_model->examples(), std::numeric_limits<double>::infinity());
        m_summary->setText(
            tr("θ = %1: %2 of %3 test-half examples escalate (%4); the cascade answers %5 "
               "right: accuracy %6 (stage 1 alone %7, stage 2 alone %8), when stage 2 answers "
               "every escalated example in time.")
                .arg(QString::number(theta, 'f', 3))
                .arg(m_outcome.escalated)
                .arg(m_outcome.examples)
                .arg(percentText(m_outcome.escalationRate()))
                .arg(m_outcome.correct)
                .arg(percentText(m_outcome.accuracy()), percentText(first.accuracy()),
                     percentText(second.accuracy())));
    }
    m_plot->replot(QCustomPlot::rpQueuedReplot);
    Q_EMIT thetaChanged(theta);
}

}  // namespace aip
