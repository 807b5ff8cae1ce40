// The Model zoo dock's actions: import a TorchScript file into the user's overlay, train a zoo
// model, evaluate it per precision and remove its checkpoint, each as a job that can be
// cancelled.

#include "common/error.h"
#include "config/modelsconfig.h"
#include "data/datasearchpath.h"
#include "engine/trainer.h"
#include "evaluation/evaluator.h"
#include "jobs/jobmanager.h"
#include "modelzoomodel.h"
#include "modelzoopanel.h"
#include "precisionaccuracymodel.h"
#include "zoodialogs.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace aip;

namespace {

const QString kShared = QStringLiteral(AIP_TEST_SHARED_DIR);
const QString kConfigs = QStringLiteral(AIP_TEST_SOURCE_DIR "/configs");
const QString kResNet20 =
    kShared + QStringLiteral("/models/cifar10-resnet/resnet20.torchscript.pt");

/// The row of model `id` under any task, with its task index; invalid when not listed.
QModelIndex modelRow(const ModelZooModel* model, const QString& id, int column = 0) {
    for (int t = 0; t < model->rowCount(); ++t) {
        const QModelIndex task = model->index(t, 0);
        for (int r = 0; r < model->rowCount(task); ++r) {
            if (model->index(r, 0, task).data(ModelZooModel::ModelIdRole).toString() == id) {
                return model->index(r, column, task);
            }
        }
    }
    return {};
}

QByteArray readAll(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

}  // namespace

class TestModelZoo : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void importsAGoodFileAndRejectsABadOne();
    void trainsEvaluatesAndRemovesACheckpoint();
    void trainingIsCancelled();
    void evaluationReportsUnsupportedPrecisionsAndIsCancelled();

private:
    QTemporaryDir m_work;
    QString m_previousDir;
};

void TestModelZoo::initTestCase() {
    // The user's config and data folders (overlay, checkpoints) become ~/.qttest ones.
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_work.isValid());
    qputenv("AIP_CONFIG_DIR", kConfigs.toLocal8Bit());
    qputenv(
        DataSearchPath::environmentVariable(),
        (m_work.path() + u':' + kShared + QStringLiteral("/datasets:") + kShared).toLocal8Bit());
}

void TestModelZoo::init() {
    QFile::remove(userModelsOverlayFile());
    m_previousDir = QDir::currentPath();
    QVERIFY(QDir::setCurrent(m_work.path()));
}

void TestModelZoo::cleanup() {
    QDir::setCurrent(m_previousDir);
    QFile::remove(userModelsOverlayFile());
    QDir(QDir(DataSearchPath::fromEnvironment().userDataDirectory()).filePath("checkpoints"))
        .removeRecursively();
}

