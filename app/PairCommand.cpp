#include "Command.h"

#include "client/ClientConfig.h"
#include "client/Pairing.h"

namespace librarian {

QList<Command> pairCommands()
{
    Command pair;
    pair.name = QStringLiteral("pair");
    pair.summary = QObject::tr("Link two librarians in one step (CONNECTION-NAME pushes to CONN-B; ADMIN on both).");
    pair.description = QObject::tr("Creates both accounts with random passwords and registers each librarian on the "
                                   "other, checking the connection each way; undone on failure.");
    pair.positionals = {QStringLiteral("CONN-B")};
    pair.positionalsHelp = {QObject::tr("The connection of the librarian that receives the pushes.")};
    pair.run = [](Invocation &in) {
        auto config = ClientConfig::load();
        auto other = config ? config->connection(in.positional(0)) : Result<Connection>(config.error());
        if (!other)
            return in.fail(other.error());
        auto *destination = new LibrarianClient(*other, &in);
        auto *pairing = new Pairing(&in.client(), destination, &in);
        QObject::connect(pairing, &Pairing::stepSucceeded, &in, [&in](Pairing::Step step, const QString &text) {
            // The two ADMIN checks are not worth a line each.
            if (step != Pairing::Step::CheckSource && step != Pairing::Step::CheckDestination)
                in.print(QStringLiteral("ok: ") + text);
        });
        QObject::connect(pairing, &Pairing::finished, &in, [&in, pairing](bool ok, const ApiError &error) {
            if (!ok)
                return in.fail(error);
            const QString source = pairing->sourceName();
            const QString destination = pairing->destinationName();
            in.printJson(QJsonObject{{QStringLiteral("source"), source}, {QStringLiteral("destination"), destination}});
            in.print(QObject::tr("Paired: %1 pushes to %2. Add a send_clone task for %2 on %1 and a receive_clone task on %2.")
                         .arg(source, destination));
            in.succeed();
        });
        pairing->start();
    };
    return {pair};
}

} // namespace librarian
