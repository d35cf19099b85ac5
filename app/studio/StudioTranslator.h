#pragma once
// Chooses and installs the user interface language. VINDEX's translations are compiled into the binary
// (:/i18n/vindex_<lang>.qm); Qt's own (standard buttons, file dialogs) are used when installed on the system.
#include <QCoreApplication>
#include <QLocale>
#include <QString>
#include <QStringList>

namespace vindex::studio {

class StudioTranslator {
    Q_DECLARE_TR_FUNCTIONS(StudioTranslator)

public:
    // The languages VINDEX Studio is translated to ("en" is the source language).
    static QStringList languages();
    // The language's own name ("Deutsch", "简体中文"), as users look for it whatever the current language.
    static QString nativeName(const QString &language);
    // The locale for a language setting; "system", empty or unknown values follow the system locale.
    static QLocale localeFor(const QString &language);
    // Installs the translators for a language setting on the application, replacing earlier ones.
    // Returns the language whose translation was loaded ("en" when the source texts are used).
    static QString install(const QString &language);
};

} // namespace vindex::studio
