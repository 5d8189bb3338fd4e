#include "AccountsPage.h"
#include "AddLibrarianDialog.h"
#include "Cli.h"
#include "ConnectionDialog.h"
#include "ErrorsPage.h"
#include "FilesPage.h"
#include "LibrariansPage.h"
#include "MainWindow.h"
#include "NetworkPage.h"
#include "PairingWizard.h"
#include "PeerGraphView.h"
#include "SessionModel.h"
#include "TestLibrarian.h"
#include "TransfersPage.h"
#include "UserDialog.h"
#include "client/Pairing.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableWidget>
#include <QTcpServer>
#include <QTest>
#include <QTreeWidget>
#include <QFileInfo>
#include <QImage>
#include <QLabel>
#include <QInputDialog>
#include <QProcess>

using namespace librarian;

// The GUI against the seed's real four-librarian network (Source -> Central -> A, B), offscreen.
// Every test saves a screenshot under <build>/screenshots.
class TestGui : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void connectShowsServerAndLevel();
    void badConnectionsFailClearlyAndCanBeCancelled();
    void connectionsAreEditedInTheClientConfig();
    void graphShowsTheWholeNetwork();
    void graphMergesWhatEachConnectionKnows();
    void accountsCreateAndDelete();
    void accountsNeedAdmin();
    void librariansAddAndRemove();
    void pairingWizardLinksTwoLibrarians();
    void filesTransfersAndErrors();
    void fiftyLibrariansStayReadable();
    void theProgramSpeaksGermanAndTakesScreenshots();
    void unreachableLibrarianTurnsRed();

private:
    std::unique_ptr<TestLibrarian> makeLibrarian(const QString &name, const QStringList &destinations);
    std::unique_ptr<MainWindow> openWindow();
    void shoot(QWidget *widget, const QString &name);

    std::unique_ptr<TestLibrarian> m_source, m_central, m_a, m_b;
    Cli m_cli;
    QTemporaryDir m_dir;
    std::unique_ptr<SessionModel> m_sessions;
};

std::unique_ptr<TestLibrarian> TestGui::makeLibrarian(const QString &name, const QStringList &destinations)
{
    auto l = std::make_unique<TestLibrarian>(name);
    l->set("displayed_site_name", QStringLiteral("Site of %1").arg(name));
    l->set("background", TestLibrarian::transferTasks(destinations, "00:00:00.3"));
    if (l->setup() != 0 || !l->start())
        return nullptr;
    m_cli.addConnection(name, *l, "admin", l->adminPassword());
    return l;
}

void TestGui::initTestCase()
{
    QDir().mkpath(QStringLiteral(SCREENSHOT_DIR));
    m_source = makeLibrarian("source", {"central"});
    m_central = makeLibrarian("central", {"destination_a", "destination_b"});
    m_a = makeLibrarian("destination_a", {});
    m_b = makeLibrarian("destination_b", {});
    QVERIFY(m_source && m_central && m_a && m_b);
    for (const auto &[from, to] : QList<QPair<QString, QString>>{
             {"source", "central"}, {"central", "destination_a"}, {"central", "destination_b"}}) {
        const auto r = m_cli.run({"pair", from, to});
        QVERIFY2(r.exitCode == 0, describe(r));
    }
    QFile file(m_dir.filePath("scan.dat"));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QByteArray(200000, 'x'));
    file.close();
    const auto up = m_cli.run({"upload", "source", file.fileName(), "obs/2026-11-24/scan-0001.dat"});
    QVERIFY2(up.exitCode == 0, describe(up));

    auto config = ClientConfig::load(m_cli.configPath());
    QVERIFY2(config, qPrintable(config ? QString() : config.error().reason));
    m_sessions = std::make_unique<SessionModel>(*config);
}

std::unique_ptr<MainWindow> TestGui::openWindow()
{
    auto window = std::make_unique<MainWindow>(m_sessions.get());
    window->networkPage()->setRefreshInterval(1000);
    window->show();
    window->connectAll();
    return window;
}

