#include "aboutbox.h"

#include "engine/runtimeinfo.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QMessageBox>
#include <QStringList>

namespace aip {

namespace {

/// The translation context of the About box.
class AboutBox final {
    Q_DECLARE_TR_FUNCTIONS(AboutBox)

public:
    static QString text();
    static QString title() { return tr("About Anytime Inference Planner"); }
};

QString AboutBox::text() {
    const RuntimeInfo runtime = queryRuntime();
    const auto row = [](const QString& name, const QString& value) {
        return QStringLiteral("<tr><td>%1</td><td>%2</td></tr>")
            .arg(name.toHtmlEscaped(), value.toHtmlEscaped());
    };
    const QString blas =
        runtime.blasLibrary.isEmpty() ? tr("unknown") : QFileInfo(runtime.blasLibrary).fileName();
    const QStringList rows = {
        row(tr("Anytime Inference Planner"), QCoreApplication::applicationVersion()),
        row(tr("Qt"), tr("%1 (built with %2)")
                          .arg(QString::fromLatin1(qVersion()), QStringLiteral(QT_VERSION_STR))),
        row(tr("LibTorch"), runtime.torchVersion),
        row(tr("BLAS library"), blas),
        row(tr("Parallel backend"), runtime.parallelBackend),
        row(tr("CPU"), tr("%1 (%2 logical cores)").arg(runtime.cpuModel).arg(runtime.logicalCores)),
        row(tr("CUDA"), runtime.cudaAvailable ? tr("%n device(s)", nullptr, runtime.cudaDeviceCount)
                                              : tr("not available")),
    };
    return QStringLiteral("<p><b>%1</b></p><p>%2</p><table cellspacing=\"4\">%3</table>")
        .arg(tr("Anytime Inference Planner"),
             tr("Picks, per request deadline, the most accurate inference configuration that "
                "still answers on time."),
             rows.join(QString()));
}

}  // namespace

QString aboutText() {
    return AboutBox::text();
}

void showAboutBox(QWidget* parent) {
    QMessageBox::about(parent, AboutBox::title(), aboutText());
}

}  // namespace aip
