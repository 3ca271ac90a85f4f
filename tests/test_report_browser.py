"""The HTML audit report in a real headless Chromium (Debian's ``chromium``; scripts/install-chromium).

Chromium renders the file from disk with networking off: a screenshot must show a styled page
(not blank, and with the report's colours), the DOM must hold the findings as text and no script
element, and printing to PDF must work.
"""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
import zlib
from collections import Counter
from pathlib import Path

import pytest
from audit_sample import XSS_SUBJECT, report_args, write_sample
from conftest import require_tool, run_cli

WIDTH, HEIGHT = 1280, 2000
FAIL_RED = (0xB3, 0x26, 0x1E)  # --fail in the report's CSS: the FAIL verdict badge
CRITICAL = (0x7A, 0x1F, 0x5C)  # --critical: the severity pills and card borders


@pytest.fixture(scope="session")
def chromium() -> str:
    found = next((c for c in ("/usr/bin/chromium", shutil.which("chromium"), shutil.which("chromium-browser")) if c
                  and Path(c).is_file()), None)
    return require_tool(found, "chromium not found: run scripts/install-chromium")


def run_chromium(binary: str, profile: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    command = [binary, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               "--hide-scrollbars", f"--user-data-dir={profile}", *args]
    env = {**os.environ, "HOME": str(profile)}
    return subprocess.run(command, capture_output=True, timeout=120, env=env, check=False)


def png_pixels(data: bytes) -> tuple[int, int, list[tuple[int, int, int]]]:
    """Decode an 8-bit RGB/RGBA, non-interlaced PNG (what Chromium writes) to RGB pixels."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, header = 8, b"", None
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    assert header is not None, "no IHDR chunk"
    width, height, depth, colour, _, _, interlace = header
    assert depth == 8 and colour in (2, 6) and interlace == 0, header
    channels = 3 if colour == 2 else 4
    stride = width * channels
    raw = zlib.decompress(idat)
    pixels: list[tuple[int, int, int]] = []
    previous = bytearray(stride)
    for y in range(height):
        kind = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for x in range(stride):
            left = line[x - channels] if x >= channels else 0
            up = previous[x]
            upper_left = previous[x - channels] if x >= channels else 0
            if kind == 1:
                line[x] = (line[x] + left) & 0xFF
            elif kind == 2:
                line[x] = (line[x] + up) & 0xFF
            elif kind == 3:
                line[x] = (line[x] + (left + up) // 2) & 0xFF
            elif kind == 4:
                p = left + up - upper_left
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - upper_left)
                line[x] = (line[x] + (left if pa <= pb and pa <= pc else up if pb <= pc else upper_left)) & 0xFF
        pixels += [tuple(line[x:x + 3]) for x in range(0, stride, channels)]  # type: ignore[misc]
        previous = line
    return width, height, pixels


@pytest.fixture(scope="module")
def report_html(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("browser")
    out = root / "audit report.html"  # a space: the file URL must be built properly
    result = run_cli(*report_args(*write_sample(root), "-o", str(out)))
    assert result.returncode == 0, result.stderr
    return out


def test_chromium_renders_a_styled_non_empty_page(chromium, report_html, tmp_path):
    screenshot = tmp_path / "report.png"
    result = run_chromium(chromium, tmp_path / "profile", f"--screenshot={screenshot}",
                          f"--window-size={WIDTH},{HEIGHT}", report_html.as_uri())
    assert screenshot.is_file(), result.stderr.decode(errors="replace")[-2000:]
    assert screenshot.stat().st_size > 20_000
    width, height, pixels = png_pixels(screenshot.read_bytes())
    assert (width, height) == (WIDTH, HEIGHT)
    colours = Counter(pixels)
    background, count = colours.most_common(1)[0]
    assert background == (255, 255, 255)
    assert count < 0.97 * len(pixels), "the page is (nearly) blank"
    assert len(colours) > 200, "too few colours for rendered text and tables"
    # The inline stylesheet was applied: the verdict badge and the critical pills carry its colours.
    assert colours[FAIL_RED] > 300 and colours[CRITICAL] > 100


def test_chromium_dom_holds_the_findings_as_text(chromium, report_html, tmp_path):
    result = run_chromium(chromium, tmp_path / "profile", "--dump-dom", report_html.as_uri())
    dom = result.stdout.decode()
    assert result.returncode == 0 and "</html>" in dom, result.stderr.decode(errors="replace")[-2000:]
    for text in ("AIG-MOD-001", "m-secret", "AIG-CRD-002", "ciso@example.org", "Compliance matrix", "SC-28"):
        assert text in dom
    assert "<script" not in dom  # the inventory's <script> stayed text
    assert XSS_SUBJECT.replace("<", "&lt;").replace(">", "&gt;") in dom


def test_chromium_prints_the_report_to_pdf(chromium, report_html, tmp_path):
    pdf = tmp_path / "report.pdf"
    result = run_chromium(chromium, tmp_path / "profile", f"--print-to-pdf={pdf}", "--no-pdf-header-footer",
                          report_html.as_uri())
    assert pdf.is_file(), result.stderr.decode(errors="replace")[-2000:]
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF-") and len(data) > 10_000


# The Exposure section's chains: inline SVG (no script) that Chromium draws with the report's palette.
CREDENTIAL_FILL = (0xFF, 0xF4, 0xE0)  # NODE_COLOURS["credential"]
SENSITIVE_FILL = (0xF6, 0xEA, 0xF2)  # NODE_COLOURS["sensitive"]


def test_chromium_draws_the_exposure_chains(chromium, tmp_path):
    from conftest import AS_OF, REPO

    out = tmp_path / "exposure.html"
    result = run_cli("report", str(REPO / "tests" / "data" / "incident"), "--as-of", AS_OF, "-o", str(out))
    assert result.returncode == 0, result.stderr
    dom = run_chromium(chromium, tmp_path / "profile", "--dump-dom", out.as_uri()).stdout.decode()
    # the parsed DOM holds three SVG chains with their nodes (Chromium keeps SVG elements as such)
    assert dom.count("<svg ") == 3 and "<script" not in dom
    for node in ('data-id="group:all-staff"', 'data-id="credential:pat-dev"', 'data-id="bucket-research"',
                 'data-id="trial-scans"', "<marker "):
        assert node in dom
    # drawn: the page down to the section, screenshotted, shows the credential and sensitive boxes
    screenshot = tmp_path / "exposure.png"
    run_chromium(chromium, tmp_path / "profile", f"--screenshot={screenshot}", f"--window-size={WIDTH},4000",
                 out.as_uri())
    colours = Counter(png_pixels(screenshot.read_bytes())[2])
    box = 190 * 34  # one node box, less its text
    assert colours[CREDENTIAL_FILL] > 2 * box * 0.6, "credential boxes not drawn"
    assert colours[SENSITIVE_FILL] > 4 * box * 0.6, "sensitive asset boxes not drawn"


def test_chromium_table_headers_never_break_inside_a_word(chromium, report_html, tmp_path):
    # A narrow window squeezes the policy table; a script measures each header's line boxes in the
    # real layout and writes the headers that wrapped into the DOM, which --dump-dom prints.
    measure = ("<script>addEventListener('load', () => { const broken = [...document.querySelectorAll('th')]"
               ".filter(th => { const r = document.createRange(); r.selectNodeContents(th);"
               " return r.getClientRects().length > 1; }).map(th => th.textContent);"
               " document.body.setAttribute('data-broken', JSON.stringify(broken)); });</script>")
    page = tmp_path / "measured.html"
    html = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", report_html.read_text())  # lets it run
    page.write_text(html.replace("</body>", measure + "</body>"))
    result = run_chromium(chromium, tmp_path / "profile", "--window-size=700,1000", "--dump-dom", page.as_uri())
    dom = result.stdout.decode()
    assert 'data-broken="' in dom, result.stderr.decode(errors="replace")[-2000:]
    assert 'data-broken="[]"' in dom, dom[dom.index("data-broken"):][:300]


# The incident page: the same stylesheet and CSP as the audit report, drawn by Chromium.
ASSUMED_AMBER = (0xA1, 0x5C, 0x00)  # --medium: the "assumed" duty pills


def test_chromium_renders_the_incident_page(chromium, tmp_path):
    from conftest import AS_OF, REPO

    out = tmp_path / "incident.html"
    result = run_cli("incident", str(REPO / "tests" / "data" / "incident"), "--leaked", "group:all-staff",
                     "--discovered", "2026-11-27T14:30Z", "--since", "2026-06-01", "--as-of", AS_OF,
                     "--format", "html", "-o", str(out))
    assert result.returncode == 0, result.stderr
    dom = run_chromium(chromium, tmp_path / "profile", "--dump-dom", out.as_uri()).stdout.decode()
    assert "</html>" in dom and "<script" not in dom
    for text in ("Notification checklist", "GDPR Art. 33", "HIPAA 45 CFR 164.404", "credential:pat-dev",
                 "Access logs of the stores involved", "not legal advice"):
        assert text in dom, text
    screenshot = tmp_path / "incident.png"
    result = run_chromium(chromium, tmp_path / "profile", f"--screenshot={screenshot}",
                          f"--window-size={WIDTH},{HEIGHT}", out.as_uri())
    assert screenshot.is_file(), result.stderr.decode(errors="replace")[-2000:]
    colours = Counter(png_pixels(screenshot.read_bytes())[2])
    assert colours.most_common(1)[0][0] == (255, 255, 255) and len(colours) > 200
    # the inline stylesheet applied: the required (red) and assumed (amber) duty pills are drawn
    assert colours[FAIL_RED] > 300 and colours[ASSUMED_AMBER] > 100
