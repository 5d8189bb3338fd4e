#pragma once

#include "../Librarian.h"
#include "../Result.h"
#include "../Store.h"

#include <QJsonArray>
#include <QJsonObject>

namespace librarian {

// --- stores ---
QJsonArray storesToJson(const QList<Store> &stores); // /admin/stores/list response
Result<QList<Store>> storesFromJson(const QJsonArray &json);

struct StoreStateChange // /admin/stores/state_change request and response
{
    QString storeName;
    bool enabled = true;
    bool success = false; // response only
    QJsonObject toJson() const;
    static Result<StoreStateChange> fromJson(const QJsonObject &json);
};

// --- add_file: register bytes already inside a store as a File and/or an Instance ---
struct AddFileRequest
{
    QString name;
    QString checksum; // optional: if empty the server computes it
    QString uploader;
    QString source;
    QString path;     // absolute, inside the named store
    QString storeName;
    QJsonObject toJson() const;
    static Result<AddFileRequest> fromJson(const QJsonObject &json);
};

struct AddFileResponse
{
    bool success = false;
    bool alreadyExists = false; // that path was already an instance of this file
    bool fileExists = false;    // the File row existed before
    QJsonObject toJson() const;
    static Result<AddFileResponse> fromJson(const QJsonObject &json);
};

// --- librarians ---
struct LibrarianListRequest
{
    bool ping = false;
    QJsonObject toJson() const;
    static Result<LibrarianListRequest> fromJson(const QJsonObject &json);
};

QJsonObject librariansToJson(const QList<Librarian> &librarians); // {"librarians": [...]}
Result<QList<Librarian>> librariansFromJson(const QJsonObject &json);

struct LibrarianAddRequest
{
    QString librarianName;
    QString url;
    int port = 0;
    QString authenticator; // "user:password" on the peer; encrypted at rest, never echoed
    bool checkConnection = true;
    QJsonObject toJson() const;
    static Result<LibrarianAddRequest> fromJson(const QJsonObject &json);
};

struct LibrarianAddResponse
{
    bool success = false;
    bool alreadyExists = false;
    std::optional<bool> pingSuccess;
    QString reason; // ours: why a check failed
    QJsonObject toJson() const;
    static Result<LibrarianAddResponse> fromJson(const QJsonObject &json);
};

struct LibrarianRemoveRequest
{
    QString librarianName;
    bool removeOutgoingTransfers = false;
    QJsonObject toJson() const;
    static Result<LibrarianRemoveRequest> fromJson(const QJsonObject &json);
};

struct LibrarianRemoveResponse
{
    bool success = false;
    int numberOfTransfersRemoved = 0;
    QJsonObject toJson() const;
    static Result<LibrarianRemoveResponse> fromJson(const QJsonObject &json);
};

struct LibrarianTransferStatus // /admin/librarians/transfer_status/change request and response
{
    QString librarianName;
    bool transfersEnabled = true;
    QJsonObject toJson() const;
    static Result<LibrarianTransferStatus> fromJson(const QJsonObject &json);
};

// --- instances ---
struct InstanceDeleteRequest // /admin/instance/delete_local and delete_remote
{
    qint64 instanceId = -1;
    bool deleteFile = false; // delete_local: also remove the bytes
    QJsonObject toJson() const;
    static Result<InstanceDeleteRequest> fromJson(const QJsonObject &json);
};

struct InstanceDeleteResponse
{
    bool success = false;
    qint64 instanceId = -1;
    QJsonObject toJson() const;
    static Result<InstanceDeleteResponse> fromJson(const QJsonObject &json);
};

} // namespace librarian
