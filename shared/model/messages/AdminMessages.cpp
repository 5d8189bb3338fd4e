#include "AdminMessages.h"

#include "../JsonReader.h"

namespace librarian {

QJsonArray storesToJson(const QList<Store> &stores)
{
    QJsonArray a;
    for (const Store &s : stores)
        a.append(s.toJson());
    return a;
}

Result<QList<Store>> storesFromJson(const QJsonArray &json)
{
    QList<Store> stores;
    for (const QJsonValue &v : json) {
        auto s = Store::fromJson(v.toObject());
        if (!s)
            return s.error();
        stores.append(s.value());
    }
    return stores;
}

QJsonObject StoreStateChange::toJson() const
{
    return {{QStringLiteral("store_name"), storeName},
            {QStringLiteral("enabled"), enabled},
            {QStringLiteral("success"), success}};
}

Result<StoreStateChange> StoreStateChange::fromJson(const QJsonObject &json)
{
    JsonReader r(json);
    StoreStateChange q;
    q.storeName = r.string(QStringLiteral("store_name"));
    q.enabled = r.boolean(QStringLiteral("enabled"));
    q.success = r.optionalBoolean(QStringLiteral("success"), false);
    if (!r.ok())
        return r.error();
    return q;
}

QJsonObject AddFileRequest::toJson() const
{
    return {{QStringLiteral("name"), name},
            {QStringLiteral("checksum"), checksum},
            {QStringLiteral("uploader"), uploader},
            {QStringLiteral("source"), source},
            {QStringLiteral("path"), path},
            {QStringLiteral("store_name"), storeName}};
}

Result<AddFileRequest> AddFileRequest::fromJson(const QJsonObject &json)
{
    JsonReader r(json);
    AddFileRequest q;
    q.name = r.string(QStringLiteral("name"));
    q.checksum = r.optionalString(QStringLiteral("checksum"));
    q.uploader = r.optionalString(QStringLiteral("uploader"), {}, kMaxNameLength);
    q.source = r.optionalString(QStringLiteral("source"), {}, kMaxNameLength);
    q.path = r.string(QStringLiteral("path"), kMaxPathLength);
    q.storeName = r.string(QStringLiteral("store_name"));
    if (!r.ok())
        return r.error();
    return q;
}

QJsonObject AddFileResponse::toJson() const
{
    return {{QStringLiteral("success"), success},
            {QStringLiteral("already_exists"), alreadyExists},
            {QStringLiteral("file_exists"), fileExists}};
}

Result<AddFileResponse> AddFileResponse::fromJson(const QJsonObject &json)
{
    JsonReader r(json);
    AddFileResponse q;
    q.success = r.boolean(QStringLiteral("success"));
    q.alreadyExists = r.optionalBoolean(QStringLiteral("already_exists"), false);
    q.fileExists = r.optionalBoolean(QStringLiteral("file_exists"), false);
    if (!r.ok())
        return r.error();
    return q;
}

QJsonObject LibrarianListRequest::toJson() const
{
    return {{QStringLiteral("ping"), ping}};
}

Result<LibrarianListRequest> LibrarianListRequest::fromJson(const QJsonObject &json)
{
    JsonReader r(json);
    LibrarianListRequest q;
    q.ping = r.optionalBoolean(QStringLiteral("ping"), false);
    if (!r.ok())
        return r.error();
    return q;
}

QJsonObject librariansToJson(const QList<Librarian> &librarians)
{
    QJsonArray a;
    for (const Librarian &l : librarians)
        a.append(l.toJson());
    return {{QStringLiteral("librarians"), a}};
}

Result<QList<Librarian>> librariansFromJson(const QJsonObject &json)
{
    QList<Librarian> list;
    for (const QJsonValue &v : json.value(QStringLiteral("librarians")).toArray()) {
        auto l = Librarian::fromJson(v.toObject());
        if (!l)
            return l.error();
        list.append(l.value());
    }
    return list;
}

QJsonObject LibrarianAddRequest::toJson() const
{
    return {{QStringLiteral("librarian_name"), librarianName},
            {QStringLiteral("url"), url},
            {QStringLiteral("port"), port},
            {QStringLiteral("authenticator"), authenticator},
            {QStringLiteral("check_connection"), checkConnection}};
}

Result<LibrarianAddRequest> LibrarianAddRequest::fromJson(const QJsonObject &json)
{
    JsonReader r(json);
    LibrarianAddRequest q;
    q.librarianName = r.string(QStringLiteral("librarian_name"));
    q.url = r.string(QStringLiteral("url"));
    q.port = int(r.integer(QStringLiteral("port")));
    q.authenticator = r.string(QStringLiteral("authenticator"));
    q.checkConnection = r.optionalBoolean(QStringLiteral("check_connection"), true);
    if (!r.ok())
        return r.error();
    return q;
}

QJsonObject LibrarianAddResponse::toJson() const
{
    return {{QStringLiteral("success"), success},
            {QStringLiteral("already_exists"), alreadyExists},
            {QStringLiteral("ping_success"), pingSuccess ? QJsonValue(*pingSuccess) : QJsonValue(QJsonValue::Null)},
            {QStringLiteral("reason"), reason}};
}

Result<LibrarianAddResponse> LibrarianAddResponse::fromJson(const QJsonObject &json)
{
    JsonReader r(json);
    LibrarianAddResponse q;
    q.success = r.boolean(QStringLiteral("success"));
    q.alreadyExists = r.optionalBoolean(QStringLiteral("already_exists"), false);
    if (r.has(QStringLiteral("ping_success")))
        q.pingSuccess = r.boolean(QStringLiteral("ping_success"));
    q.reason = r.optionalString(QStringLiteral("reason"), {}, kMaxLongTextLength);
    if (!r.ok())
        return r.error();
    return q;
}

QJsonObject LibrarianRemoveRequest::toJson() const
{
    return {{QStringLiteral("librarian_name"), librarianName},
            {QStringLiteral("remove_outgoing_transfers"), removeOutgoingTransfers}};
}

Result<LibrarianRemoveRequest> LibrarianRemoveRequest::fromJson(const QJsonObject &json)
{
    JsonReader r(json);
    LibrarianRemoveRequest q;
    q.librarianName = r.string(QStringLiteral("librarian_name"));
    q.removeOutgoingTransfers = r.optionalBoolean(QStringLiteral("remove_outgoing_transfers"), false);
    if (!r.ok())
        return r.error();
    return q;
}

QJsonObject LibrarianRemoveResponse::toJson() const
{
    return {{QStringLiteral("success"), success},
            {QStringLiteral("number_of_transfers_removed"), numberOfTransfersRemoved}};
}

Result<LibrarianRemoveResponse> LibrarianRemoveResponse::fromJson(const QJsonObject &json)
{
    JsonReader r(json);
    LibrarianRemoveResponse q;
    q.success = r.boolean(QStringLiteral("success"));
    q.numberOfTransfersRemoved = int(r.optionalInteger(QStringLiteral("number_of_transfers_removed")).value_or(0));
    if (!r.ok())
        return r.error();
    return q;
}

QJsonObject LibrarianTransferStatus::toJson() const
{
    return {{QStringLiteral("librarian_name"), librarianName},
            {QStringLiteral("transfers_enabled"), transfersEnabled}};
}

Result<LibrarianTransferStatus> LibrarianTransferStatus::fromJson(const QJsonObject &json)
{
    JsonReader r(json);
    LibrarianTransferStatus q;
    q.librarianName = r.string(QStringLiteral("librarian_name"));
    q.transfersEnabled = r.boolean(QStringLiteral("transfers_enabled"));
    if (!r.ok())
        return r.error();
    return q;
}

QJsonObject InstanceDeleteRequest::toJson() const
{
    return {{QStringLiteral("instance_id"), instanceId}, {QStringLiteral("delete_file"), deleteFile}};
}

Result<InstanceDeleteRequest> InstanceDeleteRequest::fromJson(const QJsonObject &json)
{
    JsonReader r(json);
    InstanceDeleteRequest q;
    q.instanceId = r.integer(QStringLiteral("instance_id"));
    q.deleteFile = r.optionalBoolean(QStringLiteral("delete_file"), false);
    if (!r.ok())
        return r.error();
    return q;
}

QJsonObject InstanceDeleteResponse::toJson() const
{
    return {{QStringLiteral("success"), success}, {QStringLiteral("instance_id"), instanceId}};
}

Result<InstanceDeleteResponse> InstanceDeleteResponse::fromJson(const QJsonObject &json)
{
    JsonReader r(json);
    InstanceDeleteResponse q;
    q.success = r.boolean(QStringLiteral("success"));
    q.instanceId = r.optionalInteger(QStringLiteral("instance_id")).value_or(-1);
    if (!r.ok())
        return r.error();
    return q;
}

} // namespace librarian
