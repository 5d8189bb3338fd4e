#pragma once

#include "LibrarianClient.h"
#include "crypto/Checksum.h"
#include "model/messages/UploadMessages.h"

#include <QHash>
#include <QObject>
#include <memory>
#include <optional>

namespace librarian {

class ChunkSender;

// Sends the files of one batch to a data plane, several side by side, each through a ChunkSender of
// its own (resume, retry, checksum) over its own keep-alive connection of the client's pool
// (LibrarianClient::dataChannel), the same connections file after file. For small files the time
// goes to waiting for the receiver's answer to each PUT, not to moving bytes: files in flight
// together overlap those waits. A file larger than kSideBySideBytes goes alone, as one file after
// another always did: it fills the link by itself, and side by side it would only interleave with
// the others on the receiver's disk. The first failure ends the batch: the files still in flight
// are cancelled (what they sent stays staged, to resume from) and finished() reports that failure.
class BatchSender : public QObject
{
    Q_OBJECT
public:
    struct File
    {
        QString localPath;
        qint64 size = 0;
        HttpDataTarget target;
        std::optional<Checksum> checksum; // what the bytes must hash to (ChunkSender::expectChecksum)
        qint64 knownHeld = -1;            // as ChunkSender::start: -1 asks the receiver first
    };

    // Files in flight at once. A 16 KiB file spends ~1.5 ms waiting for the receiver's answer (its
    // data plane serves every connection on one thread, between catalogue lookups), so a few in
    // flight keep that thread busy with no gap; more gain nothing (the receiver's one thread is
    // then the limit) and each costs a connection and up to ~5 MiB of socket buffer on either side.
    static constexpr int kFilesInFlight = 4;
    // Larger files go alone (see above). Sent in one chunk of this size, a file's round trip is a
    // few percent of its time already.
    static constexpr qint64 kSideBySideBytes = 16LL * 1024 * 1024;
    static constexpr qint64 kBundledFileBytes = 1024 * 1024;
    static constexpr int kBundleFiles = 64;
    static constexpr qint64 kBundleBytes = 8LL * 1024 * 1024;

    BatchSender(LibrarianClient *client, QList<File> files, QObject *parent = nullptr);

    // Off: every file goes in a request of its own (for tests of that path).
    void setBundling(bool on) { m_bundling = on; }
    void start();
    // Cancels the files in flight and sends no more; finished() reports the cancellation.
    void cancel();

    // Requests (a file's or a bundle's) in flight now, and the most that ever were at once (for
    // tests and the push's log).
    int inFlight() const { return int(m_inFlight.size() + m_bundles.size()); }
    int bundlesSent() const { return m_bundlesSent; }
    int peakInFlight() const { return m_peakInFlight; }

Q_SIGNALS:
    void fileSent(int index);
    // Bytes of the batch the receiver holds: the files sent, and what it confirmed of those in flight.
    void progress(qint64 bytesDone);
    void finished(const librarian::Status &result);

private:
    void startMore();
    void startFile(int index, qint64 knownHeld);
    bool bundleable(int index) const;
    void startBundle();
    void bundleFinished(int first, const Result<QJsonValue> &answer);
    void fileFinished(int index, const Status &result);
    bool aloneInFlight() const;
    void emitProgress();
    void fail(const ApiError &error);

    LibrarianClient *m_client;
    QList<File> m_files;
    int m_next = 0;
    QList<int> m_alone;                // files of failed bundle parts, to send on their own first
    QHash<int, ChunkSender *> m_inFlight;
    struct Bundle;
    QHash<int, std::shared_ptr<Bundle>> m_bundles; // by the index of their first file
    bool m_bundling = true;
    int m_bundlesSent = 0;
    QHash<int, qint64> m_heldInFlight; // what the receiver confirmed of each file in flight
    qint64 m_bytesSent = 0;            // of the files sent completely
    int m_peakInFlight = 0;
    bool m_starting = false; // in startMore(): a file that finishes at once must not start more itself
    bool m_done = false;
};

} // namespace librarian
