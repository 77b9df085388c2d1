"""Every sentence a person reads, in English and Vietnamese.

A plain table rather than gettext: two languages, a few dozen messages, no
build step for .mo files, and a test can walk it to find a missing translation.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

Lang = Literal["en", "vi"]
LANGS: tuple[Lang, ...] = ("en", "vi")

CATALOGUE: dict[str, dict[Lang, str]] = {
    # statuses
    "status.exceeded": {"en": "Exceeded", "vi": "Vượt"},
    "status.met": {"en": "Met", "vi": "Đạt"},
    "status.not_met": {"en": "Not met", "vi": "Không đạt"},
    "status.on_track": {"en": "On track", "vi": "Đúng tiến độ"},
    "status.at_risk": {"en": "At risk", "vi": "Có nguy cơ không đạt"},
    "status.off_track": {"en": "Off track", "vi": "Chậm tiến độ"},
    "status.no_data": {"en": "No data", "vi": "Chưa có số liệu"},
    # comparisons
    "comparison.at_least": {"en": "at least", "vi": "tối thiểu"},
    "comparison.at_most": {"en": "at most", "vi": "tối đa"},
    "comparison.about": {"en": "about", "vi": "khoảng"},
    "comparison.range": {"en": "range", "vi": "khoảng"},
    # kinds
    "kind.level": {"en": "level", "vi": "mức"},
    "kind.growth_rate": {"en": "growth rate", "vi": "tốc độ tăng"},
    "kind.accumulating": {"en": "accumulating", "vi": "lũy kế"},
    # bases
    "basis.estimate": {"en": "estimate", "vi": "ước"},
    "basis.official": {"en": "official", "vi": "chính thức"},
    "basis.estimate.short": {"en": "est.", "vi": "ước"},
    "basis.official.short": {"en": "off.", "vi": "c.thức"},
    # table headers
    "col.code": {"en": "Code", "vi": "Mã"},
    "col.indicator": {"en": "Indicator", "vi": "Chỉ tiêu"},
    "col.unit": {"en": "Unit", "vi": "Đơn vị"},
    "col.target": {"en": "Target", "vi": "Kế hoạch"},
    "col.latest": {"en": "Latest", "vi": "Thực hiện"},
    "col.period": {"en": "Period", "vi": "Kỳ"},
    "col.basis": {"en": "Basis", "vi": "Loại số liệu"},
    "col.progress": {"en": "Progress", "vi": "Tiến độ"},
    "col.gap": {"en": "Gap", "vi": "Còn thiếu"},
    "col.status": {"en": "Status", "vi": "Đánh giá"},
    "col.pace_so_far": {"en": "Pace/month", "vi": "Bình quân/tháng"},
    "col.pace_needed": {"en": "Needed/month", "vi": "Cần/tháng"},
    "col.projected": {"en": "Projected", "vi": "Dự báo cả năm"},
    # headline
    "headline.met": {
        "en": "{met}/{total} indicators met or exceeded",
        "vi": "{met}/{total} chỉ tiêu đạt và vượt kế hoạch",
    },
    "headline.on_track": {"en": "{n} on track", "vi": "{n} đúng tiến độ"},
    "headline.at_risk": {"en": "{n} at risk", "vi": "{n} có nguy cơ không đạt"},
    "headline.off_track": {"en": "{n} off track", "vi": "{n} chậm tiến độ"},
    "headline.not_met": {"en": "{n} not met", "vi": "{n} không đạt"},
    "headline.no_data": {"en": "{n} no data", "vi": "{n} chưa có số liệu"},
    # gaps as the reports phrase them
    "gap.points_below": {
        "en": "{gap} points below target",
        "vi": "thấp hơn mục tiêu {gap} điểm %",
    },
    "gap.points_above": {
        "en": "{gap} points above target",
        "vi": "cao hơn mục tiêu {gap} điểm %",
    },
    "gap.points_short": {"en": "{gap} pt", "vi": "{gap} điểm"},
    "gap.on_target": {"en": "on target", "vi": "bằng mục tiêu"},
    "gap.share_of_plan": {"en": "{progress} of plan", "vi": "đạt {progress} kế hoạch"},
    "gap.beyond_plan": {"en": "{excess} above plan", "vi": "vượt {excess} kế hoạch"},
    "gap.remaining": {"en": "{gap} {unit} to go", "vi": "còn {gap} {unit}"},
    # report
    "report.title": {
        "en": "{province} {year}: progress against the socio-economic plan",
        "vi": "Tình hình thực hiện kế hoạch phát triển kinh tế - xã hội năm {year} tỉnh {province}",
    },
    "report.source": {
        "en": "Plan: “{title}”, {site}, by {author}.",
        "vi": "Kế hoạch: “{title}”, {site}, tác giả {author}.",
    },
    "report.as_of": {"en": "Figures for periods up to {period}.", "vi": "Số liệu các kỳ đến {period}."},
    "report.table": {"en": "Indicators", "vi": "Các chỉ tiêu"},
    "report.remains": {"en": "What remains", "vi": "Những chỉ tiêu còn thiếu"},
    "report.remains.none": {
        "en": "Nothing: every indicator with data is at or beyond its target.",
        "vi": "Không có: mọi chỉ tiêu có số liệu đều đạt hoặc vượt mục tiêu.",
    },
    "report.remains.pace": {
        "en": "needs {needed} {unit} a month for the rest of the year, against {so_far} {unit} a month so far",
        "vi": "cần {needed} {unit}/tháng trong các tháng còn lại, so với {so_far} {unit}/tháng đến nay",
    },
    "report.rules": {"en": "Rules used", "vi": "Quy tắc đánh giá"},
    "report.rules.text": {
        "en": (
            "A full-year figure is Exceeded when it passes the target by more than "
            "{exceed_margin} of it, Met when it reaches it (an “about” target: within "
            "{about_tolerance} below it), otherwise Not met. Within the year, a quantity that "
            "accumulates is judged by its pace projected to year end (Met early once it already "
            "reaches the target), levels and rates by the figure itself: on track when it would "
            "meet the target, at risk when short by at most {at_risk_band} of the target, "
            "otherwise off track. Rates are compared in percentage points, quantities in % of plan."
        ),
        "vi": (
            "Số liệu cả năm được đánh giá Vượt khi vượt mục tiêu hơn {exceed_margin} mục tiêu, "
            "Đạt khi bằng mục tiêu (chỉ tiêu “khoảng”: thấp hơn không quá {about_tolerance}), "
            "còn lại là Không đạt. Trong năm, chỉ tiêu lũy kế được đánh giá theo tiến độ dự báo "
            "đến cuối năm (về đích sớm khi đã đạt mục tiêu), chỉ tiêu mức và tốc độ theo chính số "
            "liệu: đúng tiến độ khi đạt mục tiêu, có nguy cơ không đạt khi thiếu không quá "
            "{at_risk_band} mục tiêu, còn lại là chậm tiến độ. Chỉ tiêu tỷ lệ so sánh theo điểm "
            "%, chỉ tiêu số lượng theo % kế hoạch."
        ),
    },
    "report.override": {"en": "set by hand: {reason}", "vi": "đánh giá thủ công: {reason}"},
    "report.sources": {"en": "Sources of the figures", "vi": "Nguồn số liệu"},
    "report.sources.none": {"en": "No figures recorded yet.", "vi": "Chưa có số liệu nào."},
    "report.notes": {"en": "Notes on the indicators", "vi": "Ghi chú về các chỉ tiêu"},
    "report.recorded": {"en": "recorded {date} by {user}", "vi": "nhập ngày {date} bởi {user}"},
    # record confirmation and commands
    "record.saved": {
        "en": "Recorded #{id}: {code} = {value} for {period} ({basis}).",
        "vi": "Đã ghi #{id}: {code} = {value} cho kỳ {period} ({basis}).",
    },
    "record.period_default": {
        "en": "No --period given: used {period}.",
        "vi": "Không có --period: dùng kỳ {period}.",
    },
    "record.standing": {"en": "now {status}", "vi": "hiện {status}"},
    "undo.done": {
        "en": "Retracted #{id} ({code} = {value} for {period}) with record #{by}.",
        "vi": "Đã rút lại #{id} ({code} = {value} kỳ {period}) bằng bản ghi #{by}.",
    },
    "history.retracted": {"en": "retracted by #{by}", "vi": "đã rút lại bởi #{by}"},
    "history.retracts": {"en": "retracts #{id}", "vi": "rút lại #{id}"},
    "history.none": {"en": "No records yet.", "vi": "Chưa có bản ghi nào."},
    "check.failing": {"en": "{code}: {status}", "vi": "{code}: {status}"},
    "warn.far": {
        "en": "Warning: {value} is more than 10 times {direction} the target {target}; did you mean {likely}?",
        "vi": "Cảnh báo: {value} {direction} mục tiêu {target} hơn 10 lần; có phải ý bạn là {likely}?",
    },
    "warn.far.above": {"en": "above", "vi": "cao hơn"},
    "warn.far.below": {"en": "below", "vi": "thấp hơn"},
}


class Texts:
    """The catalogue in one language."""

    def __init__(self, lang: Lang = "en") -> None:
        self.lang: Lang = lang

    def __call__(self, key: str, **values: object) -> str:
        return CATALOGUE[key][self.lang].format(**values)

    def status(self, status: str) -> str:
        return self(f"status.{status}")


def choose_lang(option: str | None, environ: Mapping[str, str]) -> Lang:
    """--lang, else LAICHAU_TARGETS_LANG, else the locale as gettext reads it, else English."""
    for value in (option, environ.get("LAICHAU_TARGETS_LANG")):
        if value:
            return "vi" if value.lower().startswith("vi") else "en"
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name)
        if value:
            for part in value.split(":"):
                if part.lower().startswith("vi"):
                    return "vi"
                if part.lower().startswith("en"):
                    return "en"
            return "en"
    return "en"
