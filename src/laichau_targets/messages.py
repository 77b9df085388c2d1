"""Every sentence a person reads, in English and Vietnamese.

A plain table rather than gettext: two languages, a few dozen messages, no
build step for .mo files, and a test can walk it to find a missing translation.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal

from .formatting import human
from .values import Value

Lang = Literal["en", "vi"]  # the one language type: of the output, of --lang, of the catalogue
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
    "status.no_target": {"en": "No target yet", "vi": "Chưa có chỉ tiêu"},
    "status.basically_met": {"en": "Basically met", "vi": "Cơ bản đạt"},
    "status.not_judged": {"en": "Not judged", "vi": "Không đánh giá"},
    "target.none": {"en": "no target yet", "vi": "chưa có chỉ tiêu"},
    # comparisons
    "comparison.at_least": {"en": "at least", "vi": "tối thiểu"},
    "comparison.at_most": {"en": "at most", "vi": "tối đa"},
    "comparison.about": {"en": "about", "vi": "khoảng"},
    # kinds
    "kind.level": {"en": "level", "vi": "mức"},
    "kind.growth_rate": {"en": "yearly change", "vi": "tăng/giảm trong năm"},
    "kind.accumulating": {"en": "accumulating", "vi": "lũy kế"},
    # bases
    "basis.estimate": {"en": "estimate", "vi": "ước"},
    "basis.official": {"en": "official", "vi": "chính thức"},
    # periods as people write them (the log, JSON and CSV keep 2024-Q1, 2024-H1, 2024-09, 2024)
    "period.year": {"en": "{year}", "vi": "năm {year}"},
    "period.q1": {"en": "Q1 {year}", "vi": "quý I/{year}"},
    "period.h1": {"en": "H1 {year}", "vi": "6 tháng/{year}"},
    "period.month1": {"en": "Jan {year}", "vi": "tháng 1/{year}"},
    "period.months": {"en": "Jan–{end} {year}", "vi": "{end} tháng/{year}"},
    "period.month_ends": {
        "en": "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec",
        "vi": "1 2 3 4 5 6 7 8 9 10 11 12",
    },
    # table headers
    "col.code": {"en": "Code", "vi": "Mã"},
    "col.indicator": {"en": "Indicator", "vi": "Chỉ tiêu"},
    "col.unit": {"en": "Unit", "vi": "Đơn vị"},
    "col.target": {"en": "Target", "vi": "Kế hoạch"},
    "col.latest": {"en": "Latest", "vi": "Thực hiện"},
    "col.period": {"en": "Period", "vi": "Kỳ"},
    "col.progress": {"en": "Progress", "vi": "Tiến độ"},
    "col.gap": {"en": "Gap", "vi": "Chênh lệch"},
    "col.term_target": {"en": "Term target", "vi": "Mục tiêu giai đoạn"},
    "col.term_figure": {"en": "Term figure", "vi": "Cả giai đoạn"},
    "col.status": {"en": "Status", "vi": "Đánh giá"},
    "col.pace_so_far": {"en": "Pace/month", "vi": "Bình quân/tháng"},
    "col.pace_needed": {"en": "Needed/month", "vi": "Cần/tháng"},
    "col.projected": {"en": "Projected", "vi": "Dự báo cả năm"},
    "col.no": {"en": "No.", "vi": "TT"},
    "col.unit_full": {"en": "Unit", "vi": "Đơn vị tính"},
    "col.period_basis": {"en": "Period of the figure", "vi": "Kỳ số liệu"},
    "col.vs_plan": {"en": "Against target (%)", "vi": "So với kế hoạch (%)"},
    "col.target_source": {"en": "Source of the target", "vi": "Nguồn chỉ tiêu kế hoạch"},
    "col.record": {"en": "Record", "vi": "Bản ghi"},
    "col.recorded": {"en": "Recorded", "vi": "Ngày nhập"},
    "col.user": {"en": "By", "vi": "Người nhập"},
    "col.source": {"en": "Source of the figure", "vi": "Nguồn số liệu"},
    "col.note": {"en": "Note", "vi": "Ghi chú"},
    "xlsx.sheet.report": {"en": "Report", "vi": "Báo cáo"},
    "xlsx.sheet.sources": {"en": "Rules and sources", "vi": "Quy tắc và nguồn"},
    "xlsx.figures_date": {
        "en": "Figures as recorded up to {date}.",
        "vi": "Số liệu cập nhật đến ngày {date}.",
    },
    "template.col.value": {"en": "Value", "vi": "Thực hiện"},
    "template.col.period": {"en": "Period", "vi": "Kỳ"},
    "template.col.basis": {"en": "Estimate / official", "vi": "Ước / Chính thức"},
    "template.col.source": {"en": "Source", "vi": "Nguồn"},
    "template.sheet": {"en": "Figures", "vi": "Số liệu"},
    "template.title": {
        "en": "{province} {year}: figures to report",
        "vi": "Biểu báo cáo số liệu thực hiện các chỉ tiêu kế hoạch năm {year} tỉnh {province}",
    },
    "template.how": {
        "en": (
            "Fill in the shaded cells of each indicator you report: the figure as a number, in English "
            "notation ({example}: a comma between thousands, a point before the decimals); its period, one "
            "of {choices}; estimate or official; its source. Leave the codes as they are; rows without a "
            "figure are left out. Then send the file back to {recipient}."
        ),
        "vi": (
            "Điền vào các ô tô màu của mỗi chỉ tiêu đơn vị báo cáo: số liệu thực hiện bằng số, viết theo "
            "cách Việt Nam ({example}: dấu chấm phân cách hàng nghìn, dấu phẩy trước phần thập phân); kỳ số "
            "liệu, một trong {choices}; ước hay chính thức; nguồn số liệu. Giữ nguyên cột Mã; dòng không "
            "có số liệu được bỏ qua. Điền xong, gửi lại tệp cho {recipient}."
        ),
    },
    "template.recipient": {
        "en": "the office that sent you this template",
        "vi": "cơ quan đã gửi biểu mẫu này",
    },
    "template.owner": {"en": "Reported by: {owner}", "vi": "Đơn vị báo cáo: {owner}"},
    "template.prompt.period": {"en": "One of: {choices}", "vi": "Một trong: {choices}"},
    "template.prompt.basis": {"en": "One of: {choices}", "vi": "Một trong: {choices}"},
    "show.shortened": {
        "en": "Names are shortened to fit the width; `targets list` gives them whole.",
        "vi": "Tên chỉ tiêu được rút gọn cho vừa khổ; `targets list` in tên đầy đủ.",
    },
    # headline
    "headline.met": {
        "en": "{met}/{total} indicators met or exceeded",
        "vi": "{met}/{total} chỉ tiêu đạt và vượt kế hoạch",
    },
    "headline.on_track": {"en": "{n} on track", "vi": "{n} đúng tiến độ"},
    "headline.at_risk": {"en": "{n} at risk", "vi": "{n} có nguy cơ không đạt"},
    "headline.off_track": {"en": "{n} off track", "vi": "{n} chậm tiến độ"},
    "headline.not_met": {"en": "{n} not met", "vi": "{n} không đạt"},
    "headline.basically_met": {"en": "{n} basically met", "vi": "{n} cơ bản đạt"},
    "headline.not_judged": {"en": "{n} not judged", "vi": "{n} không đánh giá"},
    "headline.no_data": {"en": "{n} no data", "vi": "{n} chưa có số liệu"},
    "headline.no_target": {"en": "{n} no target yet", "vi": "{n} chưa có chỉ tiêu"},
    # gaps as the reports phrase them
    "gap.points_below": {
        "en": "{gap} points below target",
        "vi": "thấp hơn mục tiêu {gap} điểm %",
    },
    "gap.points_above": {
        "en": "{gap} points above target",
        "vi": "cao hơn mục tiêu {gap} điểm %",
    },
    "gap.point_below": {"en": "{gap} point below target", "vi": "thấp hơn mục tiêu {gap} điểm %"},
    "gap.point_above": {"en": "{gap} point above target", "vi": "cao hơn mục tiêu {gap} điểm %"},
    "gap.points_short": {"en": "{gap} pt", "vi": "{gap} điểm"},
    "gap.on_target": {"en": "on target", "vi": "bằng mục tiêu"},
    "gap.scenario": {
        "en": "the target is the growth scenario's {target}",
        "vi": "mục tiêu là {target} theo kịch bản tăng trưởng",
    },
    "status.vs_scenario": {"en": "vs scenario", "vi": "so với kịch bản"},
    "col.scenario": {"en": "Scenario", "vi": "Kịch bản"},
    "change.break": {"en": "not comparable", "vi": "không so sánh được"},
    "report.breaks": {"en": "Series breaks", "vi": "Số liệu không so sánh được"},
    "break.whole_year": {"en": "{year}", "vi": "năm {year}"},
    "break.year": {
        "en": "not compared with the year before: from {day}, {reason}",
        "vi": "không so sánh với cùng kỳ: từ {day}, {reason}",
    },
    "break.term": {
        "en": "no term figure across the break of {day}: {reason}",
        "vi": "không tính cả giai đoạn qua mốc {day}: {reason}",
    },
    "break.unit_gone": {
        "en": "not judged in a plan after {day}: {reason}",
        "vi": "không đánh giá trong kế hoạch từ {day}: {reason}",
    },
    "progress.of_budget_estimate": {"en": "{share} of est.", "vi": "{share} dự toán"},
    "gap.share_of_plan": {"en": "{progress} of plan", "vi": "đạt {progress} kế hoạch"},
    "gap.share_of_budget_estimate": {
        "en": "{progress} of the budget estimate",
        "vi": "đạt {progress} dự toán",
    },
    "gap.exceeded_from": {"en": "exceeded only above {threshold}", "vi": "vượt khi trên {threshold}"},
    "gap.exceeded_from.at_most": {"en": "exceeded only below {threshold}", "vi": "vượt khi dưới {threshold}"},
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
    "report.made": {
        "en": "No figures recorded yet. Report made {made}.",
        "vi": "Chưa có số liệu. Báo cáo lập lúc {made}.",
    },
    "report.figures_dated": {
        "en": "Latest figures: {period}, last recorded {date}. Report made {made}.",
        "vi": "Số liệu mới nhất: {period}, nhập lần cuối ngày {date}. Báo cáo lập lúc {made}.",
    },
    "report.table": {"en": "Indicators", "vi": "Các chỉ tiêu"},
    "report.remains": {"en": "What remains", "vi": "Các chỉ tiêu chưa đạt"},
    "report.remains.none": {
        "en": "Nothing: every indicator with data is at or beyond its target.",
        "vi": "Không có: mọi chỉ tiêu có số liệu đều đạt hoặc vượt mục tiêu.",
    },
    "report.remains.pace": {
        "en": "needs {needed} {unit} a month for the rest of the year, against {so_far} {unit} a month so far",
        "vi": "cần {needed} {unit}/tháng trong các tháng còn lại, so với {so_far} {unit}/tháng đến nay",
    },
    "annex.number": {"en": "Table {number}", "vi": "Biểu số {number}"},
    "annex.issuer": {"en": "PEOPLE'S COMMITTEE", "vi": "ỦY BAN NHÂN DÂN"},
    "annex.issuer.province": {"en": "OF {province} PROVINCE", "vi": "TỈNH {province}"},
    "annex.motto": {"en": "SOCIALIST REPUBLIC OF VIET NAM", "vi": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"},
    "annex.motto.line": {"en": "Independence - Freedom - Happiness", "vi": "Độc lập - Tự do - Hạnh phúc"},
    "annex.place_date": {
        "en": "{place}, {year}-{month}-{day}",
        "vi": "{place}, ngày {day} tháng {month} năm {year}",
    },
    "annex.title": {
        "en": "MAIN SOCIO-ECONOMIC INDICATORS OF {province} PROVINCE: PERFORMANCE IN {year}",
        "vi": "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU CHỦ YẾU KẾ HOẠCH PHÁT TRIỂN KINH TẾ - XÃ HỘI NĂM {year} TỈNH {province}",
    },
    "annex.title.next": {
        "en": "MAIN SOCIO-ECONOMIC INDICATORS OF {province} PROVINCE: PERFORMANCE IN {year} AND THE PLAN FOR {next}",
        "vi": (
            "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU CHỦ YẾU KẾ HOẠCH PHÁT TRIỂN KINH TẾ - XÃ HỘI NĂM {year} "
            "VÀ KẾ HOẠCH NĂM {next} TỈNH {province}"
        ),
    },
    "annex.title.draft": {
        "en": (
            "MAIN SOCIO-ECONOMIC INDICATORS OF {province} PROVINCE: PERFORMANCE IN {year} "
            "AND THE PROPOSED PLAN FOR {next}"
        ),
        "vi": (
            "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU CHỦ YẾU KẾ HOẠCH PHÁT TRIỂN KINH TẾ - XÃ HỘI NĂM {year} "
            "VÀ DỰ KIẾN KẾ HOẠCH NĂM {next} TỈNH {province}"
        ),
    },
    "annex.attached_to": {"en": "(Attached to {report})", "vi": "(Kèm theo {report})"},
    "annex.attached_blank": {
        "en": "(Attached to Report No. …/BC-UBND of …/…/{year} of the People's Committee of {province} province)",
        "vi": "(Kèm theo Báo cáo số …/BC-UBND ngày …/…/{year} của Ủy ban nhân dân tỉnh {province})",
    },
    "annex.col.no": {"en": "No.", "vi": "TT"},
    "annex.col.indicator": {"en": "Indicator", "vi": "Chỉ tiêu"},
    "annex.col.unit": {"en": "Unit", "vi": "Đơn vị tính"},
    "annex.col.previous": {"en": "Actual {year}", "vi": "Thực hiện năm {year}"},
    "annex.col.plan": {"en": "Plan {year}", "vi": "Kế hoạch năm {year}"},
    "annex.col.estimate": {"en": "Estimated {year}", "vi": "Ước thực hiện năm {year}"},
    "annex.col.actual": {"en": "Actual {year}", "vi": "Thực hiện năm {year}"},
    "annex.col.compare": {"en": "Comparison (%)", "vi": "So sánh (%)"},
    "annex.col.vs_plan": {"en": "Against the plan", "vi": "Với kế hoạch"},
    "annex.col.vs_last_year": {"en": "Against last year", "vi": "Với cùng kỳ"},
    "annex.col.next": {"en": "Plan {year}", "vi": "Kế hoạch năm {year}"},
    "annex.col.next_draft": {"en": "Proposed plan {year}", "vi": "Dự kiến kế hoạch năm {year}"},
    "annex.col.note": {"en": "Notes", "vi": "Ghi chú"},
    "annex.group.economic": {"en": "ECONOMIC INDICATORS", "vi": "CHỈ TIÊU KINH TẾ"},
    "annex.group.social": {"en": "SOCIAL INDICATORS", "vi": "CHỈ TIÊU XÃ HỘI"},
    "annex.group.environment": {"en": "ENVIRONMENTAL INDICATORS", "vi": "CHỈ TIÊU MÔI TRƯỜNG"},
    "annex.group.other": {"en": "OTHER INDICATORS", "vi": "CHỈ TIÊU KHÁC"},
    "annex.note.above": {"en": "{gap} pt above the plan", "vi": "Cao hơn kế hoạch {gap} điểm %"},
    "annex.note.below": {"en": "{gap} pt below the plan", "vi": "Thấp hơn kế hoạch {gap} điểm %"},
    "annex.note.budget_estimate": {"en": "Against the budget estimate", "vi": "So với dự toán"},
    "annex.note.on": {"en": "As planned", "vi": "Bằng kế hoạch"},
    "report.rules": {"en": "Rules used", "vi": "Quy tắc đánh giá"},
    "report.rules.basically_met": {
        "en": (
            "A full-year or term figure short of its target by no more than {band} of the target "
            "(for a rate, {band} of the target taken in points) is Basically met."
        ),
        "vi": (
            "Số liệu cả năm hoặc cả giai đoạn thấp hơn mục tiêu không quá {band} mục tiêu "
            "(chỉ tiêu tốc độ: {band} của mục tiêu tính theo điểm %) được đánh giá “Cơ bản đạt”."
        ),
    },
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
            "Số liệu cả năm được đánh giá “Vượt” khi vượt mục tiêu hơn {exceed_margin} mục tiêu, "
            "“Đạt” khi bằng mục tiêu (chỉ tiêu “khoảng”: thấp hơn không quá {about_tolerance}), "
            "còn lại là “Không đạt”. Trong năm, chỉ tiêu lũy kế được đánh giá theo tiến độ dự báo "
            "đến cuối năm (về đích sớm khi đã đạt mục tiêu), chỉ tiêu mức và tốc độ theo chính số "
            "liệu: đúng tiến độ khi đạt mục tiêu, có nguy cơ không đạt khi thiếu không quá "
            "{at_risk_band} mục tiêu, còn lại là chậm tiến độ. Chỉ tiêu tỷ lệ so sánh theo điểm "
            "%, chỉ tiêu số lượng theo % kế hoạch."
        ),
    },
    "report.met_not_exceeded": {
        "en": "{code}: {figure} is Met, not Exceeded: {exceeded_from} (the target and {margin} of it)",
        "vi": "{code}: {figure} là “Đạt”, chưa “Vượt”: {exceeded_from} (mục tiêu cộng {margin} mục tiêu)",
    },
    "report.override": {"en": "set by hand: {reason}", "vi": "đánh giá thủ công: {reason}"},
    "report.sources": {"en": "Sources of the figures", "vi": "Nguồn số liệu"},
    "report.sources.none": {"en": "No figures recorded yet.", "vi": "Chưa có số liệu nào."},
    "report.notes": {"en": "Notes on the indicators", "vi": "Ghi chú về các chỉ tiêu"},
    "report.recorded": {"en": "recorded {date} by {user}", "vi": "do {user} nhập ngày {date}"},
    # record confirmation and commands
    "notice.plan_other_year": {
        "en": "Using the {plan} plan, which the folder pins; this year's is --plan {year}.",
        "vi": "Đang dùng kế hoạch {plan} mà thư mục chọn sẵn; kế hoạch năm nay là --plan {year}.",
    },
    "notice.plan_other_year_none": {
        "en": "Using the {plan} plan: the folder has no plan for {year} yet (targets plan new {year}).",
        "vi": "Đang dùng kế hoạch {plan}: thư mục chưa có kế hoạch năm {year} (targets plan new {year}).",
    },
    "error.source_date_unparsable": {
        "en": "{env}={text} is not a time; give it as seconds since 1970-01-01 UTC, e.g. 1796601600",
        "vi": "{env}={text} không phải là thời điểm; hãy ghi số giây kể từ 1970-01-01 UTC, ví dụ 1796601600",
    },
    "error.indicator_scenario": {
        "en": 'indicator {where}: scenario is a table of checkpoints within {year} and their targets, e.g. scenario = {{ "{year}-Q1" = 6.5, "{year}-H1" = 7.8, "{year}-09" = 8.2 }}',
        "vi": 'chỉ tiêu {where}: scenario là bảng các mốc trong năm {year} và mục tiêu của từng mốc, ví dụ scenario = {{ "{year}-Q1" = 6.5, "{year}-H1" = 7.8, "{year}-09" = 8.2 }}',
    },
    "error.plan_status": {
        "en": 'status is {value}; a plan\'s status is "draft" or "adopted"',
        "vi": 'status là {value}; trạng thái của kế hoạch là "draft" (dự kiến) hoặc "adopted" (đã thông qua)',
    },
    "error.plan_draft_adopted": {
        "en": "a draft plan names the resolution that adopted it (adopted_by); adopt it with targets plan adopt",
        "vi": "kế hoạch dự kiến lại ghi nghị quyết thông qua (adopted_by); hãy thông qua bằng targets plan adopt",
    },
    "error.no_target_yet": {
        "en": "{code} has no target yet in this plan; set one with targets target set {code} VALUE",
        "vi": "{code} chưa có chỉ tiêu trong kế hoạch này; đặt bằng targets target set {code} GIÁ_TRỊ",
    },
    "help.plan": {
        "en": (
            "Draft next year's plan (or the next term's) and adopt it: targets plan new, targets plan adopt.\n\n"
            "Example: targets plan new 2027"
        ),
        "vi": (
            "Dự kiến kế hoạch năm sau (hoặc giai đoạn sau) và thông qua: targets plan new, targets plan adopt.\n\n"
            "Ví dụ: targets plan new 2027"
        ),
    },
    "help.plan.new": {
        "en": (
            "Draft a plan: a new plan file in the folder, named in targets.toml, listing the indicators of "
            "the plan before it (or --from's) with no targets yet, marked as a draft (dự kiến).\n\n"
            "Where a term plan runs, each growth target gets the pace that plan still needs as its "
            "proposal: a proposal, not a target. Examples: targets plan new 2027; targets plan new 2026-2030 --term."
        ),
        "vi": (
            "Dự kiến một kế hoạch: tệp kế hoạch mới trong thư mục, có tên trong targets.toml, gồm các chỉ tiêu "
            "của kế hoạch trước đó (hoặc của --from), chưa có mục tiêu, đánh dấu là dự kiến.\n\n"
            "Nếu có kế hoạch giai đoạn đang thực hiện, mỗi chỉ tiêu tăng trưởng được đề xuất tốc độ mà giai đoạn "
            "đó còn cần: là đề xuất, chưa phải chỉ tiêu. Ví dụ: targets plan new 2027; targets plan new 2026-2030 --term."
        ),
    },
    "help.plan.new.name": {
        "en": "The new plan: a year (2027), or the years of a term (2026-2030, with --term).",
        "vi": "Kế hoạch mới: một năm (2027), hoặc các năm của một giai đoạn (2026-2030, kèm --term).",
    },
    "help.plan.new.source": {
        "en": "The plan whose indicators the draft lists. Default: the latest plan of its kind before it.",
        "vi": "Kế hoạch có các chỉ tiêu mà bản dự kiến liệt kê. Mặc định: kế hoạch cùng loại gần nhất trước đó.",
    },
    "help.plan.new.term": {
        "en": "A term plan over the years the name gives.",
        "vi": "Kế hoạch giai đoạn, qua các năm mà tên kế hoạch nêu.",
    },
    "help.plan.adopt": {
        "en": "Mark a draft plan adopted, naming the resolution that adopted it.",
        "vi": "Đánh dấu kế hoạch dự kiến là đã thông qua, ghi nghị quyết thông qua.",
    },
    "help.plan.adopt.name": {"en": "The draft plan, e.g. 2027.", "vi": "Kế hoạch dự kiến, ví dụ 2027."},
    "help.plan.adopt.adopted_by": {
        "en": 'The resolution, e.g. "Nghị quyết số 12/NQ-HĐND ngày 10/12/2026".',
        "vi": 'Nghị quyết, ví dụ "Nghị quyết số 12/NQ-HĐND ngày 10/12/2026".',
    },
    "help.target": {
        "en": "Set or change a plan's targets: targets target set.\n\nExample: targets target set GRDP 10 --plan 2027",
        "vi": "Đặt hoặc sửa chỉ tiêu của kế hoạch: targets target set.\n\nVí dụ: targets target set GRDP 10 --plan 2027",
    },
    "help.target.set": {
        "en": (
            "Set or change one target of the plan (--plan, else the folder's), keeping the file's comments.\n\n"
            "With a --period within the year (2026-Q1, 2026-H1, 2026-09) the target is that checkpoint's in "
            "the plan's growth scenario (kịch bản tăng trưởng). Examples: targets target set GRDP 10 --plan 2027; "
            "targets target set GRDP 9-11 --plan 2026-2030 --rule average_annual_rate; "
            "targets target set GRDP 8.0 --plan 2026 --period 2026-H1."
        ),
        "vi": (
            "Đặt hoặc sửa một chỉ tiêu của kế hoạch (--plan, nếu không thì của thư mục), giữ nguyên chú thích của tệp.\n\n"
            "Với --period trong năm (2026-Q1, 2026-H1, 2026-09), đó là mục tiêu của mốc đó trong kịch bản tăng "
            "trưởng. Ví dụ: targets target set GRDP 10 --plan 2027; "
            "targets target set GRDP 9-11 --plan 2026-2030 --rule average_annual_rate; "
            "targets target set GRDP 8,0 --plan 2026 --period 2026-H1."
        ),
    },
    "help.target.set.code": {"en": "The indicator's code, e.g. GRDP.", "vi": "Mã chỉ tiêu, ví dụ GRDP."},
    "help.target.set.value": {
        "en": "The target, or a range as 9-11.",
        "vi": "Mục tiêu, hoặc một khoảng dạng 9-11.",
    },
    "help.target.set.comparison": {
        "en": "How a figure meets it: at_least, at_most, about or range. Default: as the plan has it, else at_least.",
        "vi": "Cách so số liệu với mục tiêu: at_least, at_most, about hoặc range. Mặc định: như kế hoạch đang ghi, nếu không là at_least.",
    },
    "help.target.set.period": {
        "en": "A checkpoint within the year for the growth scenario (2026-Q1, 2026-H1, 2026-09).",
        "vi": "Một mốc trong năm của kịch bản tăng trưởng (2026-Q1, 2026-H1, 2026-09).",
    },
    "help.target.set.rule": {
        "en": "A term plan's rule: average_annual_rate, level_by_end, amount_each_year, average_reduction, amount_over_term.",
        "vi": "Quy tắc của kế hoạch giai đoạn: average_annual_rate, level_by_end, amount_each_year, average_reduction, amount_over_term.",
    },
    "help.target.set.source": {
        "en": "The sentence of the source that states the target (an adopted plan without adopted_by needs one).",
        "vi": "Câu trong nguồn nêu chỉ tiêu (kế hoạch đã thông qua mà không có adopted_by thì cần câu này).",
    },
    "plan.drafted": {
        "en": "Drafted plan {name} (dự kiến) in {path}: {count} indicators of the {source} plan, no targets yet.",
        "vi": "Đã dự kiến kế hoạch {name} trong {path}: {count} chỉ tiêu của kế hoạch {source}, chưa có mục tiêu.",
    },
    "plan.proposals": {
        "en": "Proposed, at the pace the term plan still needs: {proposals}.",
        "vi": "Đề xuất, theo tốc độ kế hoạch giai đoạn còn cần: {proposals}.",
    },
    "plan.drafted.next": {
        "en": "Set its targets with: targets target set CODE VALUE --plan {name}",
        "vi": "Đặt chỉ tiêu bằng: targets target set MÃ GIÁ_TRỊ --plan {name}",
    },
    "plan.adopted": {
        "en": "Plan {name} adopted by {by} ({path}).",
        "vi": "Kế hoạch {name} đã được thông qua theo {by} ({path}).",
    },
    "target.set.done": {
        "en": "{code} in plan {plan}: {target}.",
        "vi": "{code} trong kế hoạch {plan}: {target}.",
    },
    "target.set.scenario": {
        "en": "{code} in plan {plan}: scenario target for {period}, {value}.",
        "vi": "{code} trong kế hoạch {plan}: kịch bản {period}, {value}.",
    },
    "error.edit_adopted_needs_source": {
        "en": 'plan {name} is adopted: changing a target amends it; name the amending resolution with --source, e.g. --source "Nghị quyết số 05/NQ-HĐND ngày 20/02/2025"',
        "vi": 'kế hoạch {name} đã được thông qua: đổi mục tiêu là điều chỉnh kế hoạch; ghi nghị quyết điều chỉnh bằng --source, ví dụ --source "Nghị quyết số 05/NQ-HĐND ngày 20/02/2025"',
    },
    "error.edit_unit_gone": {
        "en": "{code} counts in a unit that is gone from {day} (a series break of the folder): plan {name} cannot judge a target for it",
        "vi": "{code} tính theo đơn vị không còn từ {day} (mốc thay đổi số liệu của thư mục): kế hoạch {name} không thể đánh giá mục tiêu của chỉ tiêu này",
    },
    "error.edit_plan_exists": {
        "en": "the folder has a plan {name} already; change its targets with targets target set --plan {name}",
        "vi": "thư mục đã có kế hoạch {name}; sửa chỉ tiêu bằng targets target set --plan {name}",
    },
    "error.edit_file_exists": {
        "en": "{path} already exists; not overwriting it",
        "vi": "{path} đã có; không ghi đè",
    },
    "error.edit_plan_name": {
        "en": "'{name}' is not a plan's name: give a year (2027) or a term's years (2026-2030)",
        "vi": "'{name}' không phải tên kế hoạch: hãy ghi một năm (2027) hoặc các năm của giai đoạn (2026-2030)",
    },
    "error.edit_term_flag": {
        "en": "'{name}': a term's years go with --term (targets plan new 2026-2030 --term), a single year without it",
        "vi": "'{name}': các năm của giai đoạn đi kèm --term (targets plan new 2026-2030 --term), một năm thì không",
    },
    "error.edit_source_kind": {
        "en": "plan {name} cannot be drafted from {source}: a year's plan from a year's, a term's from a term's",
        "vi": "không thể dự kiến kế hoạch {name} từ {source}: kế hoạch năm từ kế hoạch năm, giai đoạn từ giai đoạn",
    },
    "error.edit_no_source": {
        "en": "the folder has no plan before {year} to draft from; name one with --from",
        "vi": "thư mục không có kế hoạch nào trước năm {year} để dự kiến theo; hãy chỉ ra bằng --from",
    },
    "error.edit_range": {
        "en": "{value}: a range target is written 9-11 and goes with --comparison range; a single value with any other",
        "vi": "{value}: chỉ tiêu khoảng ghi dạng 9-11 và đi với --comparison range; một giá trị thì đi với cách so khác",
    },
    "error.edit_range_reversed": {
        "en": "{value}: the range's low end comes first and is below its high end",
        "vi": "{value}: đầu thấp của khoảng ghi trước và nhỏ hơn đầu cao",
    },
    "error.edit_comparison": {
        "en": "--comparison {value}: use one of {choices}",
        "vi": "--comparison {value}: dùng một trong {choices}",
    },
    "error.edit_rule": {
        "en": "--rule {value}: use one of {choices}",
        "vi": "--rule {value}: dùng một trong {choices}",
    },
    "error.edit_rule_needed": {
        "en": "{code} in a term plan needs a rule: --rule, one of {rules}",
        "vi": "{code} trong kế hoạch giai đoạn cần quy tắc: --rule, một trong {rules}",
    },
    "error.edit_rule_annual": {
        "en": "plan {name} is a year's plan: --rule is for a term plan's target",
        "vi": "kế hoạch {name} là kế hoạch năm: --rule chỉ dùng cho kế hoạch giai đoạn",
    },
    "error.edit_scenario_year": {
        "en": "--period {period} is not within plan {name}: a scenario's checkpoints lie within its year",
        "vi": "--period {period} không thuộc kế hoạch {name}: các mốc của kịch bản nằm trong năm kế hoạch",
    },
    "error.edit_scenario_value": {
        "en": "a checkpoint's scenario target is one value, with no --rule",
        "vi": "mục tiêu của một mốc trong kịch bản là một giá trị, không kèm --rule",
    },
    "error.edit_source_empty": {
        "en": "--source names where the target comes from (the resolution and its sentence); it cannot be empty",
        "vi": "--source ghi nguồn của mục tiêu (nghị quyết và câu trích); không được để trống",
    },
    "error.edit_adopted_by_empty": {
        "en": "--adopted-by names the resolution that adopted the plan; it cannot be empty",
        "vi": "--adopted-by ghi nghị quyết thông qua kế hoạch; không được để trống",
    },
    "error.edit_adopt_no_targets": {
        "en": "plan {name} has no target yet: set them first (targets target set CODE VALUE --plan {name})",
        "vi": "kế hoạch {name} chưa có mục tiêu nào: đặt mục tiêu trước (targets target set MÃ GIÁ_TRỊ --plan {name})",
    },
    "error.edit_already_adopted_unnamed": {
        "en": "plan {name} is adopted already (its file names no resolution; add adopted_by under [plan] by hand)",
        "vi": "kế hoạch {name} đã được thông qua (tệp chưa ghi nghị quyết; thêm adopted_by trong [plan])",
    },
    "error.edit_already_adopted": {
        "en": "plan {name} is adopted already (by {by})",
        "vi": "kế hoạch {name} đã được thông qua (theo {by})",
    },
    "error.edit_cannot_read": {"en": "cannot read {path}: {reason}", "vi": "không đọc được {path}: {reason}"},
    "error.edit_cannot_write": {
        "en": "cannot write {path}: {reason}; no plan file was changed",
        "vi": "không ghi được {path}: {reason}; không tệp kế hoạch nào bị thay đổi",
    },
    "error.day_unparsable": {
        "en": "'{text}' is not a day; write it as 2025-11-20 or 20/11/2025",
        "vi": "'{text}' không phải là ngày; hãy viết 2025-11-20 hoặc 20/11/2025",
    },
    "error.day_after_today": {
        "en": "'{text}' is after today ({today}): a figure is reported on a day that has come",
        "vi": "'{text}' sau ngày hôm nay ({today}): số liệu chỉ được báo cáo vào ngày đã qua",
    },
    "help.record.reported_on": {
        "en": "The day the figure was reported (2025-11-20 or 20/11/2025), when not the day it is typed. Default: today.",
        "vi": "Ngày số liệu được báo cáo (2025-11-20 hoặc 20/11/2025), nếu khác ngày nhập. Mặc định: hôm nay.",
    },
    "history.reported_on": {"en": "reported {date}", "vi": "báo cáo ngày {date}"},
    "history.col.id": {"en": "Record", "vi": "Bản ghi"},
    "history.col.when": {"en": "Recorded", "vi": "Lúc nhập"},
    "history.col.user": {"en": "By", "vi": "Người nhập"},
    "history.col.code": {"en": "Code", "vi": "Mã"},
    "history.col.figure": {"en": "Figure", "vi": "Số liệu"},
    "history.col.period": {"en": "Period, basis", "vi": "Kỳ, loại số liệu"},
    "history.col.details": {"en": "Details", "vi": "Chi tiết"},
    "col.reported_on": {"en": "Reported on", "vi": "Ngày báo cáo"},
    "error.series_break": {
        "en": 'series_break {number}: give codes = ["CODE", …], a date (2025-07-01) or a year, and the reason; source, reason_en and unit_gone (true or false) may follow',
        "vi": 'series_break {number}: cần codes = ["MÃ", …], một ngày (2025-07-01) hoặc một năm, và lý do (reason); có thể thêm source, reason_en và unit_gone (true hoặc false)',
    },
    "error.series_break_code": {
        "en": "a series_break names {code}, which no plan of the folder has",
        "vi": "một series_break nêu {code}, mà không kế hoạch nào của thư mục có",
    },
    "error.today_unparsable": {
        "en": "{env}={text} is not a date; write it as YYYY-MM-DD, e.g. 2026-12-07",
        "vi": "{env}={text} không phải là ngày; hãy viết theo dạng YYYY-MM-DD, ví dụ 2026-12-07",
    },
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
    "history.source": {"en": "source: {source}", "vi": "nguồn: {source}"},
    "history.note": {"en": "note: {note}", "vi": "ghi chú: {note}"},
    "date.format": {"en": "%Y-%m-%d", "vi": "%d/%m/%Y"},
    "history.none": {"en": "No records yet.", "vi": "Chưa có bản ghi nào."},
    "history.none_for": {"en": "No records for {code}.", "vi": "Chưa có bản ghi nào cho {code}."},
    "log.migrated": {
        "en": "Converted the v0.1 record log {source} ({count} records) to {target}; the old file is kept as {backup}.",
        "vi": "Đã chuyển sổ ghi v0.1 {source} ({count} bản ghi) sang {target}; tệp cũ được giữ lại là {backup}.",
    },
    "log.torn_moved": {
        "en": "An interrupted write had left {lines} line(s) at the end of {log} that did not count; they are moved to {torn}.",
        "vi": "Một lần ghi bị ngắt giữa chừng đã để lại {lines} dòng ở cuối {log} không được tính; đã chuyển chúng sang {torn}.",
    },
    "record.outranked": {
        "en": "{code} = {figure} for {period} does not count: #{id} ({value}, {basis}, recorded {when} by {user}) counts over it.",
        "vi": "{code} = {figure} kỳ {period} không được tính: bản ghi #{id} ({value}, {basis}, do {user} nhập lúc {when}) được tính thay.",
    },
    "record.outranked_undo": {
        "en": "If #{id} is wrong, `targets undo {id}` takes it back, and {figure} counts.",
        "vi": "Nếu bản ghi #{id} sai, `targets undo {id}` sẽ rút lại nó, và số liệu {figure} được tính.",
    },
    "record.outranked_more": {
        "en": "{count} figures count over {figure}; `targets history {code}` lists them.",
        "vi": "Có {count} số liệu được tính trước số liệu {figure}; `targets history {code}` liệt kê chúng.",
    },
    "import.outranked_more": {
        "en": "… and {count} more figures of this file that do not count (targets history CODE shows what counts).",
        "vi": "… và {count} số liệu khác của tệp này không được tính (targets history MÃ cho biết số nào được tính).",
    },
    "log.nothing_to_migrate": {
        "en": "{path} is already in the current format; nothing to convert.",
        "vi": "{path} đã ở định dạng hiện hành; không có gì để chuyển.",
    },
    "check.failing": {"en": "{code}: {status}", "vi": "{code}: {status}"},
    "warn.far": {
        "en": "{value} is more than 10 times {direction} the target {target}; did you mean {likely}?",
        "vi": "{value} {direction} mục tiêu {target} hơn 10 lần; có phải định nhập {likely}?",
    },
    "warn.far.above": {"en": "above", "vi": "cao hơn"},
    "warn.far.below": {"en": "below", "vi": "thấp hơn"},
    # errors and warnings: one line each, after "Error: " or "Warning: " ("Lỗi: ", "Cảnh báo: ")
    "prefix.error": {"en": "Error", "vi": "Lỗi"},
    "prefix.warning": {"en": "Warning", "vi": "Cảnh báo"},
    "warn.future": {
        "en": "{period} has not begun (today is {today}); the figure is kept: if the year is a slip, `targets undo` takes it back",
        "vi": "kỳ {period} chưa bắt đầu (hôm nay là {today}); số liệu vẫn được lưu: nếu gõ nhầm năm, `targets undo` rút lại",
    },
    "warn.repeated": {
        "en": "{code} had this same figure for this period already (#{id}); both are kept, `targets undo` takes this one back",
        "vi": "{code} đã có đúng số liệu này cho kỳ này (#{id}); cả hai được lưu, `targets undo` rút lại bản ghi vừa nhập",
    },
    "error.plan_problem": {"en": "{path}: {problem}", "vi": "{path}: {problem}"},
    "error.plan_problems": {
        "en": "{path}: {count} problems: {problems}",
        "vi": "{path}: {count} lỗi: {problems}",
    },
    "error.at_line": {"en": "line {line}: {problem}", "vi": "dòng {line}: {problem}"},
    "error.plan_missing": {
        "en": "no plan file here; `targets init DIR` makes one",
        "vi": "không có tệp kế hoạch ở đây; `targets init DIR` tạo một tệp",
    },
    "error.plan_is_folder": {
        "en": "is a folder, not a plan file",
        "vi": "là thư mục, không phải tệp kế hoạch",
    },
    "error.plan_not_file": {
        "en": "is not a regular file, so it cannot be a plan",
        "vi": "không phải tệp thông thường nên không thể là kế hoạch",
    },
    "error.plan_too_large": {
        "en": "is larger than {largest} MB, too large to be a plan",
        "vi": "lớn hơn {largest} MB, quá lớn để là một kế hoạch",
    },
    "error.plan_not_utf8": {
        "en": "is not UTF-8 text (at byte {byte})",
        "vi": "không phải văn bản UTF-8 (tại byte {byte})",
    },
    "error.plan_unreadable": {"en": "cannot be read ({reason})", "vi": "không đọc được ({reason})"},
    "error.plan_not_toml": {"en": "not valid TOML: {detail}", "vi": "không phải TOML hợp lệ: {detail}"},
    "error.plan_unknown_top": {"en": "unknown table or key '{key}'", "vi": "bảng hoặc khóa lạ '{key}'"},
    "error.plan_no_head": {
        "en": "missing the [plan] table (province, year, title, site, author)",
        "vi": "thiếu bảng [plan] (province, year, title, site, author)",
    },
    "error.plan_bad_year": {
        "en": "[plan] year must be a year like 2024",
        "vi": "[plan] year phải là một năm, ví dụ 2024",
    },
    "error.plan_head_text": {
        "en": "[plan] needs {key} as non-empty text",
        "vi": "[plan] cần {key} là văn bản không rỗng",
    },
    "error.plan_settings_table": {"en": "[settings] must be a table", "vi": "[settings] phải là một bảng"},
    "error.plan_settings_unknown": {
        "en": "[settings] has an unknown key '{key}'",
        "vi": "[settings] có khóa lạ '{key}'",
    },
    "error.plan_settings_number": {
        "en": "[settings] {key} must be a number",
        "vi": "[settings] {key} phải là một số",
    },
    "error.plan_settings_range": {
        "en": "[settings] {key} must be {range}",
        "vi": "[settings] {key} phải là {range}",
    },
    "error.plan_settings_over": {
        "en": "[settings] {key} is a share of the target in %: it cannot be more than 100",
        "vi": "[settings] {key} là tỷ lệ % của mục tiêu: không thể lớn hơn 100",
    },
    "error.plan_settings_negative": {
        "en": "[settings] {key} must not be negative",
        "vi": "[settings] {key} không được âm",
    },
    "error.plan_no_indicators": {
        "en": "the plan has no [[indicator]] tables",
        "vi": "kế hoạch không có bảng [[indicator]] nào",
    },
    "error.indicator_not_table": {
        "en": "indicator {where} must be a table",
        "vi": "chỉ tiêu {where} phải là một bảng",
    },
    "error.indicator_unknown_key": {
        "en": "indicator {where} has an unknown key '{key}'",
        "vi": "chỉ tiêu {where} có khóa lạ '{key}'",
    },
    "error.indicator_bad_code": {
        "en": "indicator {where} needs a code of letters, digits, _ or - (like GRDP)",
        "vi": "chỉ tiêu {where} cần mã gồm chữ, số, _ hoặc - (ví dụ GRDP)",
    },
    "error.indicator_text": {
        "en": "indicator {where} needs {key} as non-empty text",
        "vi": "chỉ tiêu {where} cần {key} là văn bản không rỗng",
    },
    "error.indicator_optional_text": {
        "en": "indicator {where}: {key} must be text",
        "vi": "chỉ tiêu {where}: {key} phải là văn bản",
    },
    "error.indicator_number": {
        "en": "indicator {where}: {key} must be a number",
        "vi": "chỉ tiêu {where}: {key} phải là một số",
    },
    "error.indicator_number_range": {
        "en": "indicator {where}: {key} must be {range}",
        "vi": "chỉ tiêu {where}: {key} phải là {range}",
    },
    "error.plan_number_huge": {
        "en": "a number with thousands of digits; a plan number must be {range}",
        "vi": "một số có hàng nghìn chữ số; số trong kế hoạch phải là {range}",
    },
    "error.indicator_comparison": {
        "en": "indicator {where} has comparison '{value}'; use one of {choices}",
        "vi": "chỉ tiêu {where} có comparison '{value}'; dùng một trong {choices}",
    },
    "error.indicator_kind": {
        "en": "indicator {where} has kind '{value}'; use one of {choices}",
        "vi": "chỉ tiêu {where} có kind '{value}'; dùng một trong {choices}",
    },
    "error.indicator_measured_against": {
        "en": "indicator {where} has measured_against '{value}'; use one of {choices}",
        "vi": "chỉ tiêu {where} có measured_against '{value}'; dùng một trong {choices}",
    },
    "error.indicator_group": {
        "en": "indicator {where} has group '{value}'; use one of {choices}",
        "vi": "chỉ tiêu {where} có group '{value}'; dùng một trong {choices}",
    },
    "error.indicator_min_max": {
        "en": "indicator {where} has min {min} not below max {max}",
        "vi": "chỉ tiêu {where} có min {min} không nhỏ hơn max {max}",
    },
    "error.indicator_no_target": {
        "en": "indicator {where} has no target",
        "vi": "chỉ tiêu {where} không có target",
    },
    "error.indicator_range_shape": {
        "en": "indicator {where} is a range: target must be [low, high]",
        "vi": "chỉ tiêu {where} là khoảng: target phải là [thấp, cao]",
    },
    "error.indicator_range_reversed": {
        "en": "indicator {where} has a range whose ends are reversed or equal: [{low}, {high}]",
        "vi": "chỉ tiêu {where} có khoảng bị đảo ngược hoặc hai đầu bằng nhau: [{low}, {high}]",
    },
    "error.indicator_override_shape": {
        "en": "indicator {where} override must be a table {{ status = ..., reason = ... }}",
        "vi": "chỉ tiêu {where}: override phải là bảng {{ status = ..., reason = ... }}",
    },
    "error.indicator_override_status": {
        "en": "indicator {where} override status '{value}'; use one of {choices}",
        "vi": "chỉ tiêu {where}: override status '{value}'; dùng một trong {choices}",
    },
    "error.indicator_override_reason": {
        "en": "indicator {where} override needs a reason",
        "vi": "chỉ tiêu {where}: override cần lý do (reason)",
    },
    "error.indicator_duplicate": {
        "en": "duplicate code '{code}' (first used by indicator {first})",
        "vi": "mã '{code}' bị trùng (đã dùng cho chỉ tiêu {first})",
    },
    "error.unknown_code_suggest": {
        "en": "unknown indicator '{code}'; did you mean '{suggestion}'?",
        "vi": "không có chỉ tiêu '{code}'; có phải định nhập '{suggestion}'?",
    },
    "error.unknown_code": {
        "en": "unknown indicator '{code}'; `targets list` shows the codes",
        "vi": "không có chỉ tiêu '{code}'; `targets list` liệt kê các mã",
    },
    "error.not_a_number": {
        "en": "'{text}' is not a number; write it like 8.7, 8,7, 2236 or 2.236,5",
        "vi": "'{text}' không phải là số; hãy viết như 8,7, 8.7, 2236 hoặc 2.236,5",
    },
    "error.figure_out_of_range": {
        "en": "{value} is outside the range a figure may have: {range}",
        "vi": "{value} nằm ngoài phạm vi cho phép của một số liệu: {range}",
    },
    "range.figure": {
        "en": "a finite number of at most {digits} significant digits, smaller than 10^{magnitude} in size and no finer than 10^{exponent}",
        "vi": "số hữu hạn, tối đa {digits} chữ số có nghĩa, độ lớn nhỏ hơn 10^{magnitude} và không lẻ hơn 10^{exponent}",
    },
    "error.broken_grouping": {
        "en": "'{text}' is not a number: its digit grouping is broken",
        "vi": "'{text}' không phải là số: cách nhóm chữ số bị sai",
    },
    "error.ambiguous_number": {
        "en": "'{text}' is ambiguous: {vi} if written in Vietnamese notation, {en} if in English notation; add --locale vi or --locale en",
        "vi": "'{text}' có hai cách hiểu: {vi} nếu viết theo cách Việt Nam, {en} nếu viết theo cách tiếng Anh; thêm --locale vi hoặc --locale en",
    },
    "error.wrong_locale_vi": {
        "en": "'{text}' does not read as a number in Vietnamese notation (--locale vi)",
        "vi": "'{text}' không phải là số theo cách viết Việt Nam (--locale vi)",
    },
    "error.wrong_locale_en": {
        "en": "'{text}' does not read as a number in English notation (--locale en)",
        "vi": "'{text}' không phải là số theo cách viết tiếng Anh (--locale en)",
    },
    "error.period_unparsable": {
        "en": "period '{text}' does not parse; use 2024, 2024-Q1, 2024-H1, a month like 2024-09, or 'Quý I/2024', '6 tháng/2024', '9T/2024', 'Năm 2024'",
        "vi": "kỳ '{text}' không hợp lệ; dùng 'Quý I/2024', '6 tháng/2024', '9T/2024', 'Năm 2024', hoặc 2024, 2024-Q1, 2024-H1, một tháng như 2024-09",
    },
    "error.period_year": {
        "en": "period '{text}': the year must be from {first} to {last}",
        "vi": "kỳ '{text}': năm phải từ {first} đến {last}",
    },
    "error.period_quarter_alone": {
        "en": "period '{text}': quarter {quarter} alone is not year-to-date and is not recorded; from January to the end of that quarter is {label} ({period})",
        "vi": "kỳ '{text}': số liệu riêng quý {quarter} không phải số lũy kế từ đầu năm nên không ghi được; số liệu lũy kế đến hết quý {quarter} ghi kỳ {period} ({label})",
    },
    "error.period_month_alone": {
        "en": "period '{text}': month {month} alone is not year-to-date; from January to month {month} is {label} ({period})",
        "vi": "kỳ '{text}': riêng tháng {month} không phải số lũy kế từ đầu năm; số liệu lũy kế {month} tháng ghi kỳ {period} ({label})",
    },
    "error.period_second_half": {
        "en": "period '{text}': periods are year-to-date, so the second half is the full year; use {year}",
        "vi": "kỳ '{text}': kỳ được tính lũy kế từ đầu năm, nên 6 tháng cuối năm là cả năm; dùng {year}",
    },
    "error.period_outside_year": {
        "en": "period '{text}' lies outside the plan year {year}",
        "vi": "kỳ '{text}' nằm ngoài năm kế hoạch {year}",
    },
    "error.value_below_min": {
        "en": "{value} is below the smallest plausible {code} value, {limit} (min in the plan)",
        "vi": "{value} nhỏ hơn giá trị hợp lý nhỏ nhất của {code} là {limit} (min trong kế hoạch)",
    },
    "error.value_above_max": {
        "en": "{value} is above the largest plausible {code} value, {limit} (max in the plan)",
        "vi": "{value} lớn hơn giá trị hợp lý lớn nhất của {code} là {limit} (max trong kế hoạch)",
    },
    "error.log_is_folder": {
        "en": "{path}: is a folder, not a record log",
        "vi": "{path}: là thư mục, không phải sổ ghi số liệu",
    },
    "error.log_not_file": {
        "en": "{path}: is not a regular file, so it cannot be a record log",
        "vi": "{path}: không phải tệp thông thường nên không thể là sổ ghi số liệu",
    },
    "error.log_unreadable": {
        "en": "{path}: cannot be read ({reason})",
        "vi": "{path}: không đọc được ({reason})",
    },
    "error.log_unwritable": {
        "en": "{path}: cannot be written ({reason})",
        "vi": "{path}: không ghi được ({reason})",
    },
    "error.log_damaged": {
        "en": "{path}: damaged: {detail}; fix it by hand, nothing is written until then",
        "vi": "{path}: bị hỏng: {detail}; hãy sửa bằng tay, chưa sửa thì không ghi thêm gì",
    },
    "error.log_record_damaged": {
        "en": "{path}: damaged: record at line {line}: {detail}; fix it by hand, nothing is written until then",
        "vi": "{path}: bị hỏng: bản ghi ở dòng {line}: {detail}; hãy sửa bằng tay, chưa sửa thì không ghi thêm gì",
    },
    "error.record_surrogate": {
        "en": "{key} holds half of a character (a lone \\u surrogate escape)",
        "vi": "{key} chứa nửa ký tự (một mã \\u thay thế đứng một mình)",
    },
    "error.text_undecodable": {
        "en": "the {key} is not valid text (bytes that are not UTF-8); nothing was written",
        "vi": "{key} không phải văn bản hợp lệ (có byte không phải UTF-8); chưa ghi gì",
    },
    "error.record_two_on_a_line": {
        "en": "two records on one line (the second begins at column {column}); put each on its own line",
        "vi": "hai bản ghi trên một dòng (bản ghi thứ hai bắt đầu ở cột {column}); hãy để mỗi bản ghi một dòng",
    },
    "error.record_id_case": {
        "en": "{key} {value} is in lower case; ids are written in capitals ({upper})",
        "vi": "{key} {value} viết chữ thường; mã bản ghi viết chữ hoa ({upper})",
    },
    "error.record_not_an_id": {
        "en": "{key} {value} is not a record id (26 letters and digits, as targets writes them)",
        "vi": "{key} {value} không phải mã bản ghi (26 chữ và số, như targets ghi)",
    },
    "error.record_time_range": {
        "en": "recorded_at {value} lies outside the range of dates and times",
        "vi": "recorded_at {value} nằm ngoài phạm vi ngày giờ",
    },
    "error.record_bad_date": {
        "en": "{key} {value} is not a date (YYYY-MM-DD)",
        "vi": "{key} {value} không phải ngày (YYYY-MM-DD)",
    },
    "error.record_bad_batch_size": {
        "en": "batch_size {value} is not a positive whole number",
        "vi": "batch_size {value} không phải số nguyên dương",
    },
    "error.record_batch_sizes": {
        "en": "the records of batch {batch} give different sizes",
        "vi": "các bản ghi của lô {batch} ghi số lượng khác nhau",
    },
    "error.record_batch_inside": {
        "en": "an interrupted write (batch {batch}: {count} of its {size} records) that is not at the end of the log; move its lines to records.torn.jsonl",
        "vi": "một lần ghi bị ngắt (lô {batch}: {count} trên {size} bản ghi) không nằm ở cuối sổ; hãy chuyển các dòng của nó sang records.torn.jsonl",
    },
    "error.log_bad_format": {
        "en": "format {value} is not a format number",
        "vi": "format {value} không phải số hiệu định dạng",
    },
    "error.log_newer_format": {
        "en": "{path}: line {line} says it is written in format {format} of the log, by a newer targets; this one reads format {ours} and older: upgrade targets",
        "vi": "{path}: dòng {line} cho biết sổ được ghi theo định dạng {format}, bởi phiên bản targets mới hơn; phiên bản này chỉ đọc định dạng {ours} trở về trước: hãy nâng cấp targets",
    },
    "error.cache_unusable": {
        "en": "the cache of the record log is damaged; delete the cache folder that `targets paths` names",
        "vi": "bộ nhớ đệm của sổ ghi số liệu bị hỏng; hãy xóa thư mục bộ nhớ đệm mà `targets paths` cho biết",
    },
    "error.toml_too_deep": {
        "en": "nested too deeply, or a number too long, to be a plan or a log",
        "vi": "lồng nhau quá sâu hoặc có số quá dài, không thể là kế hoạch hay sổ ghi",
    },
    "error.record_not_json": {
        "en": "not a JSON object on one line",
        "vi": "không phải một đối tượng JSON trên một dòng",
    },
    "error.record_bad_v01_id": {
        "en": "v01_id {value} is not a positive whole number",
        "vi": "v01_id {value} không phải số nguyên dương",
    },
    "error.record_value_range": {
        "en": "value {value} is outside the range a figure may have",
        "vi": "value {value} nằm ngoài phạm vi cho phép của một số liệu",
    },
    "error.record_id_taken": {
        "en": "id {id} is also the id of a different record at line {line}",
        "vi": "id {id} cũng là id của một bản ghi khác ở dòng {line}",
    },
    "error.retracts_itself": {
        "en": "the retraction retracts itself",
        "vi": "lần rút lại này rút lại chính nó",
    },
    "error.retracts_missing": {
        "en": "it retracts {id}, which is not in the log",
        "vi": "nó rút lại {id}, không có trong sổ ghi",
    },
    "error.retracts_retraction": {
        "en": "it retracts {id}, which is itself a retraction",
        "vi": "nó rút lại {id}, vốn là một lần rút lại",
    },
    "error.retracts_other_code": {
        "en": "it retracts {id}, a figure of {code}, but names {named}",
        "vi": "nó rút lại {id}, số liệu của {code}, nhưng lại ghi {named}",
    },
    "error.log_not_utf8": {
        "en": "not UTF-8 text at byte {byte}",
        "vi": "không phải văn bản UTF-8 tại byte {byte}",
    },
    "error.log_only_records": {
        "en": "a log holds only [[record]] tables",
        "vi": "sổ ghi chỉ chứa các bảng [[record]]",
    },
    "error.record_not_table": {"en": "not a table", "vi": "không phải một bảng"},
    "error.record_missing": {"en": "{key} is missing", "vi": "thiếu {key}"},
    "error.record_not_text": {"en": "{key} is not text", "vi": "{key} không phải văn bản"},
    "error.record_id_order": {
        "en": "id {id} does not follow id {last}",
        "vi": "id {id} không đứng sau id {last}",
    },
    "error.record_bad_time": {
        "en": "recorded_at is not a date and time",
        "vi": "recorded_at không phải ngày giờ",
    },
    "error.record_bad_retracts": {
        "en": "retracts is not a record id",
        "vi": "retracts không phải id bản ghi",
    },
    "error.record_bad_value": {
        "en": "value {value} is not a plain decimal number (digits 0-9, a point)",
        "vi": "value {value} không phải số thập phân thông thường (chữ số 0-9, dấu chấm)",
    },
    "error.record_bad_basis": {
        "en": "basis {value} is neither estimate nor official",
        "vi": "basis {value} không phải estimate hay official",
    },
    "error.undo_nothing": {"en": "there is no record to undo", "vi": "không có bản ghi nào để rút lại"},
    "error.undo_is_retraction": {
        "en": "record {id} is itself a retraction; record the figure again instead",
        "vi": "bản ghi {id} là một lần rút lại; hãy ghi lại số liệu thay vì thế",
    },
    "error.undo_already": {"en": "record {id} is already retracted", "vi": "bản ghi {id} đã được rút lại"},
    "error.undo_ambiguous": {
        "en": "{count} records start with {id}; give more of the id",
        "vi": "có {count} bản ghi bắt đầu bằng {id}; hãy gõ dài hơn",
    },
    "error.undo_prefix_short": {
        "en": "{id} is too short; give at least {shortest} characters of the id (`targets history` shows them)",
        "vi": "{id} quá ngắn; hãy gõ ít nhất {shortest} ký tự của id (`targets history` liệt kê các id)",
    },
    "error.undo_no_record": {
        "en": "there is no record {id}; `targets history` lists them",
        "vi": "không có bản ghi {id}; `targets history` liệt kê các bản ghi",
    },
    "error.plan_exists": {
        "en": "{path} already exists; not overwriting it",
        "vi": "{path} đã có; không ghi đè",
    },
    "error.not_a_folder": {
        "en": "{path} exists and is not a folder",
        "vi": "{path} đã có và không phải thư mục",
    },
    "error.no_home": {
        "en": "cannot tell your home folder, where your data folder would be; give --data DIR or set {env}",
        "vi": "không xác định được thư mục nhà, nơi đặt thư mục dữ liệu của bạn; hãy dùng --data DIR hoặc đặt {env}",
    },
    "error.cannot_make_folder": {
        "en": "{path}: cannot make a data folder here ({reason})",
        "vi": "{path}: không tạo được thư mục dữ liệu ở đây ({reason})",
    },
    "error.annex_number": {
        "en": "--annex-number is the annex's number, such as 01: not empty, at most {limit} characters",
        "vi": "--annex-number là số của biểu, ví dụ 01: không để trống, tối đa {limit} ký tự",
    },
    "error.annex_text_long": {
        "en": "{option} is {length} characters long; an annex's heading takes at most {limit}",
        "vi": "{option} dài {length} ký tự; phần đầu của biểu nhận tối đa {limit} ký tự",
    },
    "error.annex_term": {
        "en": "the Word annex is an annual plan's; for the term plan {name}, write xlsx (its review table), md or html",
        "vi": "biểu Word là của kế hoạch năm; với kế hoạch giai đoạn {name}, hãy lập xlsx (bảng đánh giá giai đoạn), md hoặc html",
    },
    "error.annex_options_term": {
        "en": "--annex-number, --attached-to and --issuer head an annual plan's annex; plan {name} is a term plan",
        "vi": "--annex-number, --attached-to và --issuer dùng cho biểu của kế hoạch năm; {name} là kế hoạch giai đoạn",
    },
    "error.format_extension": {
        "en": "{path}: the extension {extension} names another format than --format {format}; change one of them",
        "vi": "{path}: phần mở rộng {extension} là một định dạng khác với --format {format}; hãy sửa một trong hai",
    },
    "error.render_unwritable": {
        "en": "the report cannot be made: a temporary file cannot be written ({reason}); is the disk full?",
        "vi": "không lập được báo cáo: không ghi được tệp tạm ({reason}); ổ đĩa có bị đầy không?",
    },
    "error.output_unwritable": {
        "en": "{path}: cannot be written ({reason})",
        "vi": "{path}: không ghi được ({reason})",
    },
    "error.output_is_data": {
        "en": "{path}: is a file of the data folder (its plan or its record log); not writing a report over it",
        "vi": "{path}: là tệp của thư mục dữ liệu (kế hoạch hoặc sổ ghi số liệu); không ghi báo cáo đè lên",
    },
    "error.output_is_folder": {
        "en": "{path}: is a folder; give --output a file name",
        "vi": "{path}: là thư mục; hãy cho --output một tên tệp",
    },
    "error.output_empty": {
        "en": "--output needs a file name",
        "vi": "--output cần một tên tệp",
    },
    "error.stdout_failed": {
        "en": "standard output cannot be written ({reason})",
        "vi": "không ghi được ra đầu ra chuẩn ({reason})",
    },
    "error.written_not_printed": {
        "en": "record #{id} WAS written to the log, but standard output failed ({reason}); do not record it again",
        "vi": "bản ghi #{id} ĐÃ được ghi vào sổ, nhưng không in ra được đầu ra chuẩn ({reason}); đừng ghi lại lần nữa",
    },
    "error.folder_empty": {
        "en": "{what} is empty: name a folder (. for this one)",
        "vi": "{what} để trống: hãy ghi tên một thư mục (. là thư mục hiện tại)",
    },
    "error.argument_not_utf8": {
        "en": "the argument '{arg}' is not valid UTF-8 text",
        "vi": "tham số '{arg}' không phải văn bản UTF-8 hợp lệ",
    },
    "error.unknown_format": {
        "en": "unknown format '{format}'; use one of {choices}",
        "vi": "định dạng lạ '{format}'; dùng một trong {choices}",
    },
    "error.unknown_extension": {
        "en": "{path}: no report format has the extension '{extension}' (known: {known}); name one with --format",
        "vi": "{path}: không định dạng báo cáo nào có đuôi '{extension}' (các đuôi: {known}); chọn bằng --format",
    },
    "error.binary_to_terminal": {
        "en": "a {format} file is not for a terminal; write it with --output FILE or pipe it",
        "vi": "tệp {format} không hiển thị được trên màn hình dòng lệnh; ghi ra tệp bằng --output TỆP hoặc chuyển qua ống (|)",
    },
    "error.unknown_owner": {
        "en": "no indicator of the plan is reported by '{owner}'; the plan names: {known}",
        "vi": "không chỉ tiêu nào của kế hoạch do '{owner}' báo cáo; kế hoạch có: {known}",
    },
    "error.no_owners": {
        "en": "no indicator of the plan is reported by '{owner}': the plan names no owners (owner = \"...\" on an indicator)",
        "vi": "không chỉ tiêu nào của kế hoạch do '{owner}' báo cáo: kế hoạch chưa ghi đơn vị nào (owner = \"...\" trong chỉ tiêu)",
    },
    "import.origin.sheet": {"en": "{file}, {sheet} row {row}", "vi": "{file}, {sheet} dòng {row}"},
    "import.origin.csv": {"en": "{file} row {row}", "vi": "{file} dòng {row}"},
    "error.import_uncomputed": {
        "en": "the figure is a formula ({formula}) whose value was never computed; open the file in a spreadsheet program and save it",
        "vi": "số liệu là công thức ({formula}) chưa được tính ra giá trị; hãy mở tệp bằng chương trình bảng tính rồi lưu lại",
    },
    "import.where.sheet": {"en": "{sheet}, row {row}", "vi": "{sheet}, dòng {row}"},
    "import.where.csv": {"en": "row {row}", "vi": "dòng {row}"},
    "import.problem": {"en": "{where}: {problem}", "vi": "{where}: {problem}"},
    "error.import_bad_rows": {
        "en": "{path}: {count} bad row(s); nothing was recorded",
        "vi": "{path}: {count} dòng sai; chưa ghi số liệu nào",
    },
    "error.import_kind": {
        "en": "{path}: cannot import a '{suffix}' file; use .xlsx, .csv or .txt",
        "vi": "{path}: không nhập được tệp '{suffix}'; dùng .xlsx, .csv hoặc .txt",
    },
    "error.import_too_big": {
        "en": "{path}: its parts unpack to {size} MB, more than the {limit} MB import reads from one workbook; nothing was read",
        "vi": "{path}: các phần của tệp giải nén ra {size} MB, vượt mức {limit} MB mà lệnh import đọc từ một bảng tính; chưa đọc gì",
    },
    "error.import_part_too_big": {
        "en": "{path}: its part {part} unpacks to {size} MB, more than the {limit} MB import reads of one part; nothing was read",
        "vi": "{path}: phần {part} của tệp giải nén ra {size} MB, vượt mức {limit} MB cho một phần; chưa đọc gì",
    },
    "error.import_too_big_text": {
        "en": "{path}: {size} MB, more than the {limit} MB import reads from a text file; nothing was read",
        "vi": "{path}: {size} MB, vượt mức {limit} MB mà lệnh import đọc từ một tệp văn bản; chưa đọc gì",
    },
    "error.import_open_quote": {
        "en": '{path}: row {row}: a cell opens a quote (") that does not close where the cell ends, so the rows after it would be read into that cell; close the quote or remove it',
        "vi": '{path}: dòng {row}: một ô mở dấu nháy kép (") mà không đóng lại ở cuối ô, nên các dòng sau sẽ bị đọc lẫn vào ô đó; hãy đóng hoặc xoá dấu nháy',
    },
    "error.import_cell_too_long": {
        "en": "{path}: row {row}: a cell is longer than {limit} characters, the most a CSV cell may hold",
        "vi": "{path}: dòng {row}: có ô dài quá {limit} ký tự, mức tối đa của một ô CSV",
    },
    "error.import_nul": {
        "en": "{path}: row {row}: holds a NUL character (\\x00), which no text saved by a spreadsheet has; save the file again as CSV UTF-8",
        "vi": "{path}: dòng {row}: có ký tự NUL (\\x00), không có trong văn bản do chương trình bảng tính lưu; hãy lưu lại tệp dạng CSV UTF-8",
    },
    "error.import_bad_record": {
        "en": "{path}: row {row}: cannot be read as CSV ({reason})",
        "vi": "{path}: dòng {row}: không đọc được theo định dạng CSV ({reason})",
    },
    "error.import_only_hidden": {
        "en": "{path}: only hidden sheets have a header row naming the columns Mã (Code) and Thực hiện (Value): {sheets}; --include-hidden reads them",
        "vi": "{path}: chỉ các trang đang ẩn có dòng tiêu đề gồm các cột Mã và Thực hiện: {sheets}; dùng --include-hidden để đọc cả chúng",
    },
    "error.import_nothing_hidden": {
        "en": "{path}: no row has a figure but the hidden ones ({hidden}); --include-hidden reads them",
        "vi": "{path}: chỉ các dòng đang ẩn có số liệu ({hidden}); dùng --include-hidden để đọc cả chúng",
    },
    "import.hidden.left_out": {
        "en": "Left out as hidden: {hidden} (--include-hidden reads them).",
        "vi": "Bỏ qua vì đang ẩn: {hidden} (dùng --include-hidden để đọc cả chúng).",
    },
    "import.hidden.read": {
        "en": "Read although hidden (--include-hidden): {hidden}.",
        "vi": "Đã đọc cả phần đang ẩn (--include-hidden): {hidden}.",
    },
    "import.hidden.sheet": {"en": "sheet {sheet}", "vi": "trang {sheet}"},
    "import.hidden.rows": {"en": "{sheet} row(s) {rows}", "vi": "{sheet} dòng {rows}"},
    "import.hidden.columns": {"en": "{sheet} column(s) {columns}", "vi": "{sheet} cột {columns}"},
    "error.import_ambiguous": {
        "en": "cell {cell}: '{text}' is {grouped} if its {mark} separates thousands, or {integer} point {fraction} if it is the decimal mark, and the file's other figures do not show which; --locale {grouping} reads {grouped}, --locale {decimal} reads {integer} point {fraction}",
        "vi": "ô {cell}: '{text}' là {grouped} nếu dấu {mark} phân cách hàng nghìn, hoặc {integer} phẩy {fraction} nếu đó là dấu thập phân, và các số liệu khác trong tệp không cho biết cách viết; --locale {grouping} đọc là {grouped}, --locale {decimal} đọc là {integer} phẩy {fraction}",
    },
    "import.mark.dot": {"en": "dot", "vi": "chấm"},
    "import.mark.comma": {"en": "comma", "vi": "phẩy"},
    "error.import_missing": {"en": "{path}: no such file", "vi": "{path}: không có tệp này"},
    "error.import_unreadable": {
        "en": "{path}: cannot be read as a workbook ({reason})",
        "vi": "{path}: không đọc được như một bảng tính ({reason})",
    },
    "error.import_no_header": {
        "en": "{path}: no sheet has a header row naming the columns Mã (Code) and Thực hiện (Value)",
        "vi": "{path}: không trang nào có dòng tiêu đề gồm các cột Mã và Thực hiện",
    },
    "error.import_nothing": {
        "en": "{path}: no row has a figure; nothing to record",
        "vi": "{path}: không dòng nào có số liệu; không có gì để ghi",
    },
    "error.import_no_code": {
        "en": "a figure without a code",
        "vi": "có số liệu nhưng không có mã chỉ tiêu",
    },
    "error.import_not_a_number": {
        "en": "'{text}' is not a number",
        "vi": "'{text}' không phải là số",
    },
    "error.import_no_period": {
        "en": "no period (fill the Period column, or give --period)",
        "vi": "không có kỳ số liệu (điền cột Kỳ, hoặc dùng --period)",
    },
    "error.import_bad_basis": {
        "en": "'{text}' is neither an estimate nor official; write one of {choices}",
        "vi": "'{text}' không phải ước hay chính thức; ghi một trong {choices}",
    },
    "error.import_duplicate": {
        "en": "{code} {period} ({basis}) is already in {first}",
        "vi": "{code} kỳ {period} ({basis}) đã có ở {first}",
    },
    "import.reading": {"en": "Reading {path}", "vi": "Đang đọc {path}"},
    "import.dry_run": {
        "en": "{count} figure(s) from {path} would be recorded; nothing was written (--dry-run).",
        "vi": "Sẽ ghi {count} số liệu từ {path}; chưa ghi gì (--dry-run).",
    },
    "import.done": {
        "en": "Recorded {count} figure(s) from {path}.",
        "vi": "Đã ghi {count} số liệu từ {path}.",
    },
    "error.template_extension": {
        "en": "{path}: a template is an .xlsx workbook; name it so",
        "vi": "{path}: biểu mẫu là tệp .xlsx; hãy đặt tên có đuôi .xlsx",
    },
    "template.done": {
        "en": "Template for {count} indicator(s): {path}",
        "vi": "Biểu mẫu cho {count} chỉ tiêu: {path}",
    },
    "error.validate_count": {"en": "{path}: {count} problem(s)", "vi": "{path}: {count} lỗi"},
    "validate.with_entry": {
        "en": " (checked with {entry}, which names it)",
        "vi": " (kiểm tra cùng {entry}, tệp nêu nó)",
    },
    "validate.ok": {
        "en": "{path}: valid plan for {province} {year}, {count} indicators",
        "vi": "{path}: kế hoạch hợp lệ của {province} năm {year}, {count} chỉ tiêu",
    },
    "validate.ok.term": {
        "en": "{path}: valid plan for {province} {year}, {count} indicators",
        "vi": "{path}: kế hoạch hợp lệ của {province} giai đoạn {year}, {count} chỉ tiêu",
    },
    "init.plan": {"en": "Plan: {path}", "vi": "Kế hoạch: {path}"},
    "init.next": {
        "en": "Edit the plan to suit, then: targets --data {path} show",
        "vi": "Sửa kế hoạch cho phù hợp, rồi chạy: targets --data {path} show",
    },
    "paths.folder": {
        "en": "Data folder: {path} ({why})",
        "vi": "Thư mục dữ liệu: {path} ({why})",
    },
    "paths.plan": {"en": "Plan:        {path}", "vi": "Kế hoạch:         {path}"},
    "paths.plan_file": {"en": "Plan files:  {path}", "vi": "Tệp kế hoạch:     {path}"},
    "paths.plan_file_more": {"en": "             {path}", "vi": "                  {path}"},
    "paths.log": {"en": "Record log:  {path}", "vi": "Sổ ghi số liệu:   {path}"},
    "paths.cache": {"en": "Caches:      {path}", "vi": "Bộ nhớ đệm:       {path}"},
    "paths.missing": {
        "en": "The data folder {path} does not exist; `targets init {path}` starts one.",
        "vi": "Thư mục dữ liệu {path} không tồn tại; `targets init {path}` tạo thư mục này.",
    },
    "chosen.option": {"en": "chosen by --data", "vi": "chọn theo --data"},
    "chosen.env": {"en": "chosen by LAICHAU_TARGETS_DATA", "vi": "chọn theo LAICHAU_TARGETS_DATA"},
    "chosen.local": {"en": "chosen because ./data holds a plan", "vi": "chọn vì ./data có tệp kế hoạch"},
    "chosen.user": {
        "en": "your own data folder: no --data, no LAICHAU_TARGETS_DATA, no plan in ./data",
        "vi": "thư mục dữ liệu riêng của bạn: không có --data, LAICHAU_TARGETS_DATA hay kế hoạch trong ./data",
    },
    # several plans in one data folder (issue 11)
    "status.in_progress": {"en": "In progress", "vi": "Đang thực hiện"},
    "headline.in_progress": {"en": "{n} in progress", "vi": "{n} đang thực hiện"},
    "plan_kind.annual": {"en": "annual", "vi": "năm"},
    "plan_kind.term": {"en": "term", "vi": "giai đoạn"},
    "report.plan.annual": {"en": "Plan {name} (annual).", "vi": "Kế hoạch năm {name}."},
    "report.plan.term": {"en": "Plan {name} (term).", "vi": "Kế hoạch giai đoạn {name}."},
    "report.incomplete": {
        "en": "Incomplete: {count} of the plan's targets are in this file.",
        "vi": "Chưa đầy đủ: tệp này có {count} chỉ tiêu của kế hoạch.",
    },
    "report.title.term": {
        "en": "{province} {years}: review of the term plan",
        "vi": "Đánh giá kết quả thực hiện kế hoạch phát triển kinh tế - xã hội giai đoạn {years} tỉnh {province}",
    },
    "report.source.short": {"en": "Plan: “{title}”, {site}.", "vi": "Kế hoạch: “{title}”, {site}."},
    "report.source.title": {"en": "Plan: “{title}”.", "vi": "Kế hoạch: “{title}”."},
    "report.plan_note": {"en": "Note: {note}", "vi": "Ghi chú: {note}"},
    "col.change": {"en": "Of last year (%)", "vi": "So với cùng kỳ (%)"},
    "col.years": {"en": "Years", "vi": "Các năm"},
    "col.trend": {"en": "Trend", "vi": "Xu hướng"},
    "spark.year": {"en": "Y", "vi": "Năm"},
    "spark.months": {"en": "{n}M", "vi": "{n}T"},
    "show.seasonal_mark": {
        "en": "~ projected at last year's share of the year by the same checkpoint; otherwise the straight line",
        "vi": "~ dự báo theo tỷ trọng cùng kỳ năm trước; còn lại theo tốc độ bình quân (tuyến tính)",
    },
    "term_rule.average_annual_rate": {"en": "a year on average", "vi": "bình quân/năm"},
    "term_rule.level_by_end": {"en": "by {year}", "vi": "đến năm {year}"},
    "term_rule.amount_each_year": {"en": "each year", "vi": "mỗi năm"},
    "term_rule.average_reduction": {"en": "a year on average", "vi": "bình quân/năm"},
    "term_rule.amount_over_term": {"en": "in total over the term", "vi": "tổng cả giai đoạn"},
    "term.compounded": {
        "en": "{value} a year, compounded from the full-year rates of {years}",
        "vi": "bình quân {value}/năm, tính gộp từ tốc độ cả năm của {years}",
    },
    "term.level": {"en": "{value} in {year}", "vi": "{value} năm {year}"},
    "term.met_early": {"en": "met early, in {year}", "vi": "về đích sớm năm {year}"},
    "term.total": {"en": "{total} in {years}", "vi": "tổng {total} trong {years}"},
    "term.average": {"en": "{value} a year on average", "vi": "bình quân {value}/năm"},
    "term.years_met": {
        "en": "met in {met} of {count} years ({years})",
        "vi": "đạt {met}/{count} năm ({years})",
    },
    "term.average_reduction": {
        "en": "{value} a year on average over {years}",
        "vi": "bình quân {value}/năm trong {years}",
    },
    "col.needed": {"en": "Needed/yr", "vi": "Cần/năm"},
    "report.pace": {"en": "What the remaining years need", "vi": "Các năm còn lại cần đạt"},
    "pace.reached_cell": {"en": "reached", "vi": "đã đạt"},
    "pace.reached": {
        "en": "the {year} target is reached already; the remaining years need no pace",
        "vi": "đã đạt mục tiêu đến năm {year}; các năm còn lại không cần thêm",
    },
    "pace.years": {"en": "the years {years}", "vi": "các năm {years}"},
    "pace.year": {"en": "{year}", "vi": "năm {year}"},
    "pace.to_reach": {
        "en": "To reach the {year} target, {span}",
        "vi": "Để đạt mục tiêu đến năm {year}, {span}",
    },
    "pace.average_annual_rate": {
        "en": "{start} need to grow {rate} a year on average",
        "vi": "{start} cần tăng bình quân {rate}/năm",
    },
    "pace.upper": {
        "en": " ({rate} a year for the upper end, {high})",
        "vi": " ({rate}/năm để đạt mức cao {high})",
    },
    "pace.level_by_end": {
        "en": "{start} need to add {change} a year on average",
        "vi": "{start} cần tăng thêm bình quân {change}/năm",
    },
    "pace.level_by_end.down": {
        "en": "{start} need to cut {change} a year on average",
        "vi": "{start} cần giảm bình quân {change}/năm",
    },
    "pace.as_rate": {"en": " ({rate} a year)", "vi": " (tương đương {rate}/năm)"},
    "pace.amount_over_term": {
        "en": "{start} need {amount} a year on average",
        "vi": "{start} cần đạt bình quân {amount}/năm",
    },
    "pace.average_reduction": {
        "en": "{start} need a reduction of {value} a year on average",
        "vi": "{start} cần giảm bình quân {value}/năm",
    },
    "term.year": {"en": "{year}", "vi": "năm {year}"},
    "term.lacking": {
        "en": "no term figure: the term has ended without a full-year figure for {years}",
        "vi": "không có số liệu cả giai đoạn: thiếu số liệu năm {years}",
    },
    "term.missing_ended": {
        "en": "no full-year figure for {years}",
        "vi": "không có số liệu cả năm {years}",
    },
    "term.missing": {
        "en": "in progress: no full-year figure for {years}",
        "vi": "đang thực hiện: chưa có số liệu cả năm {years}",
    },
    "report.term": {"en": "The term figures", "vi": "Cách tính kết quả cả giai đoạn"},
    "report.projections": {"en": "Year-end projections", "vi": "Dự báo cả năm"},
    "projection.seasonal": {
        "en": "{code}: {value} by year end, at last year's share of the year by {period}",
        "vi": "{code}: {value} đến cuối năm, theo tỷ trọng cùng kỳ năm trước ({period})",
    },
    "projection.straight_line": {
        "en": "{code}: {value} by year end, at the same pace each month (straight line)",
        "vi": "{code}: {value} đến cuối năm, theo tốc độ bình quân mỗi tháng (tuyến tính)",
    },
    "report.baselines": {"en": "Against each baseline", "vi": "So với từng căn cứ"},
    "baseline.primary": {"en": "the plan's target", "vi": "kế hoạch"},
    "baseline.share": {"en": "{share} of {name}", "vi": "{share} {name}"},
    "baseline.line": {"en": "{shares}", "vi": "bằng {shares}"},
    "report.charts": {"en": "Charts", "vi": "Biểu đồ"},
    "chart.year": {"en": "year", "vi": "cả năm"},
    "chart.months": {"en": "{n} months", "vi": "{n} tháng"},
    "chart.year_met": {"en": "met", "vi": "đạt"},
    "chart.year_short": {"en": "short", "vi": "không đạt"},
    "chart.unjudged": {"en": "no target of its own", "vi": "không có chỉ tiêu riêng"},
    "chart.target": {"en": "target", "vi": "kế hoạch"},
    "chart.none": {
        "en": "No figures yet for: {codes}.",
        "vi": "Chưa có số liệu: {codes}.",
    },
    "record.no_plan": {
        "en": "{code}: no plan of this folder judges {year} figures of it; the figure is kept (for year-on-year comparisons)",
        "vi": "{code}: không có kế hoạch nào đánh giá số liệu năm {year} của chỉ tiêu này; số liệu vẫn được lưu (để so với cùng kỳ)",
    },
    "words.and": {"en": "{first} and {last}", "vi": "{first} và {last}"},
    "record.term_only": {
        "en": "{code}: no annual plan judges {year} figures of it; it counts in the term review of {terms} (targets show --plan {term})",
        "vi": "{code}: không có kế hoạch năm nào đánh giá số liệu năm {year}; đánh giá giai đoạn {terms} có tính số liệu này (targets show --plan {term})",
    },
    "plans.col.plan": {"en": "Plan", "vi": "Kế hoạch"},
    "plans.col.kind": {"en": "Kind", "vi": "Loại"},
    "plans.col.targets": {"en": "Targets", "vi": "Số chỉ tiêu"},
    "plans.col.complete": {"en": "Complete", "vi": "Đầy đủ"},
    "plans.col.source": {"en": "Source", "vi": "Nguồn"},
    "plans.col.status": {"en": "Status", "vi": "Trạng thái"},
    "plans.col.adopted_by": {"en": "Adopted by", "vi": "Thông qua theo"},
    "plans.targets_of": {"en": "{set} of {count}", "vi": "{set}/{count}"},
    "plans.proposals": {
        "en": "{name} (draft) proposes, with no target yet: {proposals}",
        "vi": "{name} (dự kiến) đề xuất, chưa thành chỉ tiêu: {proposals}",
    },
    "plan_status.draft": {"en": "draft", "vi": "dự kiến"},
    "plan_status.adopted": {"en": "adopted", "vi": "đã thông qua"},
    "report.draft": {
        "en": "A draft (dự kiến): its targets are proposed, not adopted.",
        "vi": "Kế hoạch dự kiến: các chỉ tiêu là đề xuất, chưa được thông qua.",
    },
    "report.adopted_by": {"en": "Adopted by {by}.", "vi": "Thông qua theo {by}."},
    "target.proposed": {"en": "proposed {proposal}", "vi": "đề xuất {proposal}"},
    "target.none_proposed": {
        "en": "no target yet (proposed: {proposal})",
        "vi": "chưa có chỉ tiêu (đề xuất: {proposal})",
    },
    "plans.current_mark": {
        "en": "* the plan commands use without --plan",
        "vi": "* kế hoạch các lệnh dùng khi không có --plan",
    },
    "plans.yes": {"en": "yes", "vi": "có"},
    "plans.no": {"en": "no", "vi": "không"},
    "error.unknown_plan": {
        "en": "no plan named '{name}' in this data folder; the plans are {names}",
        "vi": "thư mục dữ liệu không có kế hoạch '{name}'; các kế hoạch là {names}",
    },
    "error.plan_name_twice": {
        "en": "two plans are named '{name}' ({first} and {second}); give one a different name",
        "vi": "hai kế hoạch cùng tên '{name}' ({first} và {second}); hãy đặt tên khác cho một kế hoạch",
    },
    "error.current_plan_unknown": {
        "en": "[folder] current_plan '{name}' names no plan; the plans are {names}",
        "vi": "[folder] current_plan '{name}' không phải tên kế hoạch nào; các kế hoạch là {names}",
    },
    "error.folder_table": {"en": "[folder] must be a table", "vi": "[folder] phải là một bảng"},
    "error.folder_unknown_key": {
        "en": "[folder] has an unknown key '{key}' (current_plan, plan_files)",
        "vi": "[folder] có khóa lạ '{key}' (current_plan, plan_files)",
    },
    "error.folder_current_plan": {
        "en": '[folder] current_plan must be a plan\'s name, like "2025"',
        "vi": '[folder] current_plan phải là tên một kế hoạch, ví dụ "2025"',
    },
    "error.folder_plan_file": {
        "en": '[folder] plan_files: {value!r} is not a file inside the data folder (like "plans/2025.toml")',
        "vi": '[folder] plan_files: {value!r} không phải tệp trong thư mục dữ liệu (ví dụ "plans/2025.toml")',
    },
    "error.folder_plan_file_is_entry": {
        "en": "[folder] plan_files: {value!r} is this file itself; list the other plan files",
        "vi": "[folder] plan_files: {value!r} chính là tệp này; hãy liệt kê các tệp kế hoạch khác",
    },
    "error.plan_year_and_term": {
        "en": "[plan] has both year (an annual plan) and term (a term plan); keep one",
        "vi": "[plan] có cả year (kế hoạch năm) và term (kế hoạch giai đoạn); chỉ giữ một",
    },
    "error.plan_bad_term": {
        "en": "[plan] term must be [first year, last year], like [2021, 2025]",
        "vi": "[plan] term phải là [năm đầu, năm cuối], ví dụ [2021, 2025]",
    },
    "error.plan_complete": {
        "en": "[plan] complete must be true or false",
        "vi": "[plan] complete phải là true hoặc false",
    },
    "error.indicator_described_twice": {
        "en": "indicator {code} is already described in {other}; here give only code, target, comparison and source",
        "vi": "chỉ tiêu {code} đã được mô tả trong {other}; ở đây chỉ ghi code, target, comparison và source",
    },
    "error.indicator_not_described": {
        "en": "indicator {where} is described in no plan file; give it name_vi, name_en, unit and kind",
        "vi": "chỉ tiêu {where} chưa được mô tả trong tệp kế hoạch nào; hãy ghi name_vi, name_en, unit và kind",
    },
    "error.indicator_term_rule": {
        "en": "indicator {where} of a term plan has term_rule '{value}'; use one of {choices}",
        "vi": "chỉ tiêu {where} của kế hoạch giai đoạn có term_rule '{value}'; dùng một trong {choices}",
    },
    "error.indicator_term_rule_annual": {
        "en": "indicator {where}: term_rule belongs to a term plan ([plan] term = [first, last])",
        "vi": "chỉ tiêu {where}: term_rule chỉ dùng cho kế hoạch giai đoạn ([plan] term = [năm đầu, năm cuối])",
    },
    "error.term_rule_kind": {
        "en": "indicator {where}: term_rule {rule} cannot judge a {kind} indicator",
        "vi": "chỉ tiêu {where}: term_rule {rule} không dùng được cho chỉ tiêu loại {kind}",
    },
    "error.indicator_baseline": {
        "en": "indicator {where}: other_baselines must be tables {{ name_vi = ..., name_en = ..., target = ... }}",
        "vi": "chỉ tiêu {where}: other_baselines phải là các bảng {{ name_vi = ..., name_en = ..., target = ... }}",
    },
    # mistakes in the command line: click says them in English, cli/help_vi.py in Vietnamese
    # (what they quote stays as it was typed); "see the help" ends each
    "usage.see_help": {"en": "{message} (see '{where} --help')", "vi": "{message} (xem '{where} --help')"},
    "usage.missing_argument": {"en": "Missing argument '{name}'.", "vi": "Thiếu tham số '{name}'."},
    "usage.missing_option": {"en": "Missing option '{name}'.", "vi": "Thiếu tùy chọn '{name}'."},
    "usage.no_such_option": {"en": "No such option: ", "vi": "Không có tùy chọn "},
    "usage.possible_options": {
        "en": "(Possible options: {options})",
        "vi": "(tùy chọn gần giống: {options})",
    },
    "usage.no_such_command": {"en": "No such command '{name}'.", "vi": "Không có lệnh '{name}'."},
    "usage.did_you_mean": {"en": "Did you mean {names}?", "vi": "Có phải định gõ {names}?"},
    "usage.extra_arguments": {
        "en": "Got unexpected extra argument(s) ({args})",
        "vi": "Thừa tham số ({args})",
    },
    "usage.requires_argument": {
        "en": "Option '{option}' requires an argument.",
        "vi": "Tùy chọn '{option}' cần một giá trị.",
    },
    "usage.invalid_value": {"en": "Invalid value for {name}: ", "vi": "Giá trị không hợp lệ cho {name}: "},
    "usage.not_one_of": {
        "en": "{value} is not one of {choices}.",
        "vi": "{value} không phải một trong {choices}.",
    },
    "usage.not_an_integer": {"en": "{value} is not a valid integer.", "vi": "{value} không phải số nguyên."},
    "usage.two_codes": {
        "en": "two different codes: {first} and {second}",
        "vi": "hai mã khác nhau: {first} và {second}",
    },
    "usage.out_of_range": {
        "en": "{value} is not in the range {range}.",
        "vi": "{value} nằm ngoài khoảng {range}.",
    },
    # click's own words in the help (cli/help_vi.py puts them in Vietnamese)
    "click.usage": {"en": "Usage", "vi": "Cách dùng"},
    "click.options": {"en": "Options", "vi": "Tùy chọn"},
    "click.arguments": {"en": "Arguments", "vi": "Tham số"},
    "click.commands": {"en": "Commands", "vi": "Lệnh"},
    "click.help_option": {"en": "Show this message and exit.", "vi": "Hiện trợ giúp này rồi thoát."},
    "click.required": {"en": "[required]", "vi": "[bắt buộc]"},
    "click.default": {"en": "[default: ", "vi": "[mặc định: "},
    # the usage line's placeholders; a command's own (CODE, FILE) stay as its help names them
    "click.usage.options": {"en": "[OPTIONS]", "vi": "[TÙY_CHỌN]"},
    "click.usage.command": {"en": "COMMAND", "vi": "LỆNH"},
    "click.usage.args": {"en": "[ARGS]...", "vi": "[THAM_SỐ]..."},
    # --help: the program's, each command's (help.COMMAND) and each parameter's (help.COMMAND.PARAMETER,
    # help.option.PARAMETER for an option several commands share); cli/help_vi.py shows the Vietnamese
    "help.targets": {
        "en": "Track a province's yearly socio-economic plan: targets, reported figures, gaps.",
        "vi": (
            "Theo dõi kế hoạch phát triển kinh tế - xã hội hằng năm của tỉnh: chỉ tiêu, số liệu báo cáo, chênh lệch.\n\n"
            "Tùy chọn chung đặt trước hay sau lệnh đều được.\n\n"
            'Ví dụ: targets record GRDP 8,7 --period "Năm 2024"'
        ),
    },
    "help.targets.epilog": {
        "en": "Exit statuses: 0 fine, 1 `check` found indicators that fail, 2 an error, 3 written to the log but not printed, 130 interrupted, 141 the reader of the output left.",
        "vi": "Mã thoát: 0 bình thường, 1 `check` thấy chỉ tiêu không đạt, 2 có lỗi, 3 đã ghi vào sổ nhưng không in ra được, 130 bị ngắt (Ctrl-C), 141 nơi nhận kết quả đã đóng.",
    },
    "help.targets.data": {
        "en": "Data folder (plan and log). Default: $LAICHAU_TARGETS_DATA, ./data, or your own.",
        "vi": "Thư mục dữ liệu (kế hoạch và sổ ghi). Mặc định: $LAICHAU_TARGETS_DATA, ./data, hoặc thư mục riêng của bạn.",
    },
    "help.targets.lang": {
        "en": "Language of human output. Default: $LAICHAU_TARGETS_LANG, then your locale.",
        "vi": "Ngôn ngữ hiển thị. Mặc định: $LAICHAU_TARGETS_LANG, rồi theo locale của máy.",
    },
    "help.targets.plan": {
        "en": "The plan to show, check or list: 2024, 2025, 2021-2025 (`targets plans` lists them). Default: the data folder's current plan.",
        "vi": "Kế hoạch cần xem, kiểm tra hay liệt kê: 2024, 2025, 2021-2025 (`targets plans` liệt kê). Mặc định: kế hoạch đang dùng của thư mục dữ liệu.",
    },
    "help.targets.version": {
        "en": "Print the version and stop.",
        "vi": "In phiên bản rồi dừng.",
    },
    "help.targets.install_completion": {
        "en": "Install completion for your shell (bash, zsh, fish).",
        "vi": "Cài tự động hoàn thành lệnh cho shell của bạn (bash, zsh, fish).",
    },
    "help.targets.show_completion": {
        "en": "Print the completion script for your shell, to install it by hand.",
        "vi": "In mã tự động hoàn thành lệnh cho shell của bạn, để tự cài.",
    },
    "help.show": {
        "en": (
            "Show every indicator's progress as a coloured table.\n\n"
            "The headline under the table counts the indicators by status.\n\n"
            'Example: targets show --wide --owner "Sở Y tế"'
        ),
        "vi": (
            "Hiện tiến độ của mọi chỉ tiêu thành bảng có màu.\n\n"
            "Dòng tổng hợp dưới bảng đếm các chỉ tiêu theo đánh giá.\n\n"
            'Ví dụ: targets show --wide --owner "Sở Y tế"'
        ),
    },
    "help.show.wide": {
        "en": "Add the projection and pace columns.",
        "vi": "Thêm cột dự báo cả năm, bình quân theo tháng, so với cùng kỳ và xu hướng.",
    },
    "help.record": {
        "en": (
            "Add a reported figure and print the indicator's new standing.\n\n"
            'Example: targets record BUDGET 1.850,5 --period 2024-09 --source "Sở Tài chính"'
        ),
        "vi": (
            "Ghi một số liệu báo cáo và in đánh giá mới của chỉ tiêu.\n\n"
            'Ví dụ: targets record BUDGET 1.850,5 --period "9 tháng/2024" --source "Sở Tài chính"'
        ),
    },
    "help.record.code": {
        "en": "Indicator code, any case (targets list shows them).",
        "vi": "Mã chỉ tiêu, chữ hoa hay thường đều được (targets list liệt kê các mã).",
    },
    "help.record.value": {
        "en": "The figure: 8.7, 8,7, 2236, 2.236,5 ...",
        "vi": "Số liệu: 8,7, 8.7, 2236, 2.236,5 ...",
    },
    "help.record.period": {
        "en": "Year-to-date period: 2024-Q1, 2024-H1, 2024-09, 2024, or as officers write it: 'Quý I/2024', '6 tháng/2024', '9T/2024', 'Năm 2024'. Default: this month in the plan year, else the full year.",
        "vi": "Kỳ lũy kế từ đầu năm: 'Quý I/2024', '6 tháng/2024', '9T/2024', 'Năm 2024', hoặc 2024-Q1, 2024-H1, 2024-09, 2024. Mặc định: tháng hiện tại nếu đang trong năm kế hoạch, không thì cả năm.",
    },
    "help.record.official": {
        "en": "An official figure, or an estimate (default).",
        "vi": "Số chính thức, hoặc số ước tính (mặc định).",
    },
    "help.record.source": {
        "en": "Where the figure comes from.",
        "vi": "Nguồn của số liệu.",
    },
    "help.record.note": {
        "en": "A note kept with the record.",
        "vi": "Ghi chú lưu kèm bản ghi.",
    },
    "help.record.locale": {
        "en": "How to read 2.236 or 2,236: vi (2236) or en. Default: the language of the output.",
        "vi": "Cách đọc 2.236 hay 2,236: vi (2236) hoặc en. Mặc định: theo ngôn ngữ hiển thị.",
    },
    "help.report": {
        "en": (
            "Write a full report in md, json, csv, html, text, xlsx or docx.\n\n"
            "md, html, text, xlsx and docx are for people (xlsx and docx: the annex, Biểu số 01); json (see report.schema.json) and csv for scripts.\nxlsx and docx are files: give --output (or pipe them), never a terminal.\n\n"
            "Example: targets report --output bieu-01.docx"
        ),
        "vi": (
            "Lập báo cáo đầy đủ dạng md, json, csv, html, text, xlsx hoặc docx.\n\n"
            "md, html, text, xlsx và docx để người đọc (xlsx và docx: biểu phụ lục, Biểu số 01); json (xem targets schema) và csv cho chương trình. xlsx và docx là tệp: dùng --output (hoặc chuyển qua ống), không in ra màn hình.\n\n"
            "Ví dụ: targets report --output bieu-01.docx"
        ),
    },
    "help.report.format": {
        "en": "Default: from the extension of --output, else md.",
        "vi": "Mặc định: theo phần mở rộng của --output, không thì md.",
    },
    "help.report.annex_number": {
        "en": "The annex's number in xlsx and docx: Biểu số NN (default 01).",
        "vi": "Số của biểu trong tệp xlsx và docx: Biểu số NN (mặc định 01).",
    },
    "help.report.attached_to": {
        "en": "The report the annex is attached to, e.g. 'Báo cáo số 512/BC-UBND ngày 10/12/2026 của UBND tỉnh Lai Châu' (default: dots to fill in).",
        "vi": "Báo cáo mà biểu kèm theo, ví dụ 'Báo cáo số 512/BC-UBND ngày 10/12/2026 của UBND tỉnh Lai Châu' (mặc định: để dấu … để điền).",
    },
    "help.report.issuer": {
        "en": "The issuing body at the annex's top left; \\n between its lines (default: the province's People's Committee).",
        "vi": "Cơ quan ban hành ở góc trên bên trái của biểu; \\n giữa các dòng (mặc định: Ủy ban nhân dân tỉnh).",
    },
    "help.report.output": {
        "en": "Write to FILE instead of standard output: a file is replaced atomically, a device or FIFO written through.",
        "vi": "Ghi ra tệp FILE thay vì in ra màn hình: tệp được thay trọn vẹn một lần, thiết bị hay FIFO thì ghi thẳng vào.",
    },
    "help.list": {
        "en": (
            "List the indicators of the plan: code, kind, target, owner (when the plan names one) and name.\n\n"
            'Example: targets list --owner "Sở Y tế"'
        ),
        "vi": (
            "Liệt kê các chỉ tiêu của kế hoạch: mã, loại, mục tiêu, đơn vị báo cáo (nếu kế hoạch có ghi) và tên.\n\n"
            'Ví dụ: targets list --owner "Sở Y tế"'
        ),
    },
    "help.plans": {
        "en": (
            "List the plans of the data folder: name, annual or term, targets, complete, source.\n\n"
            "The folder's current plan, the one commands use without --plan, is marked with *.\n\n"
            "Example: targets plans"
        ),
        "vi": (
            "Liệt kê các kế hoạch của thư mục dữ liệu: tên, kế hoạch năm hay giai đoạn, số chỉ tiêu, đầy đủ hay chưa, nguồn.\n\n"
            "Kế hoạch đang dùng, kế hoạch các lệnh dùng khi không có --plan, được đánh dấu *.\n\n"
            "Ví dụ: targets plans"
        ),
    },
    "help.init": {
        "en": (
            "Start a data folder with the bundled Lai Châu 2024 plan.\n\n"
            "Never overwrites a plan that is there.\n\n"
            "Example: targets init ~/plans/laichau-2024"
        ),
        "vi": (
            "Tạo thư mục dữ liệu với kế hoạch Lai Châu 2024 kèm theo chương trình.\n\n"
            "Không bao giờ ghi đè kế hoạch đã có.\n\n"
            "Ví dụ: targets init ~/ke-hoach/laichau-2024"
        ),
    },
    "help.init.directory": {
        "en": "The new data folder.",
        "vi": "Thư mục dữ liệu mới.",
    },
    "help.paths": {
        "en": (
            "Say which data folder, plan files, record log and caches are in use, and why.\n\n"
            "Example: targets --data /srv/plan paths"
        ),
        "vi": (
            "Cho biết thư mục dữ liệu, các tệp kế hoạch, sổ ghi số liệu và bộ nhớ đệm đang dùng, và vì sao.\n\n"
            "Ví dụ: targets --data /srv/ke-hoach paths"
        ),
    },
    "help.history": {
        "en": (
            "List the records in the log's order (when recorded), with their provenance.\n\n"
            "Retracted records are marked with the record that retracted them. Ids are shown by\ntheir shortest unique beginning, which `targets undo` accepts.\n\n"
            "Example: targets history GRDP --limit 20"
        ),
        "vi": (
            "Liệt kê các bản ghi theo thứ tự trong sổ (lúc nhập), kèm nguồn gốc.\n\n"
            "Bản ghi đã rút lại được đánh dấu bằng bản ghi rút lại nó. Mã bản ghi hiện bằng phần đầu ngắn nhất không trùng, `targets undo` nhận mã đó.\n\n"
            "Ví dụ: targets history GRDP --limit 20"
        ),
    },
    "help.history.code": {
        "en": "Only this indicator.",
        "vi": "Chỉ chỉ tiêu này.",
    },
    "help.history.code_option": {
        "en": "Only this indicator (as CODE).",
        "vi": "Chỉ chỉ tiêu này (theo mã CODE).",
    },
    "help.history.limit": {
        "en": "Only the last N records.",
        "vi": "Chỉ N bản ghi cuối.",
    },
    "help.history.format": {
        "en": "text, or json: every field of every record, retractions too.",
        "vi": "text, hoặc json: mọi trường của mọi bản ghi, kể cả các lần rút lại.",
    },
    "help.undo": {
        "en": (
            "Take back a record by appending a retraction.\n\n"
            "Nothing is deleted: the history keeps both.\n\n"
            'Example: targets undo 01JD3KX2 --note "typed into the wrong indicator"'
        ),
        "vi": (
            "Rút lại một bản ghi bằng cách ghi thêm một bản ghi rút lại.\n\n"
            "Không xóa gì: lịch sử giữ cả hai.\n\n"
            'Ví dụ: targets undo 01JD3KX2 --note "nhập nhầm chỉ tiêu"'
        ),
    },
    "help.undo.record_id": {
        "en": "The record to retract: the beginning of its id (6 characters or more), as `targets history` shows it. Default: the last one standing.",
        "vi": "Bản ghi cần rút lại: phần đầu mã của nó (từ 6 ký tự), như `targets history` hiện. Mặc định: bản ghi cuối cùng còn hiệu lực.",
    },
    "help.undo.note": {
        "en": "Why it is taken back.",
        "vi": "Lý do rút lại.",
    },
    "help.migrate": {
        "en": (
            "Convert a v0.1 record log (records.toml) to the current one (records.jsonl).\n\n"
            "Every record is kept, with its v0.1 number; the old file stays beside it as\nrecords.v0.1.toml. `record` and `undo` do the same on their first write.\n\n"
            "Example: targets migrate"
        ),
        "vi": (
            "Chuyển sổ ghi số liệu v0.1 (records.toml) sang dạng hiện tại (records.jsonl).\n\n"
            "Mọi bản ghi được giữ, kèm số thứ tự v0.1; tệp cũ được để lại bên cạnh với tên records.v0.1.toml. `record` và `undo` cũng làm việc này ở lần ghi đầu tiên.\n\n"
            "Ví dụ: targets migrate"
        ),
    },
    "help.check": {
        "en": (
            "A gate for scripts: exit 1 when an indicator is failing.\n\n"
            "Exit 0 when every indicator with data is met, exceeded or on track; 1 otherwise,\nlisting those that are not; 2 on an error.\n\n"
            'Example: targets check --strict || echo "some targets are slipping"'
        ),
        "vi": (
            "Cổng kiểm tra cho chương trình: thoát với mã 1 khi có chỉ tiêu không đạt.\n\n"
            "Thoát 0 khi mọi chỉ tiêu có số liệu đều đạt, vượt hoặc đúng tiến độ; 1 nếu không, kèm danh sách các chỉ tiêu đó; 2 khi có lỗi.\n\n"
            'Ví dụ: targets check --strict || echo "có chỉ tiêu đang chậm"'
        ),
    },
    "help.check.strict": {
        "en": "Also fail on indicators with no data.",
        "vi": "Cũng coi là không đạt khi chỉ tiêu chưa có số liệu.",
    },
    "help.validate": {
        "en": (
            "Check a data folder's plan files and list every problem with its file and line.\n\n"
            "FILE is the entry point (targets.toml); the plan files it names are checked with it.\nA plan file that an entry point above it names is checked with that folder.\n\n"
            "Example: targets validate data/targets.toml"
        ),
        "vi": (
            "Kiểm tra các tệp kế hoạch của thư mục dữ liệu và liệt kê mọi lỗi kèm tệp và số dòng.\n\n"
            "FILE là tệp đầu vào (targets.toml); các tệp kế hoạch nó nêu được kiểm tra cùng. Một tệp kế hoạch do tệp đầu vào ở thư mục trên nêu thì được kiểm tra cùng thư mục đó.\n\n"
            "Ví dụ: targets validate data/targets.toml"
        ),
    },
    "help.validate.plan_file": {
        "en": "A plan file. Default: the one in use.",
        "vi": "Tệp kế hoạch. Mặc định: tệp đang dùng.",
    },
    "help.template": {
        "en": (
            "Write an .xlsx sheet for a department: the plan's indicators and empty cells for the figures.\n\n"
            "With --owner, only the indicators that department reports. Give the filled file to\n`targets import`.\n\n"
            'Example: targets template -o mau-bieu.xlsx --owner "Sở Y tế" --period 2026-09'
        ),
        "vi": (
            "Ghi biểu mẫu .xlsx cho một đơn vị: các chỉ tiêu của kế hoạch và ô trống để điền số liệu.\n\n"
            "Với --owner, chỉ các chỉ tiêu đơn vị đó báo cáo. Nhập biểu đã điền bằng `targets import`.\n\n"
            'Ví dụ: targets template -o mau-bieu.xlsx --owner "Sở Y tế" --period "9 tháng/2026"'
        ),
    },
    "help.template.output": {
        "en": "The workbook to write (.xlsx).",
        "vi": "Tệp bảng tính cần ghi (.xlsx).",
    },
    "help.template.send_to": {
        "en": "Whom the department sends the filled file back to, as the instructions name it (default: the office that sent the template).",
        "vi": "Nơi đơn vị gửi lại biểu đã điền, ghi trong hướng dẫn (mặc định: cơ quan đã gửi biểu mẫu).",
    },
    "help.template.period": {
        "en": "Fill the Period column with this period, e.g. 2024-09.",
        "vi": "Điền sẵn cột Kỳ bằng kỳ này, ví dụ 2024-09.",
    },
    "help.import": {
        "en": (
            "Record the figures of a spreadsheet or CSV file at once: all, or none if a row is bad.\n\n"
            "Reads the sheets with the columns Mã / Code and Thực hiện / Value (and Kỳ / Period,\nƯớc / Chính thức, Nguồn / Source, Ghi chú / Note). Every bad row is listed with its\nsheet and row number. Each record's source names the file and the row.\n\n"
            "A number typed as text that reads two ways (2.850) is read in the notation of the\nfile's other figures (47,6 is Vietnamese). Hidden sheets and rows are left out unless\n--include-hidden, and named either way. Limits: an .xlsx whose parts unpack to more\nthan 200 MB (100 MB for one part), or a .csv or .txt over 200 MB, is refused before\nany of it is read.\n\n"
            "Example: targets import mau-bieu.xlsx --dry-run"
        ),
        "vi": (
            "Ghi một lần mọi số liệu của tệp bảng tính hoặc CSV: tất cả, hoặc không gì nếu có dòng sai.\n\n"
            "Đọc các trang có cột Mã và Thực hiện (và Kỳ, Ước / Chính thức, Nguồn, Ghi chú). Mọi dòng sai được liệt kê với trang và số dòng. Nguồn của mỗi bản ghi ghi tên tệp và dòng.\n\n"
            "Số gõ dạng chữ có hai cách hiểu (2.850) được đọc theo cách viết của các số liệu khác trong tệp (47,6 là cách Việt Nam). Trang và dòng đang ẩn được bỏ qua, trừ khi có --include-hidden, và đều được nêu tên. Giới hạn: tệp .xlsx mà các phần giải nén ra quá 200 MB (100 MB cho một phần), hoặc tệp .csv hay .txt quá 200 MB, bị từ chối trước khi đọc.\n\n"
            "Ví dụ: targets import mau-bieu.xlsx --dry-run"
        ),
    },
    "help.import.file": {
        "en": "A filled template (targets template), any .xlsx, .csv, or .txt (Excel's Unicode text).",
        "vi": "Biểu mẫu đã điền (targets template), hoặc tệp .xlsx, .csv hay .txt (Unicode text của Excel) bất kỳ.",
    },
    "help.import.include_hidden": {
        "en": "Read the hidden sheets and rows too; without it they are left out and named.",
        "vi": "Đọc cả các trang và dòng đang ẩn; không có tùy chọn này thì chúng được bỏ qua và nêu tên.",
    },
    "help.import.period": {
        "en": "The period of rows whose Period cell is empty, e.g. 2024-09.",
        "vi": "Kỳ của các dòng để trống cột Kỳ, ví dụ 2024-09.",
    },
    "help.import.locale": {
        "en": "How to read a number typed as text, 2.236 or 2,236: vi (2236) or en.",
        "vi": "Cách đọc số gõ dạng chữ, 2.236 hay 2,236: vi (2236) hoặc en.",
    },
    "help.import.dry_run": {
        "en": "Check the file and print what would be recorded; write nothing.",
        "vi": "Kiểm tra tệp và in những gì sẽ ghi; không ghi gì.",
    },
    "help.schema": {
        "en": (
            "Print the JSON Schema that `report --format json` follows.\n\n"
            "Within one schema_version fields are only added: read the fields you know, ignore the others.\n\n"
            "Example: targets schema > report.schema.json"
        ),
        "vi": (
            "In JSON Schema mà report --format json tuân theo.\n\n"
            "Trong cùng một schema_version chỉ có thêm trường: đọc các trường mình biết, bỏ qua các trường khác.\n\n"
            "Ví dụ: targets schema > report.schema.json"
        ),
    },
    "help.option.as_of": {
        "en": "The standing as it stood at this checkpoint, e.g. 2024-H1.",
        "vi": "Đánh giá như tại kỳ này, ví dụ '6 tháng/2024' hoặc 2024-H1.",
    },
    "help.option.owner": {
        "en": "Only the indicators this department reports (the plan's owner).",
        "vi": "Chỉ các chỉ tiêu do đơn vị này báo cáo (owner trong kế hoạch).",
    },
}


if TYPE_CHECKING:
    from typing import Protocol

    class YearToDate(Protocol):
        """What a period's words need (periods.Period is one): the catalogue does not import periods.py,
        which raises errors that are put into words here."""

        @property
        def year(self) -> int: ...

        @property
        def months(self) -> int: ...


class Message(Value):
    """A catalogue key and the values that fill it: a sentence not yet in a language."""

    def __init__(self, key: str, params: dict[str, Any] | None = None) -> None:
        self.key = key
        self.params = {} if params is None else params

    def text(self, lang: str = "en") -> str:
        return render_message(self.key, lang, self.params)


def render_message(key: str, lang: str, params: Mapping[str, Any]) -> str:
    """Fill a catalogue message: numbers in the language's convention, nested messages in turn."""

    def fill(value: Any) -> str:
        if isinstance(value, Decimal):
            return human(value, "vi" if lang == "vi" else "en")
        if hasattr(value, "months") and hasattr(value, "year"):  # a period
            return period_words(value, lang)
        if hasattr(value, "text") and hasattr(value, "key"):
            return str(value.text(lang))
        if isinstance(value, list):
            return "; ".join(fill(v) for v in value)
        return str(value)

    template = CATALOGUE[key]["vi" if lang == "vi" else "en"]
    return template.format(**{name: fill(value) for name, value in params.items()})


def period_words(of: YearToDate, lang: str, capital: bool = False) -> str:
    """The period as officers write it: `quý I/2024`, `9 tháng/2024`, `năm 2024`; `Jan–Sep 2024`."""
    params: dict[str, Any] = {"year": of.year}
    if of.months == 12:
        key = "period.year"
    elif of.months == 3:
        key = "period.q1"
    elif of.months == 6:
        key = "period.h1"
    elif of.months == 1:
        key = "period.month1"
    else:
        key = "period.months"
        params["end"] = render_message("period.month_ends", lang, {}).split()[of.months - 1]
    text = render_message(key, lang, params)
    return text[:1].upper() + text[1:] if capital else text


class Texts:
    """The catalogue in one language."""

    def __init__(self, lang: Lang = "en") -> None:
        self.lang: Lang = lang

    def __call__(self, key: str, **values: Any) -> str:
        return render_message(key, self.lang, values)

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