void TestGui::shoot(QWidget *widget, const QString &name)
{
    QCoreApplication::processEvents();
    const QString path = QStringLiteral(SCREENSHOT_DIR "/%1.png").arg(name);
    QVERIFY2(widget->grab().save(path), qPrintable(path));
    qInfo() << "screenshot" << path;
}

void TestGui::connectShowsServerAndLevel()
{
    auto window = openWindow();
    for (Session *s : m_sessions->sessions())
        QTRY_VERIFY_WITH_TIMEOUT(s->isConnected(), 15000);
    window->selectSession("central");
    const QString info = window->sessionInfo();
    QVERIFY2(info.contains("central") && info.contains("ADMIN") && info.contains("Site of central"), qPrintable(info));
    QCOMPARE(window->currentSession()->level(), AuthLevel::Admin);
    shoot(window.get(), "connect");
}

void TestGui::badConnectionsFailClearlyAndCanBeCancelled()
{
    // Wrong password: refused at once with a message that names the fix.
    Session wrong(Connection{"wrong", "http://127.0.0.1", m_central->port(), "admin", "not-the-password"});
    wrong.connectToServer();
    QTRY_COMPARE_WITH_TIMEOUT(wrong.state(), Session::State::Failed, 10000);
    QVERIFY2(wrong.statusText().contains("user name and password"), qPrintable(wrong.statusText()));

    // Nothing listening: a clear "cannot reach", not a hang.
    QTcpServer closed;
    QVERIFY(closed.listen(QHostAddress::LocalHost));
    const int port = closed.serverPort();
    closed.close();
    Session nobody(Connection{"nobody", "http://127.0.0.1", port, "admin", "x"});
    nobody.connectToServer();
    QTRY_COMPARE_WITH_TIMEOUT(nobody.state(), Session::State::Failed, 10000);
    QVERIFY2(nobody.statusText().contains("Cannot reach"), qPrintable(nobody.statusText()));

    // A host that accepts and never answers: bounded by the timeout, and the cancel works at once.
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost));
    Session stuck(Connection{"stuck", "http://127.0.0.1", silent.serverPort(), "admin", "x"});
    stuck.connectToServer(60000);
    QTest::qWait(200); // let the request reach the silent server
    QCOMPARE(stuck.state(), Session::State::Connecting);
    stuck.cancel();
    QCOMPARE(stuck.state(), Session::State::Failed);
    QVERIFY2(stuck.statusText().contains("cancelled"), qPrintable(stuck.statusText()));
    Session timesOut(Connection{"slow", "http://127.0.0.1", silent.serverPort(), "admin", "x"});
    timesOut.connectToServer(500);
    QTRY_COMPARE_WITH_TIMEOUT(timesOut.state(), Session::State::Failed, 10000);
    QVERIFY2(timesOut.statusText().contains("no answer in time"), qPrintable(timesOut.statusText()));
}

void TestGui::connectionsAreEditedInTheClientConfig()
{
    const QString path = m_dir.filePath("edited/client.json"); // not there yet: made on the first save
    SessionModel sessions(ClientConfig::emptyAt(path));
    MainWindow window(&sessions);
    window.show();
    QTest::mouseClick(window.findChild<QPushButton *>("newConnection"), Qt::LeftButton);
    ConnectionDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = window.findChild<ConnectionDialog *>()) && dialog->isVisible());
    dialog->findChild<QLineEdit *>("name")->setText("site");
    dialog->findChild<QLineEdit *>("host")->setText("http://127.0.0.1:99");
    dialog->findChild<QSpinBox *>("port")->setValue(m_central->port());
    dialog->findChild<QLineEdit *>("user")->setText("admin");
    dialog->findChild<QLineEdit *>("password")->setText(m_central->adminPassword());
    dialog->accept();
    QVERIFY(dialog->isVisible()); // a port inside the URL is refused
    QVERIFY(dialog->findChild<QLabel *>("problem")->text().contains("without a port"));
    dialog->findChild<QLineEdit *>("host")->setText("http://127.0.0.1");
    shoot(dialog, "connection-dialog");
    dialog->accept();
    QTRY_VERIFY_WITH_TIMEOUT(sessions.find("site") && sessions.find("site")->isConnected(), 10000);

    auto saved = ClientConfig::load(path);
    QVERIFY2(saved, qPrintable(saved ? QString() : saved.error().reason));
    QCOMPARE(saved->connection("site")->port, m_central->port());
    QCOMPARE(QFileInfo(path).permissions() & (QFile::ReadGroup | QFile::ReadOther), QFileDevice::Permissions());
    QVERIFY(window.sessionInfo().contains("central"));
}

