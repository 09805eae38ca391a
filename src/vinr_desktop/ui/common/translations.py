"""Swedish from Qt too: the texts Qt draws itself (standard buttons such as Avbryt and Stäng,
the file dialog, the print dialog, a text field's context menu) come from Qt's own Swedish
catalogue, qtbase_sv, which PySide6 ships in its translations folder. The default locale is
Swedish as well, so calendars show Swedish month and day names and numbers a decimal comma.

Our own texts are written in Swedish and go through `QCoreApplication.translate` as they are.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

SWEDISH = QLocale(QLocale.Language.Swedish, QLocale.Country.Sweden)
QT_CATALOGUES = ("qtbase",)


def install_swedish(app: QCoreApplication) -> tuple[QTranslator, ...]:
    """Make Swedish the locale and install Qt's Swedish catalogues on `app`.

    Returns the installed translators (owned by `app`). A catalogue that cannot be found leaves
    Qt's English in place rather than stopping the program; a test makes sure it is found.
    """
    QLocale.setDefault(SWEDISH)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    installed: list[QTranslator] = []
    for catalogue in QT_CATALOGUES:
        translator = QTranslator(app)
        if translator.load(SWEDISH, catalogue, "_", folder) and app.installTranslator(translator):
            installed.append(translator)
    return tuple(installed)
