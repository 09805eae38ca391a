"""The users table on the administration page: one row per account, never case data."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor

from vinr_desktop.services.accounts.admin import UserInfo
from vinr_desktop.ui.common.rows_model import RowsModel
from vinr_desktop.views.time_text import datetime_text

COL_USERNAME = 0
COL_NAME = 1
COL_ROLES = 2
COL_STATUS = 3
COL_LAST_LOGIN = 4

USER_ID_ROLE = Qt.ItemDataRole.UserRole + 1
USER_INFO_ROLE = Qt.ItemDataRole.UserRole + 2


def tr(text: str) -> str:
    return QCoreApplication.translate("UsersModel", text)


def status_text(user: UserInfo) -> str:
    if not user.active:
        return tr("Avaktiverad")
    if user.must_change_password:
        return tr("Aktiv – har engångslösenord")
    return tr("Aktiv")


class UsersModel(RowsModel[UserInfo]):
    """Rows from AdminService.list_users(); the page reloads it after each change."""

    def __init__(self) -> None:
        super().__init__(
            {
                COL_USERNAME: tr("Användarnamn"),
                COL_NAME: tr("Namn"),
                COL_ROLES: tr("Roller"),
                COL_STATUS: tr("Status"),
                COL_LAST_LOGIN: tr("Senaste inloggning"),
            },
            lambda user: user.user_id,
        )

    def cell(self, user: UserInfo, column: int, role: int) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                COL_USERNAME: user.username,
                COL_NAME: user.full_name,
                COL_ROLES: user.role_labels,
                COL_STATUS: status_text(user),
                COL_LAST_LOGIN: datetime_text(user.last_login_utc, tr("aldrig")),
            }.get(column)
        if role == Qt.ItemDataRole.ForegroundRole and not user.active:
            return QColor("#8a96a3")
        if role == USER_ID_ROLE:
            return user.user_id
        if role == USER_INFO_ROLE:
            return user
        return None
