"""A report: the plan, every indicator's standing and the headline counts."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from .errors import HeadingError
from .periods import Period
from .plans import Plan, SeriesBreak
from .records import CurrentFigures, Figure
from .standing import Standing, Summary, standings, summarize
from .values import Value


class Heading(Value):
    """What heads the annex as the office attaches it: its number, the report it is attached to,
    the body that issues it (none: the province's people's committee)."""

    def __init__(
        self, annex_number: str = "01", attached_to: str | None = None, issuer: str | None = None
    ) -> None:
        self.annex_number = annex_number
        self.attached_to = attached_to
        self.issuer = issuer


ANNEX_NUMBER_MAX = 10
ANNEX_TEXT_MAX = 500  # the attachment line and the issuing body: a line or two, never a page


def heading_of(plan: Plan, annex_number: str | None, attached_to: str | None, issuer: str | None) -> Heading:
    """The annex's heading from the options as typed: blank text is no text (the default); what
    would not fit an annex's heading (a spreadsheet cell stops at 32,767 characters) is refused,
    and so is any of them for a term plan, which has a review and no annex."""
    if plan.is_term and (annex_number, attached_to, issuer) != (None, None, None):
        raise HeadingError("error.annex_options_term", name=plan.name)
    number = "01" if annex_number is None else annex_number.strip()
    if not number or len(number) > ANNEX_NUMBER_MAX:
        raise HeadingError("error.annex_number", limit=ANNEX_NUMBER_MAX)
    given = {"--attached-to": attached_to, "--issuer": issuer}
    for option, text in given.items():
        if text is not None and len(text.strip()) > ANNEX_TEXT_MAX:
            raise HeadingError(
                "error.annex_text_long", option=option, length=len(text.strip()), limit=ANNEX_TEXT_MAX
            )
    return Heading(
        number,
        (attached_to or "").strip() or None,
        (issuer or "").strip() or None,
    )


class Report(Value):
    """What every output format renders."""

    def __init__(
        self,
        plan: Plan,
        as_of: Period | None,
        standings: list[Standing],
        summary: Summary,
        made_at: datetime,
        short: Callable[[str], str] | None = None,
        annual: dict[int, Plan] | None = None,
        previous_year: dict[str, Figure] | None = None,
        next_plan: Plan | None = None,
        heading: Heading | None = None,
    ) -> None:
        self.plan = plan
        self.previous_year = previous_year or {}  # an annual plan's codes: last year's full-year figure
        self.next_plan = next_plan  # next year's plan, draft or adopted, when the folder has it
        self.heading = heading or Heading()
        self.annual = annual or {}  # a term's years' own annual plans: what a year's figure is judged by
        self.made_at = made_at  # what a page says of when it was made (SOURCE_DATE_EPOCH fixes it)
        self.as_of = as_of
        self.standings = standings
        self.summary = summary
        self._short = short  # asked of the log only by a report that shows ids: it reads them all

    def short(self, record_id: str) -> str:
        """A figure's id as people see and type it (`targets undo`)."""
        return record_id if self._short is None else self._short(record_id)


def build_report(
    plan: Plan,
    current: CurrentFigures,
    made_at: datetime,
    as_of: Period | None = None,
    short: Callable[[str], str] | None = None,
    breaks: tuple[SeriesBreak, ...] = (),
    today: date | None = None,
    annual: dict[int, Plan] | None = None,
    next_plan: Plan | None = None,
    heading: Heading | None = None,
) -> Report:
    """The standing of every indicator from each code's current figure (chosen up to `as_of`);
    `breaks`, the folder's series breaks; `today`, to tell a running term from an ended one."""
    rows = standings(plan, current, breaks, today)
    previous = {}
    if not plan.is_term:
        last_year = Period(plan.year - 1, 12)
        for indicator in plan.indicators:
            found = current.get((indicator.code.upper(), last_year))
            if found is not None:
                previous[indicator.code] = found
    return Report(plan, as_of, rows, summarize(rows), made_at, short, annual, previous, next_plan, heading)
