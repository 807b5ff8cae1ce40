#include "pagewidgets.h"

#include <QGroupBox>
#include <QLabel>
#include <QVBoxLayout>

namespace aip {

QLabel* createProblemLabel(const QString& objectName, QWidget* parent) {
    auto* label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setStyleSheet(
        QStringLiteral("QLabel { background: #fff4e5; border: 1px solid #e0a040; padding: 6px; "
                       "color: #5a3a00; }"));
    label->hide();
    return label;
}

void setProblemText(QLabel* label, const QString& text) {
    label->setText(text);
    label->setVisible(!text.isEmpty());
}

QGroupBox* createTitledBox(const QString& title, QWidget* content, QWidget* parent) {
    auto* box = new QGroupBox(title, parent);
    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(content);
    return box;
}

}  // namespace aip
