#pragma once

#include <QDateTime>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

// Fills a server's SQLite catalogue (schema made by `librarian-server setup`, server not running)
// with `files` files, one instance each, a realistic spread of names, uploaders and create times
// over the last year, and the peers' copies the send_clone measures need. Prepared statements in
// a few big transactions: about a minute per million files.
class CatalogueFill
{
public:
    static constexpr int kRareUploaders = 100;
    static constexpr int kFilesPerRareUploader = 10;
    static constexpr qint64 kYearMs = 365LL * 86400 * 1000;
    // "peer": every file is there. "peer2": all but the newest 2 * kInFlight; the older half of
    // those are in flight to it (INITIATED), the newer half are what it still needs.
    static constexpr int kInFlight = 10000;

    CatalogueFill(QSqlDatabase db, int files) : m_db(db), m_files(files) {}
    bool run(QString *error);

    // What the searches ask for, drawn from what was inserted.
    QStringList sampleNames;            // existing file names
    QStringList rareUploaders;          // kFilesPerRareUploader files each
    QStringList commonUploaders;        // most of the catalogue
    qint64 firstTime = 0, lastTime = 0; // create_time range, ms

    static QString fileName(int i);
    qint64 createTime(int i) const; // increasing in i

private:
    bool exec(QSqlQuery &q, QString *error);

    QSqlDatabase m_db;
    int m_files;
};