void TestGui::graphShowsTheWholeNetwork()
{
    auto window = openWindow();
    NetworkPage *page = window->networkPage();
    PeerGraphView *view = page->view();
    QTRY_VERIFY_WITH_TIMEOUT(view->nodeCount() == 4 && view->edgeCount() == 3, 20000);
    QSet<QPair<QString, QString>> edges;
    for (const auto &e : page->graph().edges())
        edges.insert({e.from, e.to});
    QCOMPARE(edges, (QSet<QPair<QString, QString>>{
                        {"source", "central"}, {"central", "destination_a"}, {"central", "destination_b"}}));
    // A waterfall: each librarian below the one that pushes to it; no two boxes overlap.
    QVERIFY(view->nodePosition("source").y() < view->nodePosition("central").y());
    QVERIFY(view->nodePosition("central").y() < view->nodePosition("destination_a").y());
    const QStringList names{"source", "central", "destination_a", "destination_b"};
    for (const QString &a : names)
        for (const QString &b : names)
            if (a < b) {
                const QPointF d = view->nodePosition(a) - view->nodePosition(b);
                QVERIFY2(std::abs(d.x()) >= 180 || std::abs(d.y()) >= 64, qPrintable(a + " overlaps " + b));
            }
    // Every node reached directly and healthy once the file has flowed.
    QTRY_VERIFY_WITH_TIMEOUT(page->graph().node("destination_b") &&
                                 page->graph().node("destination_b")->health == StatusColors::Health::Good,
                             20000);
    view->selectNode("central");
    QTRY_VERIFY(page->details().contains("pushes to destination_a"));
    QVERIFY(page->details().contains("receives from source"));
    shoot(window.get(), "graph");
}

void TestGui::graphMergesWhatEachConnectionKnows()
{
    // Only Source and Central configured: A and B still appear, known through Central.
    ClientConfig two = ClientConfig::emptyAt(m_dir.filePath("two.json"));
    two.setConnection(*m_sessions->config().connection("source"));
    two.setConnection(*m_sessions->config().connection("central"));
    SessionModel sessions(two);
    NetworkPage page(&sessions);
    page.resize(1000, 640);
    page.show();
    sessions.connectAll();
    QTRY_VERIFY_WITH_TIMEOUT(page.view()->nodeCount() == 4 && page.view()->edgeCount() == 3, 20000);
    QVERIFY(!page.graph().node("destination_a")->direct);
    QCOMPARE(page.graph().node("destination_a")->knownBy, QStringList{"central"});
    shoot(&page, "graph-merged");
}

