#include "resultsfolderbar.h"

#include "pagesettings.h"

#include <QCheckBox>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalBlocker>

namespace aip {

ResultsFolderBar::ResultsFolderBar(QWidget* parent)
    : QWidget(parent),
      m_path(new QLineEdit(this)),
      m_browse(new QPushButton(tr("Browse…"), this)),
      m_quick(new QCheckBox(tr("Quick protocol"), this)) {
    m_path->setObjectName(QStringLiteral("resultsFolderEdit"));
    m_path->setToolTip(
        tr("The folder holding latency_profiles.csv, accuracy_profiles.csv and "
           "the other result files"));
    m_browse->setToolTip(tr("Choose the results folder in a dialog"));
    m_quick->setObjectName(QStringLiteral("quickProtocolBox"));
    m_quick->setToolTip(
        tr("Use configs/experimental_protocol_quick.yaml instead of the full "
           "protocol"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* label = new QLabel(tr("Results folder:"), this);
    label->setBuddy(m_path);
    layout->addWidget(label);
    layout->addWidget(m_path, 1);
    layout->addWidget(m_browse);
    layout->addSpacing(12);
    layout->addWidget(m_quick);

    sync();
    connect(m_path, &QLineEdit::editingFinished, this,
            [this] { setDirectory(m_path->text().trimmed()); });
    connect(m_browse, &QPushButton::clicked, this, &ResultsFolderBar::browse);
    connect(m_quick, &QCheckBox::toggled, this, [this](bool on) {
        pagesettings::setQuickProtocol(on);
        Q_EMIT changed();
    });
}

ResultsFolderBar::~ResultsFolderBar() = default;

bool ResultsFolderBar::quick() const {
    return m_quick->isChecked();
}

void ResultsFolderBar::setDirectory(const QString& directory) {
    if (directory.isEmpty()) {
        m_path->setText(m_directory);  // an empty field means nothing; keep the folder
        return;
    }
    const QString absolute = QDir::cleanPath(QDir::current().absoluteFilePath(directory));
    m_path->setText(absolute);
    if (absolute == m_directory) {
        return;
    }
    m_directory = absolute;
    pagesettings::setResultsDirectory(absolute);
    Q_EMIT changed();
}

void ResultsFolderBar::setQuick(bool quick) {
    m_quick->setChecked(quick);  // toggled() stores it and emits changed()
}

void ResultsFolderBar::sync() {
    const QSignalBlocker blockQuick(m_quick);
    const bool quickChanged = m_quick->isChecked() != pagesettings::quickProtocol();
    m_quick->setChecked(pagesettings::quickProtocol());
    const QString stored = pagesettings::resultsDirectory();
    const bool folderChanged = stored != m_directory;
    m_directory = stored;
    m_path->setText(stored);
    if (quickChanged || folderChanged) {
        Q_EMIT changed();
    }
}

void ResultsFolderBar::browse() {
    const QString chosen =
        QFileDialog::getExistingDirectory(this, tr("Results folder"), m_directory);
    if (!chosen.isEmpty()) {
        setDirectory(chosen);
    }
}

}  // namespace aip
