#pragma once

#include "ClientConfig.h"
#include "model/Result.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QNetworkAccessManager>
#include <QSet>
#include <QObject>
#include <functional>


namespace librarian {

class DataChannel;

// Talks to one librarian over HTTP for the CLI, the GUI and peer-to-peer calls. Asynchronous
// only: every call takes a callback that runs on the caller's event loop. Every request has a
// timeout (the reference hangs forever on a silent peer).
class LibrarianClient : public QObject
{
    Q_OBJECT
public:
    using Callback = std::function<void(Result<QJsonValue>)>;

    explicit LibrarianClient(Connection connection, QObject *parent = nullptr);

    const Connection &connection() const { return m_connection; }

    // POST a JSON body to an API route (shared/model/Routes.h). The reply is only for abort();
    // `done` runs once in any case.
    QNetworkReply *post(const char *route, const QJsonObject &body, Callback done, int timeoutMs = kJsonTimeoutMs);

    template <typename Response>
    QNetworkReply *call(const char *route, const QJsonObject &body, std::function<void(Result<Response>)> done,
              int timeoutMs = kJsonTimeoutMs)
    {
        return post(
            route, body,
            [done](Result<QJsonValue> r) {
                if (!r)
                    return done(r.error());
                auto parsed = Response::fromJson(r->toObject());
                if (!parsed)
                    return done(parsed.error());
                done(parsed.value());
            },
            timeoutMs);
    }

    // A keep-alive connection to the data plane on `port` that is not busy, an open one first: files
    // sent one after another share one connection, files sent side by side get one each (a new
    // channel is made only when every other is busy, so the pool is as large as the most requests
    // ever in flight at once). Owned by this client.
    DataChannel *dataChannel(int port);
    // Connections the channels to `port` opened so far (for tests and the push's log).
    int dataConnectionsOpened(int port) const;
    // Whether the data plane on `port` takes bundles (DataBundle), as far as this client knows: yes
    // until it answered one with 404 (a librarian of an earlier version).
    bool takesDataBundles(int port) const { return !m_noBundles.contains(port); }
    void refuseDataBundles(int port) { m_noBundles.insert(port); }
    // The value or error an HTTP answer of ours carries (status, JSON body).
    static Result<QJsonValue> interpretAnswer(int status, const QByteArray &raw, const QString &reasonPhrase);

    static constexpr int kJsonTimeoutMs = 60 * 1000;
    static constexpr int kCommitTimeoutMs = 60 * 60 * 1000; // the server hashes the whole file

private:
    QNetworkRequest requestFor(const QUrl &url, int timeoutMs) const;
    void finish(QNetworkReply *reply, const Callback &done);

    Connection m_connection;
    QNetworkAccessManager *m_network;
    QList<DataChannel *> m_channels;
    QSet<int> m_noBundles;
};

} // namespace librarian
