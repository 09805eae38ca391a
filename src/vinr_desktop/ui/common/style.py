"""The look: Qt's Fusion style, a light palette and a few named styles.

One light palette on every platform, so a dark desktop theme never gives half-dark forms.
Widgets choose a look with an object name or the `role` property, never with inline colours.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6 import QtGui
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:
    from PySide6.QtGui import QFont

ACCENT = "#2f5d8a"
ACCENT_DARK = "#244a6f"
TEXT = "#1f2933"
MUTED = "#52606d"
WINDOW = "#f5f6f8"
BASE = "#ffffff"
SIDEBAR = "#e6ebf1"
BORDER = "#c8d0da"
ERROR = "#b3261e"
OK = "#1e6b3a"
DEMO = "#f28c28"

BASE_POINT_SIZE = 10

STYLE_SHEET = f"""
QLabel[role="h1"] {{ font-size: 19pt; font-weight: 600; color: {TEXT}; }}
QLabel[role="h2"] {{ font-size: 14pt; font-weight: 600; color: {TEXT}; }}
QLabel[role="h3"] {{ font-size: 11pt; font-weight: 600; color: {TEXT}; }}
QLabel[role="group-title"] {{ font-weight: 600; color: {TEXT}; padding-top: 2px; }}
QLabel[role="muted"] {{ color: {MUTED}; }}
QLabel[role="error"] {{ color: {ERROR}; font-weight: 600; }}
QLabel[role="ok"] {{ color: {OK}; font-weight: 600; }}
QLabel[role="warning-box"] {{
    font-size: 11pt;
    color: {ERROR}; background: #fdecea; border: 1px solid {ERROR}; border-radius: 4px;
    padding: 8px; font-weight: 600;
}}
QFrame#Notice {{
    background: #fff4d6; border: 1px solid #e0c068; border-radius: 4px; margin-top: 12px;
}}
QPushButton#NoticeClose {{
    border: none; background: transparent; padding: 2px 8px; min-height: 0px; color: {MUTED};
}}
QPushButton#NoticeClose:hover {{ color: {TEXT}; }}

QLabel[role="secret"] {{
    background: {BASE}; border: 2px solid {ACCENT}; border-radius: 6px; padding: 14px;
    color: {TEXT};
}}
QFrame#DemoBanner {{ background: {DEMO}; }}
QFrame#DemoBanner QLabel {{ color: #1a1a1a; font-weight: 700; }}
QFrame#Card {{ background: {BASE}; border: 1px solid {BORDER}; border-radius: 6px; }}
QFrame#Sidebar {{ background: {SIDEBAR}; border-right: 1px solid {BORDER}; }}
QListWidget#SidebarList {{ background: transparent; border: none; font-size: 11pt; }}
QListWidget#SidebarList::item {{ padding: 9px 14px; border-radius: 4px; color: {TEXT}; }}
QListWidget#SidebarList::item:selected {{ background: {ACCENT}; color: white; }}
QListWidget#SidebarList::item:hover:!selected {{ background: #d5dde7; }}
QFrame#TopBar {{ background: {BASE}; border-bottom: 1px solid {BORDER}; }}
QFrame#StatusStrip {{ background: {SIDEBAR}; border-top: 1px solid {BORDER}; }}
QPushButton {{ padding: 5px 14px; min-height: 22px; }}
QPushButton[compact="true"] {{ padding: 5px 4px; }}
QPushButton[primary="true"] {{
    background: {ACCENT}; color: white; border: 1px solid {ACCENT_DARK}; border-radius: 4px;
    font-weight: 600;
}}
QPushButton[primary="true"]:hover {{ background: {ACCENT_DARK}; }}
QPushButton[primary="true"]:disabled {{ background: #9fb3c8; border-color: #9fb3c8; }}
QPushButton[choice="true"] {{
    background: {BASE}; border: 1px solid {BORDER}; border-radius: 6px; text-align: left;
}}
QPushButton[choice="true"]:hover {{ border-color: {ACCENT}; background: #eef3f8; }}
QPushButton[choice="true"]:focus {{ border: 2px solid {ACCENT}; }}
QLabel[role="choice-title"] {{ font-size: 12pt; font-weight: 600; color: {TEXT}; }}
QPushButton[link="true"] {{
    border: none; background: transparent; color: {ACCENT}; text-decoration: underline;
    padding: 2px 0px; min-height: 0px; text-align: left;
}}
QPushButton[link="true"]:disabled {{ color: #8a96a3; text-decoration: none; }}
QTableView {{ background: {BASE}; gridline-color: #e3e8ee; }}
QTableView::item {{ padding: 4px 8px; }}
QHeaderView::section {{
    background: #eef1f5; padding: 5px 8px; border: none; border-bottom: 1px solid {BORDER};
    border-right: 1px solid #dde3ea; font-weight: 600;
}}
QLabel[role="badge-protected"] {{
    background: {ERROR}; color: white; font-weight: 700; font-size: 8pt;
    border-radius: 4px; padding: 1px 6px;
}}
QLabel[role="badge-child"] {{
    background: #f3d38a; color: #4a3500; font-weight: 700; font-size: 8pt;
    border-radius: 4px; padding: 1px 6px;
}}
QListWidget#PersonMatches::item {{ padding: 5px 6px; }}
QFrame#Separator {{ color: {BORDER}; }}
QDialogButtonBox {{ dialogbuttonbox-buttons-have-icons: 0; }}
QLineEdit, QSpinBox {{ padding: 4px 6px; min-height: 22px; }}
"""


def light_palette() -> QPalette:
    palette = QPalette()
    roles = QPalette.ColorRole
    for role, colour in (
        (roles.Window, WINDOW),
        (roles.WindowText, TEXT),
        (roles.Base, BASE),
        (roles.AlternateBase, "#f0f3f7"),
        (roles.Text, TEXT),
        (roles.PlaceholderText, "#8a96a3"),
        (roles.Button, "#eceff3"),
        (roles.ButtonText, TEXT),
        (roles.BrightText, "#ffffff"),
        (roles.Highlight, ACCENT),
        (roles.HighlightedText, "#ffffff"),
        (roles.ToolTipBase, "#ffffe8"),
        (roles.ToolTipText, TEXT),
        (roles.Link, ACCENT),
    ):
        palette.setColor(role, QColor(colour))
    disabled = QPalette.ColorGroup.Disabled
    for role in (roles.WindowText, roles.Text, roles.ButtonText):
        palette.setColor(disabled, role, QColor("#8a96a3"))
    return palette


# Qt's own command-line option for the style: the program's QApplication is made with it.
# Setting the style from Python instead (`setStyle`) makes PySide wrap the new QStyle, whose
# type it creates then with all its enums: 5-15 ms of a 2-core laptop's cold start.
FUSION_ARGUMENTS = ("-style", "Fusion")


def apply_style(app: QApplication, *, fusion: bool = True) -> None:
    """Fusion, the light palette, a readable base font and the named styles.

    `fusion=False` where `app` was made with FUSION_ARGUMENTS.
    """
    if fusion:
        app.setStyle("Fusion")
    app.setPalette(light_palette())
    font = app.font()
    if font.pointSizeF() < BASE_POINT_SIZE:
        font.setPointSizeF(BASE_POINT_SIZE)
        app.setFont(font)
    app.setStyleSheet(STYLE_SHEET)


def monospace_font(point_size: float) -> QFont:
    font = QtGui.QFontDatabase.systemFont(QtGui.QFontDatabase.SystemFont.FixedFont)
    font.setPointSizeF(point_size)
    font.setStyleHint(QtGui.QFont.StyleHint.Monospace)
    return font
