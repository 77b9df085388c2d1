"""Make the annex's pictures in docs/annex/: the 2026 plan with 2025 figures and a draft 2027
plan, as xlsx and docx, in Vietnamese and English, opened by LibreOffice and printed to PNG.

Run from the repository with the package installed: `python scripts/annex_pictures.py`. Needs
LibreOffice (soffice) and poppler (pdftoppm), as .ci/run installs them. The date and the
report's "made at" are fixed, so the pictures change only when the annex does.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "docs" / "annex"
FIGURES = [
    ("GRDP", "7.52", "2025"),
    ("GRDP", "9.0", "2026"),
    ("GRDP_PC", "79", "2025"),
    ("BUDGET", "3573", "2025"),
    ("BUDGET", "2850", "2026"),
    ("FOREST", "52.5", "2025"),
    ("FOREST", "52.8", "2026"),
    ("POOR", "3.9", "2026"),
    ("JOBS", "9100", "2026"),
]


LOCALES = {"vi": "vi-VN", "en": "en-US"}
LOCALE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema">
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse">\
<value>{locale}</value></prop></item>
</oor:items>
"""


def main() -> None:
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work) / "data"
        env = {
            **os.environ,
            "LAICHAU_TARGETS_DATA": str(folder),
            "LAICHAU_TARGETS_TODAY": "2026-12-07",
            "SOURCE_DATE_EPOCH": "1796601600",
            "XDG_CACHE_HOME": str(Path(work) / "cache"),
        }

        def targets(*args: str) -> None:
            subprocess.run(
                [sys.executable, "-m", "laichau_targets", *args], env=env, check=True, capture_output=True
            )

        targets("init", str(folder))
        for code, value, period in FIGURES:
            targets("record", "--period", period, code, value)
        targets("plan", "new", "2027")
        targets("target", "set", "GRDP", "10", "--plan", "2027")
        targets("target", "set", "BUDGET", "3000", "--plan", "2027")
        OUT.mkdir(parents=True, exist_ok=True)
        for lang in ("vi", "en"):
            for fmt in ("xlsx", "docx"):
                name = f"annex-{lang}.{fmt}"
                targets("--lang", lang, "report", "--plan", "2026", "-o", str(Path(work) / name))
                # The reader's own locale shows the numbers: 2.850 and 79,8 on a Vietnamese machine.
                profile = Path(work) / f"profile-{lang}"
                (profile / "user").mkdir(parents=True, exist_ok=True)
                (profile / "user" / "registrymodifications.xcu").write_text(
                    LOCALE.format(locale=LOCALES[lang]), "utf-8"
                )
                subprocess.run(
                    [
                        shutil.which("soffice") or "soffice",
                        f"-env:UserInstallation={profile.as_uri()}",
                        "--headless",
                        "--convert-to",
                        "pdf",
                        "--outdir",
                        work,
                        str(Path(work) / name),
                    ],
                    check=True,
                    capture_output=True,
                )
                pdf = Path(work) / name.replace(f".{fmt}", ".pdf")
                stem = OUT / f"annex-{lang}-{fmt}"
                subprocess.run(
                    [
                        "pdftoppm",
                        "-png",
                        "-r",
                        "80",
                        "-f",
                        "1",
                        "-l",
                        "1",
                        "-singlefile",
                        str(pdf),
                        str(stem),
                    ],
                    check=True,
                )
                print(stem.with_suffix(".png").relative_to(REPO))


if __name__ == "__main__":
    main()
