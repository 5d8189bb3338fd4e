#pragma once

#include <QFile>
#include <QIODevice>

namespace librarian {

// A read-only view of bytes [offset, offset + length) of a file, handed to QNetworkAccessManager
// as a PUT body: Qt streams it, so a chunk is never held in memory whole.
class FileWindow : public QIODevice
{
    Q_OBJECT
public:
    FileWindow(const QString &path, qint64 offset, qint64 length, QObject *parent = nullptr);

    bool open(OpenMode mode) override;
    void close() override;
    bool isSequential() const override { return false; }
    qint64 size() const override { return m_length; }
    bool seek(qint64 pos) override;
    bool atEnd() const override { return pos() >= m_length; }

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    QFile m_file;
    qint64 m_offset;
    qint64 m_length;
};

} // namespace librarian
