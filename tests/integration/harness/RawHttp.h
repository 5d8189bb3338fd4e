#pragma once

#include <QByteArray>
#include <QJsonObject>

// Requests the CLI cannot express (missing credentials, malformed bodies, raw data-plane chunks).
namespace RawHttp {

struct Reply
{
    int status = 0;
    QByteArray body;
    QJsonObject json() const;
};

// POST to the JSON API; `credentials` "user:password" or empty for none.
Reply post(int port, const QString &path, const QByteArray &body, const QString &credentials);
// Sends only a request head over a plain socket and reads the answer, without sending any body.
Reply headOnly(int port, const QByteArray &head);

} // namespace RawHttp
