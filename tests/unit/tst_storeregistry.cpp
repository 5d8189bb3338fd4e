#include "TempCatalogue.h"
#include "db/StoreRegistry.h"

using namespace librarian;

class TestStoreRegistry : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void upsertInsertsThenUpdatesKeepingIdAndSwitch();
    void unknownStoreIsNotFound();
};

void TestStoreRegistry::upsertInsertsThenUpdatesKeepingIdAndSwitch()
{
    TempCatalogue catalogue;
    StoreRegistry registry(catalogue.connection());
    Store s;
    s.name = QStringLiteral("store");
    s.stagingPath = QStringLiteral("/a/staging");
    s.storePath = QStringLiteral("/a/store");
    auto first = registry.upsert(s);
    QVERIFY(first.ok());
    QVERIFY(first->id > 0);
    QVERIFY(first->enabled);
    QVERIFY(registry.setEnabled(QStringLiteral("store"), false).ok());
    s.storePath = QStringLiteral("/b/store");
    s.ingestable = false;
    auto second = registry.upsert(s);
    QVERIFY(second.ok());
    QCOMPARE(second->id, first->id);
    QCOMPARE(second->storePath, QStringLiteral("/b/store"));
    QVERIFY(!second->ingestable);
    QVERIFY(!second->enabled); // the admin's switch survives re-running setup
    QCOMPARE(registry.list()->size(), 1);
    QCOMPARE(registry.find(first->id)->name, QStringLiteral("store"));
}

void TestStoreRegistry::unknownStoreIsNotFound()
{
    TempCatalogue catalogue;
    StoreRegistry registry(catalogue.connection());
    QCOMPARE(registry.find(QStringLiteral("nope")).error().kind, ErrorKind::NotFound);
    QCOMPARE(registry.setEnabled(QStringLiteral("nope"), true).error().kind, ErrorKind::NotFound);
}

QTEST_GUILESS_MAIN(TestStoreRegistry)
#include "tst_storeregistry.moc"
