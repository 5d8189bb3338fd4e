#include "ServerFixture.h"
#include "model/Routes.h"

#include "crypto/PasswordHasher.h"

#include <QElapsedTimer>
#include <QTcpSocket>
#include <QTimer>
#include <QTest>
#include <algorithm>

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
    void parallelFirstLoginsShareOneCheck();

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
    // Wrong passwords of a real account, not throttled: each costs a full scrypt. A server that checks
    // passwords on its event loop answers nothing else while it does.
    constexpr int kGuesses = 24;
    auto request = [](const QByteArray &route, const QByteArray &authorization) {
        return "POST " + route + " HTTP/1.1\r\nHost: x\r\n" + authorization + "Content-Length: 0\r\n\r\n";
    };
    // What one check costs here, for scale.
    QElapsedTimer clock;
    clock.start();
    PasswordHasher::verify(QStringLiteral("wrong"), PasswordHasher::hash(QStringLiteral("right")));
    const qint64 scryptMs = clock.elapsed() / 2;
    // The longest the event loop (the server's, in this process) goes without a turn.
    qint64 longestGapMs = 0;
    QElapsedTimer gap;
    gap.start();
    QTimer ticker;
    QObject::connect(&ticker, &QTimer::timeout, [&] { longestGapMs = std::max(longestGapMs, gap.restart()); });
    ticker.start(1);
    std::vector<std::unique_ptr<QTcpSocket>> guesses;
    for (int i = 0; i < kGuesses; ++i) {
        guesses.push_back(std::make_unique<QTcpSocket>());
        guesses.back()->connectToHost(QStringLiteral("127.0.0.1"), quint16(fixture.server().port()));
    }
    QTRY_VERIFY_WITH_TIMEOUT(std::all_of(guesses.begin(), guesses.end(),
                                         [](const auto &s) { return s->state() == QAbstractSocket::ConnectedState; }),
                             5000);
    for (int i = 0; i < kGuesses; ++i) {
        guesses[i]->write(request(routes::kPingLogged, "Authorization: Basic "
                                                           + QStringLiteral("admin:wrong%1").arg(i).toUtf8().toBase64()
                                                           + "\r\n"));
        guesses[i]->flush();
    }
    auto answeredGuesses = [&] {
        return int(std::count_if(guesses.begin(), guesses.end(), [](const auto &s) { return s->bytesAvailable() > 0; }));
    };
    // Once the first check is answered the server is busy with the others: a ping now must not
    // wait for them.
    QTRY_VERIFY_WITH_TIMEOUT(answeredGuesses() > 0, 30000);
    QTcpSocket ping;
    ping.connectToHost(QStringLiteral("127.0.0.1"), quint16(fixture.server().port()));
    QTRY_COMPARE_WITH_TIMEOUT(ping.state(), QAbstractSocket::ConnectedState, 5000);
    ping.write(request(routes::kPing, {}));
    ping.flush();
    QTRY_VERIFY_WITH_TIMEOUT(ping.bytesAvailable() > 0, 30000);
    const int answeredBeforePing = answeredGuesses();
    QVERIFY(ping.readAll().startsWith("HTTP/1.1 200"));
    QTRY_COMPARE_WITH_TIMEOUT(answeredGuesses(), kGuesses, 30000);
    for (auto &guess : guesses)
        QVERIFY(guess->readAll().startsWith("HTTP/1.1 401"));
    ticker.stop();
    // Checked on the loop, every check would stop it for a whole scrypt.
    QVERIFY2(longestGapMs < scryptMs * 3 / 4,
             qPrintable(QStringLiteral("the event loop stood still for %1 ms (one scrypt: %2 ms)").arg(longestGapMs).arg(scryptMs)));
    QVERIFY2(answeredBeforePing <= kGuesses / 2,
             qPrintable(QStringLiteral("the ping waited for %1 of %2 password checks").arg(answeredBeforePing).arg(kGuesses)));
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

// A client's parallel first requests (50 uploads at once) used to queue 50 scrypt runs behind each
// other on the check pool: identical credentials in flight share one.
void TestAuthenticator::parallelFirstLoginsShareOneCheck()
{
    ServerFixture fixture;
    QString error;
    QVERIFY2(fixture.start(&error), qPrintable(error));
    const int before = fixture.server().authenticator().checksStarted();
    constexpr int kRequests = 12;
    int ok = 0, answered = 0;
    std::vector<std::unique_ptr<LibrarianClient>> clients;
    for (int i = 0; i < kRequests; ++i) {
        clients.push_back(std::make_unique<LibrarianClient>(fixture.connection()));
        clients.back()->post(routes::kPingLogged, {}, [&](Result<QJsonValue> r) {
            ++answered;
            if (r)
                ++ok;
        });
    }
    QTRY_COMPARE_WITH_TIMEOUT(answered, kRequests, 30000);
    QCOMPARE(ok, kRequests);
    // All arrive before the first check ends (~0.1 s); at worst a straggler after it hits the cache.
    QCOMPARE(fixture.server().authenticator().checksStarted() - before, 1);
}

QTEST_GUILESS_MAIN(TestAuthenticator)
#include "tst_authenticator.moc"
