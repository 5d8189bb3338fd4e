#include "Command.h"

#include "model/Routes.h"
#include "model/messages/PingMessages.h"

namespace librarian {

QList<Command> pingCommands()
{
    Command ping;
    ping.name = QStringLiteral("ping");
    ping.summary = QObject::tr("Check that the librarian answers and accepts the connection's credentials.");
    ping.run = [](Invocation &in) {
        in.client().call<PingResponse>(routes::kPingLogged, {}, [&in](Result<PingResponse> r) {
            if (!r)
                return in.fail(r.error());
            in.printJson(r->toJson());
            in.print(QObject::tr("Connected to %1 (%2), librarian %3, as %4 (%5).")
                         .arg(r->name, r->description, r->librarianName, r->user,
                              authLevelName(r->userLevel.value_or(AuthLevel::None))));
            in.succeed();
        });
    };
    return {ping};
}

} // namespace librarian
