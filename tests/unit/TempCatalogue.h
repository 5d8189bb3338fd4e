#pragma once

#include "db/Database.h"

#include <QTemporaryDir>
#include <QTest>
#include <memory>

// A migrated SQLite catalogue in a temporary folder, fresh for each test function.
struct TempCatalogue
{
    QTemporaryDir dir;
    std::unique_ptr<librarian::Database> database;

    TempCatalogue()
    {
        auto url = librarian::DatabaseUrl::parse(QStringLiteral("sqlite://") + dir.filePath(QStringLiteral("catalogue.db")));
        database = std::make_unique<librarian::Database>(*url);
        auto migrated = database->migrate();
        if (!migrated)
            qFatal("migration failed: %s", qPrintable(migrated.error().reason));
    }
    QSqlDatabase connection() { return *database->connection(); }
};
