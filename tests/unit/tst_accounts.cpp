#include "db/Accounts.h"
#include "TempCatalogue.h"

#include <QTemporaryDir>
#include <QTest>

using namespace librarian;

class TestAccounts : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void createFindUpdateRemove();
    void duplicateIsConflictAndChangesNothing();
    void unknownUserIsNotFound();
};

void TestAccounts::createFindUpdateRemove()
{
    TempCatalogue catalogue;
    Accounts accounts(catalogue.connection());
    QVERIFY(accounts.create({QStringLiteral("alice"), QStringLiteral("hash1"), AuthLevel::ReadOnly}).ok());
    auto alice = accounts.find(QStringLiteral("alice"));
    QVERIFY(alice.ok());
    QCOMPARE(alice->level, AuthLevel::ReadOnly);
    QCOMPARE(alice->passwordHash, QStringLiteral("hash1"));
    alice->level = AuthLevel::Admin;
    QVERIFY(accounts.update(*alice).ok());
    QCOMPARE(accounts.find(QStringLiteral("alice"))->level, AuthLevel::Admin);
    QCOMPARE(*accounts.countAtLevel(AuthLevel::Admin), 1);
    QVERIFY(accounts.remove(QStringLiteral("alice")).ok());
    QCOMPARE(accounts.find(QStringLiteral("alice")).error().kind, ErrorKind::NotFound);
}

void TestAccounts::duplicateIsConflictAndChangesNothing()
{
    TempCatalogue catalogue;
    Accounts accounts(catalogue.connection());
    QVERIFY(accounts.create({QStringLiteral("bob"), QStringLiteral("first"), AuthLevel::ReadAppend}).ok());
    auto again = accounts.create({QStringLiteral("bob"), QStringLiteral("second"), AuthLevel::Admin});
    QVERIFY(!again.ok());
    QCOMPARE(again.error().kind, ErrorKind::Conflict);
    auto bob = accounts.find(QStringLiteral("bob"));
    QCOMPARE(bob->passwordHash, QStringLiteral("first"));
    QCOMPARE(bob->level, AuthLevel::ReadAppend);
}

void TestAccounts::unknownUserIsNotFound()
{
    TempCatalogue catalogue;
    Accounts accounts(catalogue.connection());
    QCOMPARE(accounts.remove(QStringLiteral("nobody")).error().kind, ErrorKind::NotFound);
    QCOMPARE(accounts.update({QStringLiteral("nobody"), QString(), AuthLevel::None}).error().kind, ErrorKind::NotFound);
}

QTEST_GUILESS_MAIN(TestAccounts)
#include "tst_accounts.moc"