void TestGui::accountsCreateAndDelete()
{
    auto window = openWindow();
    QTRY_VERIFY_WITH_TIMEOUT(m_sessions->find("central")->isConnected(), 15000);
    window->selectSession("central");
    AccountsPage *page = window->accountsPage();
    window->tabs()->setCurrentWidget(page);
    QTRY_VERIFY_WITH_TIMEOUT(page->usernames().contains("admin"), 10000);
    QVERIFY(page->usernames().contains("source")); // made by the pairing

    QPushButton *create = page->findChild<QPushButton *>("createUser");
    QVERIFY(create->isEnabled());
    QTest::mouseClick(create, Qt::LeftButton);
    UserDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = page->findChild<UserDialog *>()) && dialog->isVisible());
    dialog->usernameEdit()->setText("night_operator");
    dialog->levelBox()->setCurrentText("READONLY");
    QTest::mouseClick(dialog->findChild<QPushButton *>("generate"), Qt::LeftButton);
    QVERIFY(dialog->password().size() >= 16);
    shoot(dialog, "accounts-create-dialog");
    const QString generated = dialog->password();
    dialog->accept();
    QTRY_VERIFY_WITH_TIMEOUT(page->usernames().contains("night_operator"), 10000);
    QVERIFY2(page->bannerText().contains("night_operator"), qPrintable(page->bannerText()));
    shoot(window.get(), "accounts");

    // The generated password works.
    m_cli.addConnection("night", *m_central, "night_operator", generated);
    QTRY_VERIFY(!page->findChild<UserDialog *>()); // closed and deleted
    auto ping = m_cli.run({"ping", "night"});
    QVERIFY2(ping.exitCode == 0, describe(ping));

    // Change the level.
    page->selectUser("night_operator");
    QTest::mouseClick(page->findChild<QPushButton *>("changeLevel"), Qt::LeftButton);
    QInputDialog *levelDialog = nullptr;
    QTRY_VERIFY((levelDialog = page->findChild<QInputDialog *>()) && levelDialog->isVisible());
    levelDialog->setTextValue("READAPPEND");
    levelDialog->accept();
    QTRY_VERIFY_WITH_TIMEOUT(page->table()->findItems("READAPPEND", Qt::MatchExactly).size() == 2, 10000); // and "source"

    // Reset the password: the old one stops working, the new one works.
    page->selectUser("night_operator");
    QTest::mouseClick(page->findChild<QPushButton *>("resetPassword"), Qt::LeftButton);
    UserDialog *reset = nullptr;
    QTRY_VERIFY((reset = page->findChild<UserDialog *>()) && reset->isVisible());
    QVERIFY(!reset->usernameEdit()->isVisible());
    reset->passwordEdit()->setText("short");
    reset->accept();
    QVERIFY(reset->isVisible()); // refused in the dialog: too short
    reset->passwordEdit()->setText("a-new-password-for-the-night");
    reset->accept();
    QTRY_VERIFY_WITH_TIMEOUT(page->bannerText().contains("Password of night_operator changed"), 10000);
    ping = m_cli.run({"ping", "night"});
    QCOMPARE(ping.exitCode, 3);
    m_cli.addConnection("night", *m_central, "night_operator", "a-new-password-for-the-night");
    ping = m_cli.run({"ping", "night"});
    QVERIFY2(ping.exitCode == 0, describe(ping));

    page->selectUser("night_operator");
    QPushButton *remove = page->findChild<QPushButton *>("deleteUser");
    QVERIFY(remove->isEnabled());
    QTest::mouseClick(remove, Qt::LeftButton);
    QMessageBox *confirm = nullptr;
    QTRY_VERIFY((confirm = page->findChild<QMessageBox *>("confirmDelete")) && confirm->isVisible());
    QVERIFY(page->usernames().contains("night_operator")); // nothing happens before the confirmation
    QTest::mouseClick(confirm->button(QMessageBox::Yes), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!page->usernames().contains("night_operator"), 10000);
    const auto users = m_cli.run({"get-user-list", "central", "--json"});
    QVERIFY2(users.exitCode == 0 && !users.out.contains("night_operator"), describe(users));
}

void TestGui::accountsNeedAdmin()
{
    auto r = m_cli.run({"create-user", "central", "--username", "watcher", "--password", "watcher-password",
                        "--auth-level", "READONLY"});
    QVERIFY2(r.exitCode == 0, describe(r));
    Session reader(Connection{"reader", "http://127.0.0.1", m_central->port(), "watcher", "watcher-password"});
    AccountsPage page;
    page.resize(800, 400);
    page.show();
    page.setSession(&reader);
    reader.connectToServer();
    QTRY_VERIFY_WITH_TIMEOUT(reader.isConnected(), 10000);
    QCOMPARE(reader.level(), AuthLevel::ReadOnly);
    QVERIFY(!page.findChild<QPushButton *>("createUser")->isEnabled());
    QVERIFY2(page.bannerText().contains("needs ADMIN"), qPrintable(page.bannerText()));
    shoot(&page, "accounts-readonly");
}

