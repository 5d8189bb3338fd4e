#include "RandomPassword.h"

#include <QRandomGenerator>

namespace librarian {

QString randomPassword(int length)
{
    static const char alphabet[] = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    QString password;
    password.reserve(length);
    for (int i = 0; i < length; ++i)
        password += QLatin1Char(alphabet[QRandomGenerator::system()->bounded(int(sizeof(alphabet) - 1))]);
    return password;
}

} // namespace librarian
