#pragma once

#include "LibrarianClient.h"
#include "model/File.h"
#include "model/TransferStatus.h"
#include "model/messages/UploadMessages.h"

#include <QObject>
#include <QPointer>

#include <atomic>
#include <memory>

namespace librarian {

class ChunkSender;

// Uploads a file, or every file of a folder, over the built-in data plane: checksums computed off
// the event loop, every name staged first (so a conflict or a bad name stops the upload before any
// byte moves), then the bytes streamed by a ChunkSender (resume, retry), then each file committed
// (the server verifies the checksum). A folder's files become DEST/<relative path>.
class FileUploader : public QObject
{
    Q_OBJECT
public:
    explicit FileUploader(LibrarianClient *client, QObject *parent = nullptr);

    void setDeletionPolicy(DeletionPolicy policy) { m_policy = policy; }
    void upload(const QString &localPath, const QString &destinationName);
    void cancel();

Q_SIGNALS:
    void hashing(qint64 bytesTotal);
    void progress(qint64 bytesDone, qint64 bytesTotal);
    void finished(const librarian::Result<QList<librarian::File>> &result);

private:
    struct Item
    {
        QString localPath;
        QString name;
        qint64 size = 0;
        QString checksum;
        UploadStageResponse staged;
        bool isStaged = false;
    };

    void hashAll();
    void stageNext(int index);
    void sendItem(int index);
    void commitItem(int index);
    void abandon(const ApiError &error);
    void succeed();

    LibrarianClient *m_client;
    DeletionPolicy m_policy = DeletionPolicy::Disallowed;
    QList<Item> m_items;
    QList<File> m_committed;
    qint64 m_total = 0;
    qint64 m_doneBefore = 0; // bytes of items already sent
    QPointer<ChunkSender> m_sender;
    std::shared_ptr<std::atomic_bool> m_stopHashing = std::make_shared<std::atomic_bool>(false);
    bool m_finished = false;
};

} // namespace librarian