void TestModelZoo::importsAGoodFileAndRejectsABadOne() {
    // Paths as a user types them: relative to the working folder, with spaces.
    QVERIFY(QDir().mkpath("my models"));
    QVERIFY(QFile::copy(kResNet20, "my models/resnet 20.pt"));
    {
        QFile bad("my models/broken model.pt");
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("this is not a TorchScript archive \x01\x02\x03");
    }
    const QString overlay = userModelsOverlayFile();
    QVERIFY(!QFile::exists(overlay));
    const QByteArray shipped = readAll(kConfigs + "/models.yaml");

    JobManager jobs;
    ModelZooPanel panel(&jobs, DataSearchPath::fromEnvironment(), kConfigs);
    QAbstractItemModelTester tester(panel.model(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(panel.importAction()->isEnabled());

    // The dialog as filled in by hand.
    ImportModelDialog dialog(ModelsConfig::load(kConfigs + "/models.yaml"));
    dialog.file()->setText("my models/resnet 20.pt");
    dialog.id()->setText("my-resnet20");
    dialog.task()->setCurrentIndex(dialog.task()->findData("cifar10"));
    // The task's zoo normalization is offered; the pretrained ResNets use ImageNet's.
    QCOMPARE(dialog.mean()->text(), QString("0.4914, 0.4822, 0.4465"));
    dialog.mean()->setText("0.485, 0.456, 0.406");
    dialog.std()->setText("0.229,0.224,0.225");
    const ImportParams params = dialog.params();
    QCOMPARE(params.mean, (std::vector<double>{0.485, 0.456, 0.406}));
    QCOMPARE(params.std, (std::vector<double>{0.229, 0.224, 0.225}));

    QSignalSpy changed(&panel, &ModelZooPanel::zooChanged);
    Job* good = panel.startImport(params);
    QCOMPARE(JobManager::waitFor(good), Job::State::Finished);
    QTRY_COMPARE(changed.count(), 1);
    // In the overlay, absolute; never in the shipped file.
    QVERIFY(QFile::exists(overlay));
    const QString absolute = QDir(m_work.path()).absoluteFilePath("my models/resnet 20.pt");
    QVERIFY2(readAll(overlay).contains(absolute.toUtf8()), readAll(overlay).constData());
    QCOMPARE(readAll(kConfigs + "/models.yaml"), shipped);
    // Every loader of models.yaml now has it: the zoo, the pipeline's configuration.
    const QModelIndex weights =
        modelRow(panel.model(), "my-resnet20", ModelZooModel::WeightsColumn);
    QVERIFY(weights.isValid());
    QCOMPARE(weights.parent().data(ModelZooModel::TaskRole).toString(), QString("cifar10"));
    QCOMPARE(weights.data().toString(), QString("file found"));
    const ModelsConfig reloaded = ModelsConfig::load(kConfigs + "/models.yaml");
    QCOMPARE(reloaded.overlayPath, overlay);
    const ModelVariant* imported = reloaded.model("my-resnet20");
    QVERIFY(imported != nullptr);
    QCOMPARE(imported->architecture, QString("torchscript"));
    QCOMPARE(imported->file, absolute);
    QCOMPARE(imported->preprocessing.std, (std::vector<double>{0.229, 0.224, 0.225}));
    QTRY_COMPARE(panel.view()->currentIndex().data(ModelZooModel::ModelIdRole).toString(),
                 QString("my-resnet20"));
    QVERIFY(panel.errorMessage().isEmpty());

    // The same id again is refused, naming the overlay.
    Job* twice = panel.startImport(params);
    QCOMPARE(JobManager::waitFor(twice), Job::State::Failed);
    QVERIFY2(twice->errorMessage().contains("'my-resnet20' is already declared") &&
                 twice->errorMessage().contains(overlay),
             qPrintable(twice->errorMessage()));

    // Garbage bytes: one error naming the file; the overlay is unchanged.
    const QByteArray before = readAll(overlay);
    ImportParams badParams = params;
    badParams.file = "my models/broken model.pt";
    badParams.id.clear();
    Job* bad = panel.startImport(badParams);
    QCOMPARE(JobManager::waitFor(bad), Job::State::Failed);
    const QString badPath = QDir(m_work.path()).absoluteFilePath("my models/broken model.pt");
    QVERIFY2(bad->errorMessage().contains(badPath), qPrintable(bad->errorMessage()));
    QTRY_VERIFY(panel.findChild<QLabel*>("modelZooMessage")->text().contains(badPath));
    QCOMPARE(readAll(overlay), before);
    QVERIFY(!modelRow(panel.model(), "broken-model").isValid());

    // A file that is not there.
    badParams.file = "my models/nothing here.pt";
    Job* missing = panel.startImport(badParams);
    QCOMPARE(JobManager::waitFor(missing), Job::State::Failed);
    QVERIFY2(missing->errorMessage().contains("nothing here.pt: no such file"),
             qPrintable(missing->errorMessage()));

    // A shipped model cannot be taken off the zoo; the imported one can, and its file stays.
    QVERIFY(panel.selectModel("resnet18-w0.5"));
    QVERIFY(!panel.removeImportAction()->isEnabled());
    QVERIFY2(panel.removeImportAction()->toolTip().contains("shipped models.yaml"),
             qPrintable(panel.removeImportAction()->toolTip()));
    QVERIFY(panel.selectModel("my-resnet20"));
    QVERIFY(panel.removeImportAction()->isEnabled());
    const int changes = changed.count();
    Job* removal = panel.startImportRemoval("my-resnet20");
    QCOMPARE(JobManager::waitFor(removal), Job::State::Finished);
    QTRY_COMPARE(changed.count(), changes + 1);
    QVERIFY(!modelRow(panel.model(), "my-resnet20").isValid());
    QVERIFY(!readAll(overlay).contains("my-resnet20"));
    QVERIFY(QFile::exists("my models/resnet 20.pt"));
    QVERIFY(ModelsConfig::load(kConfigs + "/models.yaml").model("my-resnet20") == nullptr);
    QCOMPARE(readAll(kConfigs + "/models.yaml"), shipped);
    // Again: the overlay holds no such model, and says so.
    Job* again = panel.startImportRemoval("my-resnet20");
    QCOMPARE(JobManager::waitFor(again), Job::State::Failed);
    QVERIFY2(again->errorMessage().contains(overlay) &&
                 again->errorMessage().contains("holds no imported model 'my-resnet20'"),
             qPrintable(again->errorMessage()));
}

void TestModelZoo::trainsEvaluatesAndRemovesACheckpoint() {
    JobManager jobs;
    const DataSearchPath search = DataSearchPath::fromEnvironment();
    ModelZooPanel panel(&jobs, search, kConfigs);
    QVERIFY(panel.selectModel("fmnist-resnet18-w0.25"));
    QVERIFY(panel.trainAction()->isEnabled());
    QVERIFY(!panel.evaluateAction()->isEnabled());  // not trained yet
    QVERIFY2(panel.evaluateAction()->toolTip().contains("not trained"),
             qPrintable(panel.evaluateAction()->toolTip()));
    QVERIFY(!panel.removeAction()->isEnabled());

    // The dialog starts at the models.yaml preset: fmnist-resnet18 {epochs: 3, batch_size:
    // 128, learning_rate: 0.1}, no max_examples.
    const ModelsConfig models = ModelsConfig::load(kConfigs + "/models.yaml");
    const ModelVariant* model = models.model("fmnist-resnet18-w0.25");
    TrainDialog dialog(*model, *models.task(model->task));
    TrainParams params = dialog.params();
    QCOMPARE(params.epochs, 3);
    QCOMPARE(params.batchSize, 128);
    QCOMPARE(params.learningRate, 0.1);
    QCOMPARE(params.maxExamples, 0);
    QCOMPARE(params.seed, std::uint64_t{1});
    dialog.epochs()->setValue(1);
    dialog.maxExamples()->setValue(256);
    params = dialog.params();

    QStringList steps;
    Job* train = panel.startTraining(params);
    connect(train, &Job::progressChanged, this,
            [&steps](double, const QString& step) { steps.append(step); });
    QVERIFY(!panel.trainAction()->isEnabled());  // one train job per model at a time
    QCOMPARE(JobManager::waitFor(train), Job::State::Finished);
    // Where --batch train writes the same recipe.
    const QString checkpoint =
        defaultCheckpointFile(search.userDataDirectory(), trainingRecipe(params));
    QVERIFY(QFile::exists(checkpoint));
    QVERIFY(std::any_of(steps.begin(), steps.end(),
                        [](const QString& s) { return s.contains("loss") && s.contains("left"); }));
    QTRY_VERIFY(panel.evaluateAction()->isEnabled());
    QVERIFY(panel.trainAction()->isEnabled());
    QVERIFY(panel.removeAction()->isEnabled());
    QVERIFY(modelRow(panel.model(), "fmnist-resnet18-w0.25", ModelZooModel::WeightsColumn)
                .data(ModelZooModel::TrainedRole)
                .toBool());

    // Evaluate the checkpoint at every precision on the first examples of the test split.
    QAbstractItemModelTester tester(panel.evaluationModel(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    EvaluateDialog evaluate(kConfigs, *model, *models.task(model->task),
                            trainedCheckpoints(model->id, search));
    evaluate.maxExamples()->setValue(100);
    EvaluateParams e = evaluate.params();
    QCOMPARE(e.model, checkpoint);
    QCOMPARE(e.dataset, QString("fashion-mnist"));
    QCOMPARE(e.split, QString("test"));
    QCOMPARE(evaluate.precisions(), (QStringList{"fp32", "bf16", "int8"}));
    Job* scored = panel.startEvaluation(e, evaluate.precisions());
    QCOMPARE(JobManager::waitFor(scored), Job::State::Finished);
    PrecisionAccuracyModel* table = panel.evaluationModel();
    QTRY_COMPARE(table->rowCount(), 3);
    // fp32 agrees with the evaluate command's own scoring of the same examples.
    e.precision = "fp32";
    JobManager one;
    auto* single = one.submit<EvaluateParams, EvaluateResult>("fp32", e, &evaluateModel);
    QCOMPARE(JobManager::waitFor(single), Job::State::Finished);
    QCOMPARE(table->index(0, 0).data(PrecisionAccuracyModel::PrecisionRole).toString(),
             QString("fp32"));
    QCOMPARE(table->index(0, 0).data(PrecisionAccuracyModel::AccuracyRole).toDouble(),
             single->result().accuracy);
    QCOMPARE(table->index(0, PrecisionAccuracyModel::CorrectColumn).data().toString(),
             QString("%1 / 100").arg(single->result().correct));

    // Remove: the checkpoint and its description go; the zoo says not trained.
    Job* removal = panel.startRemoval(model->id, {checkpoint});
    QCOMPARE(JobManager::waitFor(removal), Job::State::Finished);
    QVERIFY(!QFile::exists(checkpoint));
    QVERIFY(!QFile::exists(TrainingRecipe::descriptionFileFor(checkpoint)));
    QTRY_VERIFY(!modelRow(panel.model(), "fmnist-resnet18-w0.25", ModelZooModel::WeightsColumn)
                     .data(ModelZooModel::TrainedRole)
                     .toBool());
    QVERIFY(!panel.removeAction()->isEnabled());
}

void TestModelZoo::trainingIsCancelled() {
    JobManager jobs;
    const DataSearchPath search = DataSearchPath::fromEnvironment();
    ModelZooPanel panel(&jobs, search, kConfigs);
    const ModelsConfig models = ModelsConfig::load(kConfigs + "/models.yaml");
    QVERIFY(panel.selectModel("fmnist-resnet18-w0.25"));
    TrainDialog dialog(*models.model("fmnist-resnet18-w0.25"), *models.task("fashion-mnist"));
    dialog.epochs()->setValue(1);
    dialog.maxExamples()->setValue(20000);
    const TrainParams params = dialog.params();
    Job* train = panel.startTraining(params);
    connect(train, &Job::progressChanged, train, &Job::cancel);
    QCOMPARE(JobManager::waitFor(train), Job::State::Cancelled);
    QVERIFY(
        !QFile::exists(defaultCheckpointFile(search.userDataDirectory(), trainingRecipe(params))));
    QVERIFY(!panel.trainAction()->isEnabled() || train->isDone());
    QTRY_VERIFY(panel.trainAction()->isEnabled());  // the model may be trained again
}

void TestModelZoo::evaluationReportsUnsupportedPrecisionsAndIsCancelled() {
    JobManager jobs;
    ModelZooPanel panel(&jobs, DataSearchPath::fromEnvironment(), kConfigs);
    QVERIFY(panel.selectModel("resnet20"));
    QVERIFY(panel.evaluateAction()->isEnabled());  // a TorchScript file found
    QVERIFY(!panel.trainAction()->isEnabled());
    QVERIFY(!panel.removeAction()->isEnabled());
    const ModelsConfig models = ModelsConfig::load(kConfigs + "/models.yaml");
    EvaluateDialog dialog(kConfigs, *models.model("resnet20"), *models.task("cifar10"), {});
    dialog.maxExamples()->setValue(64);
    const EvaluateParams params = dialog.params();
    QCOMPARE(params.model, QString("resnet20"));

    Job* scored = panel.startEvaluation(params, {"fp32", "int8"});
    QCOMPARE(JobManager::waitFor(scored), Job::State::Finished);
    PrecisionAccuracyModel* table = panel.evaluationModel();
    QTRY_COMPARE(table->rowCount(), 2);
    QVERIFY(table->index(0, 0).data(PrecisionAccuracyModel::SupportedRole).toBool());
    // He et al.'s ResNet-20 scores about 91% on CIFAR-10's test split.
    QVERIFY(table->index(0, 0).data(PrecisionAccuracyModel::AccuracyRole).toDouble() > 0.8);
    QCOMPARE(table->index(1, 0).data(PrecisionAccuracyModel::PrecisionRole).toString(),
             QString("int8"));
    QVERIFY(!table->index(1, 0).data(PrecisionAccuracyModel::SupportedRole).toBool());
    QVERIFY(!table->index(1, 0).data(PrecisionAccuracyModel::AccuracyRole).isValid());
    const QString reason = table->index(1, PrecisionAccuracyModel::NoteColumn).data().toString();
    QVERIFY2(reason.startsWith("unsupported") && reason.contains("TorchScript"),
             qPrintable(reason));

    // Cancelled at its first progress report: the table keeps the last finished evaluation.
    EvaluateParams whole = params;
    whole.maxExamples = 0;
    whole.batchSize = 8;
    Job* cancelled = panel.startEvaluation(whole, {"fp32"});
    connect(cancelled, &Job::progressChanged, cancelled, &Job::cancel);
    QCOMPARE(JobManager::waitFor(cancelled), Job::State::Cancelled);
    QCOMPARE(table->rowCount(), 2);
}

QTEST_MAIN(TestModelZoo)
#include "tst_modelzoo.moc"