void TestGui::librariansAddAndRemove()
{
    auto window = openWindow();
    QTRY_VERIFY_WITH_TIMEOUT(m_sessions->find("destination_a")->isConnected(), 15000);
    window->selectSession("destination_a");
    LibrariansPage *page = window->librariansPage();
    window->tabs()->setCurrentWidget(page);
    QTRY_VERIFY_WITH_TIMEOUT(page->names() == QStringList{"central"}, 15000);

    // Wrong credentials on the peer: the check fails, the dialog stays open and says why.
    QTest::mouseClick(page->findChild<QPushButton *>("addLibrarian"), Qt::LeftButton);
    AddLibrarianDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = page->findChild<AddLibrarianDialog *>()) && dialog->isVisible());
    dialog->nameEdit()->setText("destination_b");
    dialog->urlEdit()->setText("http://127.0.0.1");
    dialog->portBox()->setValue(m_b->port());
    dialog->userEdit()->setText("admin");
    dialog->passwordEdit()->setText("wrong-password");
    dialog->accept();
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->resultText().isEmpty() && !dialog->resultText().contains("…"), 15000);
    QVERIFY(dialog->isVisible());
    shoot(dialog, "librarians-add-refused");
    QCOMPARE(page->names(), QStringList{"central"});

    dialog->passwordEdit()->setText(m_b->adminPassword());
    dialog->accept();
    QTRY_VERIFY_WITH_TIMEOUT(page->names().contains("destination_b"), 15000);
    QVERIFY2(page->bannerText().contains("answered"), qPrintable(page->bannerText()));
    shoot(window.get(), "librarians");

    page->selectName("destination_b");
    QTest::mouseClick(page->findChild<QPushButton *>("removeLibrarian"), Qt::LeftButton);
    QMessageBox *confirm = nullptr;
    QTRY_VERIFY((confirm = page->findChild<QMessageBox *>("confirmRemove")) && confirm->isVisible());
    QVERIFY(confirm->checkBox());
    confirm->checkBox()->setChecked(true);
    shoot(confirm, "librarians-remove-confirm");
    QTest::mouseClick(confirm->button(QMessageBox::Yes), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!page->names().contains("destination_b"), 15000);
    QVERIFY2(page->bannerText().contains("removed"), qPrintable(page->bannerText()));

    // Disable Central's pushes to destination_b: the table and the graph's arrow say so.
    window->selectSession("central");
    QTRY_VERIFY_WITH_TIMEOUT(page->names().contains("destination_b"), 15000);
    page->selectName("destination_b");
    auto *toggle = page->findChild<QPushButton *>("toggleTransfers");
    QCOMPARE(toggle->text(), QStringLiteral("Disable transfers"));
    QTest::mouseClick(toggle, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(page->bannerText().contains("disabled") && toggle->text() == "Enable transfers", 10000);
    auto edgeEnabled = [&] {
        for (const auto &e : window->networkPage()->graph().edges())
            if (e.from == "central" && e.to == "destination_b")
                return e.transfersEnabled;
        return true;
    };
    QTRY_VERIFY_WITH_TIMEOUT(!edgeEnabled(), 10000);
    QTest::mouseClick(toggle, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(page->bannerText().contains("enabled") && toggle->text() == "Disable transfers", 10000);
    QTRY_VERIFY_WITH_TIMEOUT(edgeEnabled(), 10000);
}

void TestGui::pairingWizardLinksTwoLibrarians()
{
    auto window = openWindow();
    PairingWizard wizard(m_sessions.get(), m_sessions->find("destination_a"));
    wizard.sourceBox()->setCurrentText("destination_a");
    wizard.destinationBox()->setCurrentText("destination_b");
    wizard.show();
    wizard.next();
    QTRY_VERIFY_WITH_TIMEOUT(wizard.isDone(), 20000);
    QVERIFY2(wizard.succeeded(), qPrintable(wizard.outcome()));
    QCOMPARE(wizard.steps()->count(), Pairing::stepCount());
    for (int i = 0; i < wizard.steps()->count(); ++i)
        QVERIFY2(wizard.steps()->item(i)->text().startsWith("Done"), qPrintable(wizard.steps()->item(i)->text()));
    shoot(&wizard, "pairing-wizard");
    const auto list = m_cli.run({"get-librarian-list", "destination_b", "--json"});
    QVERIFY2(list.out.contains("destination_a"), describe(list));

    // Pairing the same two again fails at the first account and leaves nothing half-made.
    PairingWizard again(m_sessions.get(), nullptr);
    again.sourceBox()->setCurrentText("destination_a");
    again.destinationBox()->setCurrentText("destination_b");
    again.show();
    again.next();
    QTRY_VERIFY_WITH_TIMEOUT(again.isDone(), 20000);
    QVERIFY(!again.succeeded());
    QVERIFY2(again.outcome().contains("already exists"), qPrintable(again.outcome()));
}

void TestGui::filesTransfersAndErrors()
{
    auto window = openWindow();
    QTRY_VERIFY_WITH_TIMEOUT(m_sessions->find("central")->isConnected(), 15000);
    window->selectSession("central");
    FilesPage *files = window->filesPage();
    window->tabs()->setCurrentWidget(files);
    // The file uploaded at the source arrives at Central and is sent on.
    QTRY_VERIFY_WITH_TIMEOUT((files->refresh(), files->table()->rowCount() == 1), 30000);
    files->table()->selectRow(0);
    QTRY_VERIFY(files->copies()->topLevelItemCount() >= 1);
    shoot(window.get(), "files");

    TransfersPage *transfers = window->transfersPage();
    window->tabs()->setCurrentWidget(transfers);
    QTRY_VERIFY_WITH_TIMEOUT(transfers->table()->rowCount() >= 2, 15000); // one in, at least one out
    shoot(window.get(), "transfers");

    // Damage destination_a's copy; validating records the mismatch there. The errors page shows
    // it and clears it.
    const QString name = "obs/2026-11-24/scan-0001.dat";
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(m_a->storePath() + "/" + name), 15000);
    QFile copy(m_a->storePath() + "/" + name);
    QVERIFY(copy.open(QIODevice::ReadWrite));
    copy.seek(100);
    copy.write("damage");
    copy.close();
    const auto validate = m_cli.run({"validate-file", "destination_a", name});
    QVERIFY2(validate.out.contains("destination_a"), describe(validate));
    window->selectSession("destination_a");
    ErrorsPage *errors = window->errorsPage();
    window->tabs()->setCurrentWidget(errors);
    QTRY_VERIFY_WITH_TIMEOUT(errors->table()->rowCount() == 1, 10000);
    QCOMPARE(errors->table()->item(0, 2)->text(), QStringLiteral("data_integrity"));
    errors->table()->selectRow(0);
    shoot(window.get(), "errors");
    QPushButton *clear = errors->findChild<QPushButton *>("clearError");
    QVERIFY(clear->isEnabled());
    QTest::mouseClick(clear, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(errors->table()->rowCount() == 0, 10000);
    const auto left = m_cli.run({"search-errors", "destination_a", "--json"});
    QVERIFY2(left.exitCode == 0 && left.json().array().isEmpty(), describe(left));
}

void TestGui::fiftyLibrariansStayReadable()
{
    // A synthetic network: one site pushing to 7 centrals, each to 6 mirrors (50 librarians).
    NetworkGraph graph;
    auto link = [](const QString &name, bool pushes, bool receives) {
        PeerLink p;
        p.name = name;
        p.url = "http://10.0.0.1";
        p.pushesTo = pushes;
        p.receivesFrom = receives;
        p.lastSeen = p.lastHeard = QDateTime::currentDateTimeUtc();
        return p;
    };
    NetworkStatus site{"site", "Telescope", "", 0, {}};
    for (int c = 0; c < 7; ++c) {
        const QString central = QStringLiteral("central_%1").arg(c);
        site.peers.append(link(central, true, false));
        NetworkStatus status{central, "", "", c == 3 ? 2 : 0, {link("site", false, true)}};
        for (int m = 0; m < 6; ++m) {
            PeerLink mirror = link(QStringLiteral("mirror_%1_%2").arg(c).arg(m), true, false);
            if (c == 1 && m == 2)
                mirror.outgoingFailed = 3;
            if (c == 5 && m == 0)
                mirror.transfersEnabled = false;
            status.peers.append(mirror);
        }
        graph.addStatus(central, status);
    }
    graph.addStatus("site", site);
    graph.finish();
    PeerGraphView view;
    view.resize(1200, 800);
    view.show();
    view.setGraph(graph);
    QCOMPARE(view.nodeCount(), 50);
    QCOMPARE(view.edgeCount(), 49);
    shoot(&view, "graph-fifty");
    view.zoomIn();
    view.zoomIn();
    view.centerOn(view.nodePosition("mirror_1_2"));
    shoot(&view, "graph-fifty-zoomed");
}

void TestGui::theProgramSpeaksGermanAndTakesScreenshots()
{
    auto run = [](const QStringList &args) {
        QProcess p;
        p.start(QStringLiteral(LIBRARIAN_GUI_BIN), args);
        if (!p.waitForFinished(60000))
            p.kill();
        return std::make_pair(p.exitCode(), QString::fromUtf8(p.readAllStandardOutput() + p.readAllStandardError()));
    };
    const auto english = run({"--lang", "en", "--help"});
    const auto german = run({"--lang", "de", "--help"});
    const auto french = run({"--lang", "fr", "--help"});
    QCOMPARE(english.first, 0);
    QVERIFY2(english.second.contains("Operator GUI"), qPrintable(english.second));
    QVERIFY2(!german.second.contains("Operator GUI") && german.second.contains("--lang"), qPrintable(german.second));
    QVERIFY2(!french.second.contains("Operator GUI") && french.second.contains("--lang"), qPrintable(french.second));

    for (const QString &lang : {QStringLiteral("de"), QStringLiteral("fr")}) {
        const QString png = QStringLiteral(SCREENSHOT_DIR "/program-%1.png").arg(lang);
        QFile::remove(png);
        const auto shot = run({"--config", m_cli.configPath(), "--lang", lang, "--screenshot", png});
        QVERIFY2(shot.first == 0, qPrintable(shot.second));
        QVERIFY2(QImage(png).width() >= 800, qPrintable(png));
    }
    // A config that is not JSON: one clear line, exit 2, nothing overwritten.
    QFile bad(m_dir.filePath("bad.json"));
    QVERIFY(bad.open(QIODevice::WriteOnly));
    bad.write("{not json");
    bad.close();
    const auto refused = run({"--config", bad.fileName(), "--screenshot", m_dir.filePath("x.png")});
    QCOMPARE(refused.first, 2);
    QVERIFY2(refused.second.contains("bad.json"), qPrintable(refused.second));
    QVERIFY(bad.open(QIODevice::ReadOnly));
    QCOMPARE(bad.readAll(), QByteArray("{not json"));
}

void TestGui::unreachableLibrarianTurnsRed()
{
    auto window = openWindow();
    NetworkPage *page = window->networkPage();
    QTRY_VERIFY_WITH_TIMEOUT(page->view()->nodeCount() >= 4 && page->graph().node("destination_b") &&
                                 page->graph().node("destination_b")->direct,
                             20000);
    m_b->stop();
    m_sessions->find("destination_b")->connectToServer();
    QTRY_VERIFY_WITH_TIMEOUT(page->graph().node("destination_b") && !page->graph().node("destination_b")->reachable, 20000);
    QCOMPARE(page->graph().node("destination_b")->health, StatusColors::Health::Bad);
    QCOMPARE(page->view()->nodeCount(), 4); // the same librarian, not a second box
    page->view()->selectNode("destination_b");
    QTRY_VERIFY(page->details().contains("Cannot reach"));
    shoot(window.get(), "graph-unreachable");

    // Back on its ports: the timer tries again and the box turns green without a click.
    QVERIFY(m_b->restart());
    QTRY_VERIFY_WITH_TIMEOUT(page->graph().node("destination_b")->direct &&
                                 page->graph().node("destination_b")->health == StatusColors::Health::Good,
                             20000);
    QVERIFY(m_sessions->find("destination_b")->isConnected());
}

QTEST_MAIN(TestGui)
#include "tst_gui.moc"
