#include "BatchSender.h"

#include "ChunkSender.h"
#include "DataChannel.h"
#include "crypto/Hasher.h"
#include "model/Routes.h"

#include <QLoggingCategory>
#include <QPointer>

Q_DECLARE_LOGGING_CATEGORY(lcChunks)

namespace librarian {

namespace {
// The transfer a data-plane path of ours names (/api/v2/data/<id>), or -1.
qint64 transferOf(const QString &path)
{
    const QLatin1String prefix(routes::kData);
    if (!path.startsWith(prefix))
        return -1;
    bool ok = false;
    const qint64 id = path.mid(prefix.size()).toLongLong(&ok);
    return ok && id >= 0 ? id : -1;
}
} // namespace

struct BatchSender::Bundle
{
    QList<int> files;
    QPointer<DataChannel> channel;
    QList<std::shared_ptr<Hasher>> hashers; // per file, when its checksum is known
};

BatchSender::BatchSender(LibrarianClient *client, QList<File> files, QObject *parent)
    : QObject(parent), m_client(client), m_files(std::move(files))
{
}

void BatchSender::start()
{
    startMore();
}

void BatchSender::cancel()
{
    if (m_done)
        return;
    fail(ApiError::internal(ChunkSender::tr("Transfer cancelled.")));
}

bool BatchSender::aloneInFlight() const
{
    for (auto it = m_inFlight.cbegin(); it != m_inFlight.cend(); ++it)
        if (m_files[it.key()].size > kSideBySideBytes)
            return true;
    return false;
}

void BatchSender::startMore()
{
    if (m_starting)
        return; // the loop below goes on from where the finished file left it
    m_starting = true;
    while (!m_done && (!m_alone.isEmpty() || m_next < m_files.size())) {
        const int next = m_alone.isEmpty() ? m_next : m_alone.constFirst();
        const bool alone = m_files[next].size > kSideBySideBytes;
        if (inFlight() >= kFilesInFlight || (inFlight() > 0 && (alone || aloneInFlight())))
            break;
        if (!m_alone.isEmpty())
            startFile(m_alone.takeFirst(), -1); // asks how much of it arrived
        else if (bundleable(m_next) && m_next + 1 < m_files.size() && bundleable(m_next + 1))
            startBundle();
        else
            startFile(m_next++, m_files[next].knownHeld);
    }
    m_starting = false;
    if (!m_done && inFlight() == 0 && m_alone.isEmpty() && m_next == m_files.size()) {
        m_done = true;
        Q_EMIT finished(Ok{});
    }
}

bool BatchSender::bundleable(int index) const
{
    const File &f = m_files[index];
    return m_bundling && f.knownHeld == 0 && f.size <= kBundledFileBytes && transferOf(f.target.path) >= 0
        && m_client->takesDataBundles(f.target.dataPort);
}

void BatchSender::startBundle()
{
    auto bundle = std::make_shared<Bundle>();
    const int port = m_files[m_next].target.dataPort;
    const qint64 limit = std::min(kBundleBytes, m_files[m_next].target.maxChunkBytes > 0
                                                    ? m_files[m_next].target.maxChunkBytes
                                                    : kBundleBytes);
    DataBundle request;
    QList<DataChannel::BodyPart> body;
    qint64 bytes = 0;
    while (m_next < m_files.size() && bundle->files.size() < kBundleFiles && bundleable(m_next)) {
        const File &f = m_files[m_next];
        if (f.target.dataPort != port || (!bundle->files.isEmpty() && bytes + f.size > limit))
            break;
        bundle->files.append(m_next);
        bundle->hashers.append(f.checksum ? std::make_shared<Hasher>(f.checksum->algorithm()) : nullptr);
        request.parts.append({transferOf(f.target.path), 0, f.size});
        body.append({f.localPath, 0, f.size});
        bytes += f.size;
        ++m_next;
    }
    const int first = bundle->files.constFirst();
    m_bundles.insert(first, bundle);
    ++m_bundlesSent;
    m_peakInFlight = std::max(m_peakInFlight, inFlight());
    bundle->channel = m_client->dataChannel(port);
    bundle->channel->putParts(
        QLatin1String(routes::kDataBundle) + QStringLiteral("?parts=") + request.toQuery(), body,
        [this, first](Result<QJsonValue> answer) { bundleFinished(first, answer); },
        [bundle](int part, const char *data, qint64 size) {
            if (bundle->hashers[part])
                bundle->hashers[part]->addData(data, size);
        });
}

void BatchSender::bundleFinished(int first, const Result<QJsonValue> &answer)
{
    const std::shared_ptr<Bundle> bundle = m_bundles.take(first);
    if (m_done || !bundle)
        return; // cancelled after another file failed
    const int port = m_files[first].target.dataPort;
    std::optional<DataBundleAnswer> parts;
    if (answer) {
        if (auto parsed = DataBundleAnswer::fromJson(answer->toObject()))
            parts = *parsed;
    } else if (answer.error().kind == ErrorKind::NotFound) {
        qCInfo(lcChunks) << "the data plane on port" << port << "takes no bundles: sending file by file";
        m_client->refuseDataBundles(port);
    } else {
        qCInfo(lcChunks) << "a bundle of" << bundle->files.size() << "files failed, sending them one by one:"
                         << answer.error().reason;
    }
    QHash<qint64, DataBundleAnswer::Part> byTransfer;
    if (parts)
        for (const DataBundleAnswer::Part &p : std::as_const(parts->parts))
            byTransfer.insert(p.transferId, p);
    for (int k = 0; k < bundle->files.size(); ++k) {
        const int index = bundle->files[k];
        const File &f = m_files[index];
        const auto part = byTransfer.constFind(transferOf(f.target.path));
        const bool whole = part != byTransfer.constEnd() && part->progress && part->progress->bytesReceived == f.size;
        if (!whole) {
            if (part != byTransfer.constEnd() && part->error)
                qCDebug(lcChunks) << "bundle part" << f.localPath << "refused:" << part->error->reason;
            m_alone.append(index); // on its own, from what arrived; it fails there if it must
            continue;
        }
        if (bundle->hashers[k]) {
            const Checksum actual = bundle->hashers[k]->result();
            if (const auto same = Checksum::same(*f.checksum, actual); !same || !*same)
                return fail(ApiError{ErrorKind::NotAcceptable,
                                     ChunkSender::tr("%1 does not match its checksum: expected %2, read %3.")
                                         .arg(f.localPath, f.checksum->toString(), actual.toString()),
                                     ChunkSender::tr("This copy is damaged; the receiver refuses it as well.")});
        }
        m_bytesSent += f.size;
        Q_EMIT fileSent(index);
    }
    emitProgress();
    startMore();
}

void BatchSender::startFile(int index, qint64 knownHeld)
{
    const File &file = m_files[index];
    auto *sender = new ChunkSender(m_client, file.localPath, file.size, file.target, this);
    if (file.checksum)
        sender->expectChecksum(*file.checksum);
    m_inFlight.insert(index, sender);
    m_heldInFlight.insert(index, 0);
    m_peakInFlight = std::max(m_peakInFlight, inFlight());
    connect(sender, &ChunkSender::progress, this, [this, index](qint64 held, qint64) {
        if (m_done || !m_heldInFlight.contains(index))
            return;
        m_heldInFlight[index] = held;
        emitProgress();
    });
    connect(sender, &ChunkSender::finished, this, [this, index, sender](const Status &result) {
        sender->deleteLater();
        fileFinished(index, result);
    });
    sender->start(knownHeld);
}

void BatchSender::fileFinished(int index, const Status &result)
{
    m_inFlight.remove(index);
    m_heldInFlight.remove(index);
    if (m_done)
        return; // cancelled after another file failed
    if (!result)
        return fail(result.error());
    m_bytesSent += m_files[index].size;
    Q_EMIT fileSent(index);
    emitProgress();
    startMore();
}

void BatchSender::emitProgress()
{
    qint64 done = m_bytesSent;
    for (qint64 held : std::as_const(m_heldInFlight))
        done += held;
    Q_EMIT progress(done);
}

void BatchSender::fail(const ApiError &error)
{
    m_done = true;
    // Each reports its cancellation at once (ignored: m_done), and leaves m_inFlight.
    const QList<ChunkSender *> others = m_inFlight.values();
    for (ChunkSender *sender : others)
        sender->cancel();
    const auto bundles = m_bundles.values();
    m_bundles.clear();
    for (const auto &bundle : bundles)
        if (bundle->channel)
            bundle->channel->abort(); // its answer is ignored: m_done
    Q_EMIT finished(error);
}

} // namespace librarian
