#pragma once

#include <QString>

class QWidget;

namespace aip {

/// The About box's text: what the program does, and the versions it runs with (the program, Qt
/// at build and at run time, LibTorch and the BLAS library mapped into the process, from the
/// engine's runtime info), as rich text.
QString aboutText();
/// Help ▸ About.
void showAboutBox(QWidget* parent);

}  // namespace aip
