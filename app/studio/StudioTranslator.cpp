#include "StudioTranslator.h"

#include <QLibraryInfo>
#include <QPointer>
#include <QTranslator>

namespace vindex::studio {

QStringList StudioTranslator::languages()
{
    return {QStringLiteral("en"), QStringLiteral("de"), QStringLiteral("zh_CN")};
}

QString StudioTranslator::nativeName(const QString &language)
{
    if (language == QLatin1String("en"))
        return QStringLiteral("English");
    if (language == QLatin1String("de"))
        return QStringLiteral("Deutsch");
    if (language == QLatin1String("zh_CN"))
        return QStringLiteral("简体中文");
    return language;
}

QLocale StudioTranslator::localeFor(const QString &language)
{
    if (language == QLatin1String("en"))
        return QLocale(QLocale::English, QLocale::UnitedStates);
    if (language == QLatin1String("de"))
        return QLocale(QLocale::German, QLocale::Germany);
    if (language == QLatin1String("zh_CN"))
        return QLocale(QLocale::Chinese, QLocale::SimplifiedChineseScript, QLocale::China);
    return QLocale::system();
}

QString StudioTranslator::install(const QString &language)
{
    static QList<QPointer<QTranslator>> installed;
    for (const QPointer<QTranslator> &translator : std::as_const(installed)) {
        if (translator) {
            QCoreApplication::removeTranslator(translator);
            delete translator;
        }
    }
    installed.clear();

    const QLocale locale = localeFor(language);
    // Numbers and dates follow the chosen language too.
    QLocale::setDefault(locale);

    QString loaded = QStringLiteral("en");
    auto *own = new QTranslator(QCoreApplication::instance());
    // QTranslator tries the locale's UI languages in turn: de_DE → de, zh_Hans_CN → zh_CN, ...
    if (own->load(locale, QStringLiteral("vindex"), QStringLiteral("_"), QStringLiteral(":/i18n")) && !own->isEmpty()) {
        QCoreApplication::installTranslator(own);
        installed << own;
        loaded = own->language().isEmpty() ? loaded : own->language();
    } else {
        delete own;
    }

    auto *qt = new QTranslator(QCoreApplication::instance());
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt);
        installed << qt;
    } else {
        delete qt;
    }
    return loaded;
}

} // namespace vindex::studio
