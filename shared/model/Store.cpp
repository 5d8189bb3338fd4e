#include "Store.h"

#include "JsonReader.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace librarian {

QJsonObject Store::toJson() const
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("name"), name},
            {QStringLiteral("store_type"), storeType},
            {QStringLiteral("free_space"), freeSpace},
            {QStringLiteral("ingestable"), ingestable},
            {QStringLiteral("available"), available},
            {QStringLiteral("enabled"), enabled},
            {QStringLiteral("transfer_methods"), QJsonArray::fromStringList(transferMethods)}};
}

Result<Store> Store::fromJson(const QJsonObject &json)
{
    JsonReader r(json, QStringLiteral("store"));
    Store s;
    s.id = r.optionalInteger(QStringLiteral("id")).value_or(-1);
    s.name = r.string(QStringLiteral("name"));
    s.storeType = r.optionalString(QStringLiteral("store_type"), QStringLiteral("local"));
    s.freeSpace = r.optionalInteger(QStringLiteral("free_space")).value_or(-1);
    s.ingestable = r.optionalBoolean(QStringLiteral("ingestable"), true);
    s.available = r.optionalBoolean(QStringLiteral("available"), false);
    s.enabled = r.optionalBoolean(QStringLiteral("enabled"), true);
    s.transferMethods.clear();
    for (const QJsonValue &v : json.value(QStringLiteral("transfer_methods")).toArray())
        s.transferMethods.append(v.toString());
    if (!r.ok())
        return r.error();
    return s;
}

Result<Store> Store::fromConfig(const QJsonObject &json)
{
    JsonReader r(json, QStringLiteral("add_stores"));
    Store s;
    s.name = r.string(QStringLiteral("store_name"));
    s.storeType = r.optionalString(QStringLiteral("store_type"), QStringLiteral("local"));
    s.ingestable = r.optionalBoolean(QStringLiteral("ingestable"), true);
    const QJsonObject data = r.object(QStringLiteral("store_data"));
    if (!r.ok())
        return r.error();
    JsonReader d(data, QStringLiteral("add_stores.%1.store_data").arg(s.name));
    s.stagingPath = d.string(QStringLiteral("staging_path"), kMaxPathLength);
    s.storePath = d.string(QStringLiteral("store_path"), kMaxPathLength);
    if (data.contains(QStringLiteral("report_full_fraction"))) {
        const QJsonValue f = data.value(QStringLiteral("report_full_fraction"));
        if (!f.isDouble() || f.toDouble() < 0.0 || f.toDouble() > 1.0)
            return ApiError::badRequest(QCoreApplication::translate(
                "Store", "add_stores.%1.store_data.report_full_fraction must be a number between 0 and 1.")
                                            .arg(s.name));
        s.reportFullFraction = f.toDouble();
    }
    if (!d.ok())
        return d.error();
    if (s.storeType != QLatin1String("local"))
        return ApiError::badRequest(
            QCoreApplication::translate("Store", "add_stores.%1.store_type: only \"local\" stores exist.").arg(s.name));
    if (json.contains(QStringLiteral("transfer_methods"))) {
        s.transferMethods.clear();
        for (const QJsonValue &v : json.value(QStringLiteral("transfer_methods")).toArray())
            s.transferMethods.append(v.toString());
    }
    return s;
}

} // namespace librarian
