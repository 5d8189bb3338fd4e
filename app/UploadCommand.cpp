#include "Command.h"

#include "client/FileUploader.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <memory>

namespace librarian {

QList<Command> uploadCommands()
{
    Command upload;
    upload.name = QStringLiteral("upload");
    upload.summary = QObject::tr("Upload a file, or every file of a folder as DEST-NAME/<relative path>.");
    upload.positionals = {QStringLiteral("LOCAL-PATH"), QStringLiteral("DEST-NAME")};
    upload.positionalsHelp = {QObject::tr("File or folder to upload."),
                              QObject::tr("Catalogue name of the file (of the folder, for a folder); permanent.")};
    upload.addOptions = [](QCommandLineParser &p) {
        p.addOption({QStringLiteral("deletion"), QObject::tr("Deletion policy of the new instance: allowed or disallowed."),
                     QStringLiteral("policy"), QStringLiteral("disallowed")});
    };
    upload.check = [](const QCommandLineParser &p) -> QString {
        const QString policy = p.value(QStringLiteral("deletion")).toLower();
        if (policy != QLatin1String("allowed") && policy != QLatin1String("disallowed"))
            return QObject::tr("--deletion must be allowed or disallowed.");
        return {};
    };
    upload.run = [](Invocation &in) {
        auto *uploader = new FileUploader(&in.client(), &in);
        uploader->setDeletionPolicy(deletionPolicyFromText(in.value(QStringLiteral("deletion"))));
        auto clock = std::make_shared<QElapsedTimer>();
        auto lastDrawn = std::make_shared<QElapsedTimer>();
        QObject::connect(uploader, &FileUploader::hashing, &in, [&in](qint64 total) {
            in.progress(QObject::tr("Computing the checksum of %1...").arg(humanSize(total)));
        });
        QObject::connect(uploader, &FileUploader::progress, &in, [&in, clock, lastDrawn](qint64 done, qint64 total) {
            if (!clock->isValid())
                clock->start();
            // Qt reports every few kilobytes; a terminal needs a redraw only a few times a second.
            if (lastDrawn->isValid() && lastDrawn->elapsed() < 200 && done < total)
                return;
            lastDrawn->start();
            const double seconds = std::max<qint64>(clock->elapsed(), 1) / 1000.0;
            in.progress(QObject::tr("Sent %1 of %2 (%3%, %4/s)")
                            .arg(humanSize(done), humanSize(total))
                            .arg(total ? done * 100 / total : 100)
                            .arg(humanSize(qint64(double(done) / seconds))));
        });
        QObject::connect(uploader, &FileUploader::finished, &in, [&in](const Result<QList<File>> &result) {
            if (!result)
                return in.fail(result.error());
            if (in.json()) { // the array of a big folder costs more than its upload's bookkeeping
                QJsonArray files;
                for (const File &f : *result)
                    files.append(f.toJson());
                in.printJson(files);
            }
            for (const File &f : *result)
                in.print(QObject::tr("Uploaded %1 (%2).").arg(f.name, humanSize(f.size)));
            in.succeed();
        });
        uploader->upload(in.positional(0), in.positional(1));
    };
    return {upload};
}

} // namespace librarian
