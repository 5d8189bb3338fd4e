#include "Command.h"

#include "model/Routes.h"
#include "model/messages/ValidateMessages.h"

namespace librarian {

QList<Command> validateCommands()
{
    Command validate;
    validate.name = QStringLiteral("validate-file");
    validate.summary = QObject::tr("Recompute the checksum of every copy of a file reachable from this librarian.");
    validate.positionals = {QStringLiteral("FILE-NAME")};
    validate.positionalsHelp = {QObject::tr("Catalogue name of the file.")};
    validate.run = [](Invocation &in) {
        in.client().post(routes::kValidateFile, ValidateFileRequest{in.positional(0)}.toJson(), [&in](Result<QJsonValue> r) {
            if (!r)
                return in.fail(r.error());
            auto items = validationsFromJson(r->toArray());
            if (!items)
                return in.fail(items.error());
            in.printJson(*r);
            in.print(QObject::tr("Found %n instance(s) of the file in the librarian network.", nullptr, int(items->size())));
            for (const InstanceValidation &v : *items)
                in.print(QStringLiteral("%1 [store %2, instance %3]: %4 - original %5, current %6")
                             .arg(v.librarian)
                             .arg(v.store)
                             .arg(v.instanceId)
                             .arg(v.computedSameChecksum ? QObject::tr("MATCH") : QObject::tr("MISMATCH"), v.originalChecksum,
                                  v.currentChecksum));
            in.succeed();
        });
    };
    return {validate};
}

} // namespace librarian
