#pragma once

#include "../File.h"
#include "../Result.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <optional>

namespace librarian {

struct FileSearchRequest // /search/file; every criterion optional
{
    std::optional<QString> name;
    std::optional<QDateTime> createTimeStart;
    std::optional<QDateTime> createTimeEnd;
    std::optional<QString> uploader;
    std::optional<QString> source;
    int maxResults = 64;
    QJsonObject toJson() const; // create_time_window: [start, end]
    static Result<FileSearchRequest> fromJson(const QJsonObject &json);
};

// A list of files, newest first. On the wire a bare JSON array, encoded (compact) a file at a time:
// the whole array as one JSON tree took some KiB a file, 450 MiB for an answer of 100 000 files.
QByteArray encodeFiles(const QList<File> &files);
Result<QList<File>> filesFromJson(const QJsonArray &json);

} // namespace librarian
