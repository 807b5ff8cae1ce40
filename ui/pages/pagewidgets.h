#pragma once

#include <QString>

class QGroupBox;
class QLabel;
class QWidget;

namespace aip {

/// The pages' one place for a problem: a word-wrapped, selectable, highlighted label that is
/// hidden while it has no text (setProblemText()).
QLabel* createProblemLabel(const QString& objectName, QWidget* parent);
void setProblemText(QLabel* label, const QString& text);

/// `content` in a titled frame with small margins.
QGroupBox* createTitledBox(const QString& title, QWidget* content, QWidget* parent);

}  // namespace aip
