"""The console's downloads: readable CSV, CSV with ids, XLSX (one sheet per round), and a
printable PDF of the group's result. Each file is made when its button is clicked, so it holds
the latest answers; a database error becomes a file saying so, never a traceback."""

from __future__ import annotations

import streamlit as st

from recommender.i18n import t
from recommender.loading import KnowledgeBase
from recommender.rooms import Room, RoomsError, RoomStore, to_csv
from recommender.rooms.export import readable_csv, readable_xlsx

from ..handout import HandoutFontError
from .charts import export_csv
from .common import Tr, error_text, get_store
from .pdf import group_result_blocks, render
from .stats import group_result


def group_pdf(kb: KnowledgeBase, store: RoomStore, room: Room) -> bytes:
    """The current group's result on A4, in the room's language: the current round in full,
    then the first forms per table and per earlier round."""
    lang = room.lang
    result = group_result(kb, store.room_stats(room), lang)
    tables = [
        (
            t("ws.tables.table", lang, table=label),
            group_result(kb, store.room_stats(room, table=label), lang, limit=3).top,
        )
        for label in room.tables
    ]
    rounds = [
        (
            t("ws.rounds.round", lang, number=r),
            group_result(kb, store.room_stats(room, round_no=r), lang).top,
        )
        for r in store.rounds_done(room)
        if r < room.current_round
    ]
    title = room.title or t("proj.title", lang)
    subtitle = t(
        "ws.pdf.subtitle",
        lang,
        code=room.join_code,
        round=room.current_round,
        count=result.counted,
    )
    blocks = group_result_blocks(
        result, title=title, subtitle=subtitle, lang=lang, rounds=rounds, tables=tables
    )
    return render(blocks, title, lang)


def render_exports(kb: KnowledgeBase, room: Room, tr: Tr) -> None:
    name = f"jaka-forma-pokoj-{room.join_code}"

    def readable() -> str:
        try:
            return readable_csv(kb, get_store(), room)
        except RoomsError as exc:
            return to_csv([{"error": error_text(exc, tr)}])

    def with_ids() -> str:
        try:
            return export_csv(get_store(), room)
        except RoomsError as exc:
            return to_csv([{"error": error_text(exc, tr)}])

    def xlsx() -> bytes:
        try:
            return readable_xlsx(kb, get_store(), room)
        except RoomsError as exc:
            return error_text(exc, tr).encode("utf-8")

    def pdf() -> bytes:
        try:
            return group_pdf(kb, get_store(), room)
        except (RoomsError, HandoutFontError) as exc:
            message = error_text(exc, tr) if isinstance(exc, RoomsError) else str(exc)
            return message.encode("utf-8")

    st.subheader(tr("ws.export.title"))
    st.caption(tr("ws.export.help"))
    cols = st.columns(4)
    cols[0].download_button(
        tr("ws.export.readable"),
        data=readable,
        file_name=f"{name}.csv",
        mime="text/csv",
        on_click="ignore",
        icon=":material/download:",
        key="jf_ws_export_readable",
    )
    cols[1].download_button(
        tr("ws.export.xlsx"),
        data=xlsx,
        file_name=f"{name}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        on_click="ignore",
        icon=":material/table_view:",
        key="jf_ws_export_xlsx",
    )
    cols[2].download_button(
        tr("ws.export.pdf"),
        data=pdf,
        file_name=f"{name}-wynik.pdf",
        mime="application/pdf",
        on_click="ignore",
        icon=":material/picture_as_pdf:",
        key="jf_ws_export_pdf",
    )
    cols[3].download_button(
        tr("ws.export.button"),
        data=with_ids,
        file_name=f"{name}-id.csv",
        mime="text/csv",
        on_click="ignore",
        icon=":material/data_object:",
        key="jf_ws_export",
        help=tr("ws.export.ids_help"),
    )
