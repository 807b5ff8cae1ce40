#pragma once

#include <QWidget>

class QCheckBox;
class QLineEdit;
class QPushButton;

namespace aip {

/// The results folder and protocol a page works on: a path field with Browse…, and the Quick
/// protocol switch. Both are remembered (pagesettings), so every page's bar agrees after sync().
class ResultsFolderBar final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ResultsFolderBar)

public:
    explicit ResultsFolderBar(QWidget* parent = nullptr);
    ~ResultsFolderBar() override;

    QString directory() const { return m_directory; }
    bool quick() const;
    /// Stores the folder (made absolute) and emits changed() when it differs.
    void setDirectory(const QString& directory);
    void setQuick(bool quick);
    /// Reads the stored values again (another page may have changed them).
    void sync();

    QLineEdit* pathEdit() const { return m_path; }
    QCheckBox* quickBox() const { return m_quick; }

Q_SIGNALS:
    void changed();

private:
    void browse();

    QString m_directory;
    QLineEdit* m_path = nullptr;
    QPushButton* m_browse = nullptr;
    QCheckBox* m_quick = nullptr;
};

}  // namespace aip
