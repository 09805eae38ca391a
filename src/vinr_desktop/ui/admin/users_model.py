"""The users table on the administration page: one row per account, never case data."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor

from vinr_desktop.services.accounts.admin import UserInfo
from vinr_desktop.views.time_text import datetime_text

COL_USERNAME = 0
COL_NAME = 1
COL_ROLES = 2
COL_STATUS = 3
COL_LAST_LOGIN = 4
COLUMN_COUNT = 5

USER_ID_ROLE = Qt.ItemDataRole.UserRole + 1
USER_INFO_ROLE = Qt.ItemDataRole.UserRole + 2

_Index = QModelIndex | QPersistentModelIndex


def tr(text: str) -> str:
    return QCoreApplication.translate("UsersModel", text)


def status_text(user: UserInfo) -> str:
    if not user.active:
        return tr("Avaktiverad")
    if user.must_change_password:
        return tr("Aktiv – har engångslösenord")
    return tr("Aktiv")


class UsersModel(QAbstractTableModel):
    """Rows from AdminService.list_users(); the page reloads it after each change."""

    def __init__(self) -> None:
        super().__init__()
        self._users: list[UserInfo] = []
        self._headers = {
            COL_USERNAME: tr("Användarnamn"),
            COL_NAME: tr("Namn"),
            COL_ROLES: tr("Roller"),
            COL_STATUS: tr("Status"),
            COL_LAST_LOGIN: tr("Senaste inloggning"),
        }

    def set_users(self, users: list[UserInfo]) -> None:
        self.beginResetModel()
        self._users = list(users)
        self.endResetModel()

    def clear(self) -> None:
        self.set_users([])

    def user_at(self, row: int) -> UserInfo | None:
        return self._users[row] if 0 <= row < len(self._users) else None

    def row_of(self, user_id: str) -> int:
        for row, user in enumerate(self._users):
            if user.user_id == user_id:
                return row
        return -1

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._users)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers.get(section)
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        user = self.user_at(index.row()) if index.isValid() else None
        if user is None:
            return None
        column = index.column()
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
