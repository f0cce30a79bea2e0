"""Each chapter's transferred weight: what a reader's browser downloads for that page.

    python tools/page_weight.py                          # the build in _build/html
    python tools/page_weight.py OLD_BUILD/html           # another build
    python tools/page_weight.py _build/html --before OLD_BUILD/html   # side by side

Per page: the HTML gzip-compressed (as a web server sends it; level 6, the usual default),
plus the page's own assets: the images under ``_images`` that it loads (PNG/JPEG as they
are, SVG compressed). The theme's stylesheets, scripts, fonts
and MathJax are shared by every page and cached after the first; they are listed once,
compressed, at the end. Reports only; exits 0.
"""

import argparse
import gzip
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# what the browser fetches when it loads the page (not what it links to)
FETCHED = re.compile(r'<(?:script|img|source|iframe)\b[^>]*?\bsrc="([^"#?]+)'
                     r'|<link\b(?=[^>]*\brel="(?:stylesheet|icon|shortcut icon|preload|modulepreload)")'
                     r'[^>]*?\bhref="([^"#?]+)', re.I)
COMPRESSIBLE = {".html", ".css", ".js", ".svg", ".json", ".txt", ".map"}


def sent(path):
    """Bytes on the wire for one file: compressed if a server would compress it."""
    data = path.read_bytes()
    return len(gzip.compress(data, 6, mtime=0)) if path.suffix in COMPRESSIBLE else len(data)


def weigh(html_root, page):
    """(html bytes, html gzip bytes, own assets bytes, shared asset paths) of one page."""
    path = html_root / page
    html = path.read_text(encoding="utf-8")
    own, shared = 0, set()
    for ref in {a or b for a, b in FETCHED.findall(html)}:
        if ref.startswith(("http:", "https:", "data:", "mailto:", "//")):
            continue
        target = (path.parent / ref).resolve()
        if not target.is_file() or target.suffix == ".html":
            continue
        if "_images" in target.relative_to(html_root.resolve()).parts:   # zh/_images too
            own += sent(target)
        else:
            shared.add(target)
    return len(html.encode()), len(gzip.compress(html.encode(), 6, mtime=0)), own, shared


def chapters(html_root):
    return sorted(p.relative_to(html_root).as_posix() for p in html_root.rglob("book/*.html"))


def table(html_root):
    """{page: (html, html gzip, own assets, sent)}, and the shared assets' bytes and count
    per edition (the Chinese one under zh/ has its own copy of the theme's files)."""
    rows, shared = {}, {}
    for page in chapters(html_root):
        raw, gz, own, common = weigh(html_root, page)
        rows[page] = (raw, gz, own, gz + own)
        shared.setdefault(page.split("/")[0] if page.startswith("zh/") else "", set()).update(common)
    return rows, {edition: (sum(sent(p) for p in files), len(files)) for edition, files in shared.items()}


def _shared(shared):
    return "; ".join(f"{edition or 'English'} {kb(size)} KB ({count} files)"
                     for edition, (size, count) in sorted(shared.items()))


def kb(n):
    return f"{n / 1024:,.0f}"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("html", nargs="?", default=str(ROOT / "_build" / "html"), help="a built site (default: _build/html)")
    parser.add_argument("--before", help="another build, to show side by side")
    args = parser.parse_args(argv)
    now = Path(args.html)
    if not now.is_dir():
        sys.exit(f"no built site at {now}: run `jupyter-book build .` first")
    rows, shared = table(now)
    if args.before:
        old, old_shared = table(Path(args.before))
        print(f"{'page':38} {'HTML gzip KB':>16} {'sent KB (+ images)':>25}")
        print(f"{'':38} {'before':>7} {'after':>8} {'before':>9} {'after':>7} {'change':>7}")
        for page, row in rows.items():
            if page in old:
                b, a = old[page], row
                print(f"{page:38} {kb(b[1]):>7} {kb(a[1]):>8} {kb(b[3]):>9} {kb(a[3]):>7} {(a[3] - b[3]) / b[3]:>+7.0%}")
        print(f"shared assets, sent once per edition: before {_shared(old_shared)}; after {_shared(shared)}")
    else:
        print(f"{'page':38} {'HTML KB':>8} {'gzip KB':>8} {'images KB':>10} {'sent KB':>8}")
        for page, (raw, gz, own, total) in rows.items():
            print(f"{page:38} {kb(raw):>8} {kb(gz):>8} {kb(own):>10} {kb(total):>8}")
        print(f"shared assets, sent once per edition: {_shared(shared)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
