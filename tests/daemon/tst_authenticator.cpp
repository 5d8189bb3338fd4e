#include "ServerFixture.h"
#include "model/Routes.h"

#include <QTest>

using namespace librarian;

// Password checks cost ~0.1 s of scrypt each: they must not hold up the event loop, and guessing
// must slow down.
class TestAuthenticator : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void pingIsAnsweredWhilePasswordChecksRun();
    void repeatedWrongPasswordsAreThrottled();

private:
    std::unique_ptr<ServerFixture> m_fixture;
};

void TestAuthenticator::initTestCase()
{
    m_fixture = std::make_unique<ServerFixture>();
    QString error;
    QVERIFY2(m_fixture->start(&error), qPrintable(error));
}

void TestAuthenticator::pingIsAnsweredWhilePasswordChecksRun()
{
    ServerFixture fixture(QJsonObject{{"login_free_failures_per_address", 1000}});
    QString error;
    QVERIFY2(fixture.start(&error), qPrintable(error));
    // Distinct accounts, none throttled: each guess costs a full scrypt.
    constexpr int kGuesses = 24;
    int answered = 0;
    std::vector<std::unique_ptr<LibrarianClient>> clients;
    for (int i = 0; i < kGuesses; ++i) {
        clients.push_back(std::make_unique<LibrarianClient>(
            fixture.connection(QStringLiteral("nobody%1").arg(i), QStringLiteral("wrong"))));
        clients.back()->post(routes::kPingLogged, {}, [&](Result<QJsonValue> r) {
            QVERIFY(!r);
            QCOMPARE(r.error().kind, ErrorKind::Unauthorized);
            ++answered;
        });
    }
    LibrarianClient pinger(fixture.connection(QString(), QString())); // an anonymous ping
    std::optional<int> answeredBeforePing;
    // Sent after every guess has reached the server: it still does not wait for their checks.
    QTest::qWait(50);
    pinger.post(routes::kPing, {}, [&](Result<QJsonValue> r) {
        QVERIFY(r.ok());
        answeredBeforePing = answered;
    });
    QTRY_VERIFY_WITH_TIMEOUT(answeredBeforePing.has_value() && answered == kGuesses, 30000);
    QVERIFY2(*answeredBeforePing < kGuesses,
             qPrintable(QStringLiteral("the ping waited for all %1 password checks").arg(kGuesses)));
}

void TestAuthenticator::repeatedWrongPasswordsAreThrottled()
{
    std::optional<ErrorKind> last;
    int unauthorized = 0;
    for (int i = 0; i < 12 && last != ErrorKind::TooManyRequests; ++i) {
        auto r = m_fixture->post(routes::kPingLogged, {}, QStringLiteral("admin"), QStringLiteral("guess%1").arg(i));
        QVERIFY(!r);
        last = r.error().kind;
        if (last == ErrorKind::Unauthorized)
            ++unauthorized;
    }
    QCOMPARE(last, ErrorKind::TooManyRequests);
    QVERIFY2(unauthorized >= 1 && unauthorized <= 5, qPrintable(QString::number(unauthorized)));
    // The right password is throttled too while the wait lasts (it is the address that guessed),
    // then works again.
    auto throttled = m_fixture->post(routes::kPingLogged, {});
    QVERIFY(!throttled);
    QCOMPARE(throttled.error().kind, ErrorKind::TooManyRequests);
    QTRY_VERIFY_WITH_TIMEOUT(m_fixture->post(routes::kPingLogged, {}).ok(), 10000);
}

QTEST_GUILESS_MAIN(TestAuthenticator)
#include "tst_authenticator.moc"
