"""Translations of the book: one catalogue (gettext ``.po``) per page, in ``locale/<lang>/``.

    python tools/i18n.py extract                 # update the catalogues from the English sources
    python tools/i18n.py status                  # coverage and problems; exit 1 unless complete
    python tools/i18n.py dump 03_cross_entropy /tmp/ch3   # one file per unit, for a translator
    python tools/i18n.py load 03_cross_entropy /tmp/ch3   # read the translator's files back

A *unit* is what a translator translates at once, identified by a context (``msgctxt``):

- a Markdown cell of a notebook (context: the cell id, e.g. ``c005``);
- the alt text of a figure (``c004.alt``, from the code cell's ``mystnb.image.alt``);
- a section of a Markdown page such as ``book/intro.md`` (``intro.<heading-slug>``);
- the book's title and the table of contents' part captions (catalogue ``_book``).

The ``msgid`` is the English source, exactly; the ``msgstr`` the translation. When an English
unit changes, ``extract`` keeps the old translation, marks it *fuzzy* and records the previous
English (``#| msgid``), so ``status`` flags it until a translator updates it and clears the
flag (``load`` does). Code cells and outputs are never translated: the other edition copies
them, so code, outputs and computed numbers are the same in both by construction.

``status`` also checks that a translation keeps what must not be translated: the ``{eval}``,
``{ref}``, ``{eq}``, ``{numref}`` and ``{doc}`` targets, labels ``(name)=``, directive fences,
and every inline or display formula, character for character.
"""

import json
import re
import sys
from collections import Counter
from pathlib import Path

import polib
import yaml

ROOT = Path(__file__).resolve().parents[1]
LOCALE = ROOT / "locale"
LANGUAGES = ["zh"]
ALT_KEYS = ("mystnb", "image", "alt")


# ---------------------------------------------------------------- the English units
def pages():
    """The book's pages in table-of-contents order, as paths relative to the root."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    files = [toc["root"]] + [c["file"] for part in toc["parts"] for c in part["chapters"]]
    out = []
    for f in files:
        for suffix in (".ipynb", ".md"):
            if (ROOT / (f + suffix)).exists():
                out.append(ROOT / (f + suffix))
                break
        else:
            raise FileNotFoundError(f"_toc.yml lists {f!r}, which has no .ipynb or .md file")
    return out


def _slug(heading):
    text = re.sub(r"[^\w\s-]", "", heading.lstrip("#").strip().lower())
    return re.sub(r"[\s_]+", "-", text).strip("-")


def markdown_sections(text):
    """Split a Markdown page before each heading outside code fences: [(slug, source)]."""
    sections, current, fence = [], [], None
    for line in text.splitlines(keepends=True):
        stripped = line.lstrip()
        if fence is None and re.match(r"(`{3,}|:{3,})", stripped):
            fence = re.match(r"(`{3,}|:{3,})", stripped).group(1)
        elif fence is not None and stripped.rstrip() == fence:
            fence = None
        starts = fence is None and re.match(r"#{1,6} ", line)
        # a heading keeps the label line "(name)=" just above it in its own section
        if starts and current and any(s.strip() for s in current):
            label = []
            while current and re.match(r"\(.+\)=\s*$", current[-1]):
                label.insert(0, current.pop())
            if any(s.strip() for s in current):
                sections.append(current)
            current = label
        current.append(line)
    if current:
        sections.append(current)
    units, seen = [], Counter()
    for lines in sections:
        heading = next((s for s in lines if re.match(r"#{1,6} ", s)), "top")
        slug = _slug(heading) or "section"
        seen[slug] += 1
        if seen[slug] > 1:
            slug = f"{slug}-{seen[slug]}"
        units.append((slug, "".join(lines)))
    return units


def units(path):
    """The translatable units of one page: [(context, English source)]."""
    if path.suffix == ".md":
        return [(f"{path.stem}.{slug}", src) for slug, src in markdown_sections(path.read_text(encoding="utf-8"))]
    nb = json.loads(path.read_text(encoding="utf-8"))
    out = []
    for cell in nb["cells"]:
        src = "".join(cell["source"])
        if cell["cell_type"] == "markdown" and src.strip():
            out.append((cell["id"], src))
        alt = cell.get("metadata", {})
        for key in ALT_KEYS:
            alt = alt.get(key, {}) if isinstance(alt, dict) else {}
        if isinstance(alt, str) and alt.strip():
            out.append((f"{cell['id']}.alt", alt))
    return out


def book_units():
    """Title and part captions of the table of contents."""
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    out = [("title", config["title"])]
    out += [(f"caption.{_slug(p['caption'])}", p["caption"]) for p in toc["parts"] if "caption" in p]
    return out


def catalogues():
    """{catalogue name: [(context, English)]} for every page and the book itself."""
    cats = {p.stem: units(p) for p in pages()}
    cats["_book"] = book_units()
    return cats


def catalogue_path(lang, name):
    return LOCALE / lang / f"{name}.po"


def load_catalogue(lang, name):
    path = catalogue_path(lang, name)
    if path.exists():
        return polib.pofile(str(path), wrapwidth=0)
    po = polib.POFile(wrapwidth=0)
    po.metadata = {
        "Project-Id-Version": "lossbook",
        "Language": lang,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
    }
    return po


def save(po, lang, name):
    path = catalogue_path(lang, name)
    path.parent.mkdir(parents=True, exist_ok=True)
    po.save(str(path))


# ---------------------------------------------------------------- extract
def extract(langs=LANGUAGES):
    """Bring every catalogue in line with the English: add new units, flag changed ones."""
    report = Counter()
    for lang in langs:
        for name, english in catalogues().items():
            po = load_catalogue(lang, name)
            old = {e.msgctxt: e for e in po if not e.obsolete}
            new = polib.POFile(wrapwidth=0)
            new.metadata = po.metadata
            for ctx, src in english:
                entry = old.pop(ctx, None)
                if entry is None:
                    entry = polib.POEntry(msgctxt=ctx, msgid=src, msgstr="")
                    report["new"] += 1
                elif entry.msgid != src:
                    if entry.msgstr:
                        entry.previous_msgid = entry.previous_msgid or entry.msgid
                        if "fuzzy" not in entry.flags:
                            entry.flags.append("fuzzy")
                        report["changed"] += 1
                    entry.msgid = src
                new.append(entry)
            report["removed"] += len(old)
            save(new, lang, name)
    return report


# ---------------------------------------------------------------- checks
ROLE = re.compile(r"\{(eval|ref|eq|numref|doc|glue:text|glue)\}`([^`]*)`")
LABEL = re.compile(r"^\s*\(([^)\s]+)\)=\s*$", re.M)
FENCE = re.compile(r"^\s*(`{3,}|:{3,})\s*(\{[^}]+\})?", re.M)
EQ_LABEL = re.compile(r"\$\$[ \t]*\(([^)\s]+)\)")
DISPLAY_MATH = re.compile(r"\$\$(.+?)\$\$", re.S)
INLINE_MATH = re.compile(r"(?<![\\$])\$(?!\$)(.+?)(?<![\\$])\$(?!\$)", re.S)


def _ref_target(role, text):
    if role in ("ref", "numref", "doc") and "<" in text and text.endswith(">"):
        return text[text.rindex("<") + 1:-1]
    return text


def invariants(text):
    """What a translation must keep exactly: roles' targets, labels, fences, formulas."""
    found = Counter()
    for role, body in ROLE.findall(text):
        found[(role, _ref_target(role, body))] += 1
    for label in LABEL.findall(text):
        found[("label", label)] += 1
    for label in EQ_LABEL.findall(text):
        found[("equation label", label)] += 1
    for fence, directive in FENCE.findall(text):
        found[("fence", fence + directive)] += 1
    rest = text
    for m in DISPLAY_MATH.finditer(text):
        found[("math", " ".join(m.group(1).split()))] += 1
    rest = DISPLAY_MATH.sub(" ", text)
    rest = re.sub(r"`[^`]*`", " ", rest)   # inline code may contain "$"
    for m in INLINE_MATH.finditer(rest):
        found[("math", " ".join(m.group(1).split()))] += 1
    return found


def problems(entry):
    """Why a catalogue entry is not a finished translation (empty list: it is)."""
    if not entry.msgstr.strip():
        return ["untranslated"]
    out = []
    if "fuzzy" in entry.flags:
        out.append("stale: the English changed since it was translated (see '#| msgid')")
    if entry.msgctxt.endswith(".alt") or entry.msgctxt in ("title",) or entry.msgctxt.startswith("caption."):
        return out
    want, got = invariants(entry.msgid), invariants(entry.msgstr)
    for key in sorted(set(want) | set(got), key=str):
        if want[key] != got[key]:
            out.append(f"{key[0]} {key[1]!r}: {want[key]} in English, {got[key]} in the translation")
    return out


def status(langs=LANGUAGES, verbose=True):
    """Print coverage per catalogue; return the number of units that are not finished."""
    bad = 0
    english = catalogues()
    for lang in langs:
        for name, units_ in english.items():
            po = load_catalogue(lang, name)
            entries = {e.msgctxt: e for e in po if not e.obsolete}
            done = 0
            for ctx, src in units_:
                entry = entries.get(ctx)
                if entry is None or entry.msgid != src:
                    issues = ["missing or out of date: run `python tools/i18n.py extract`"]
                else:
                    issues = problems(entry)
                if issues:
                    bad += 1
                    if verbose:
                        for issue in issues:
                            print(f"  {lang}/{name}.po [{ctx}]: {issue}")
                else:
                    done += 1
            print(f"{lang}/{name}.po: {done}/{len(units_)} translated")
    return bad


# ---------------------------------------------------------------- translator's files
def dump(name, folder, lang="zh"):
    """Write <ctx>.en.md (and <ctx>.zh.md when translated; <ctx>.previous.en.md when stale)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for entry in load_catalogue(lang, name):
        if entry.obsolete:
            continue
        (folder / f"{entry.msgctxt}.en.md").write_text(entry.msgid, encoding="utf-8")
        if entry.msgstr:
            (folder / f"{entry.msgctxt}.{lang}.md").write_text(entry.msgstr, encoding="utf-8")
        if entry.previous_msgid:
            (folder / f"{entry.msgctxt}.previous.en.md").write_text(entry.previous_msgid, encoding="utf-8")


def load(name, folder, lang="zh"):
    """Read <ctx>.<lang>.md files into the catalogue; a loaded unit is no longer stale."""
    folder = Path(folder)
    po = load_catalogue(lang, name)
    n = 0
    for entry in po:
        f = folder / f"{entry.msgctxt}.{lang}.md"
        if entry.obsolete or not f.exists():
            continue
        text = f.read_text(encoding="utf-8")
        if entry.msgid.endswith("\n") != text.endswith("\n"):
            text = text.rstrip("\n") + ("\n" if entry.msgid.endswith("\n") else "")
        entry.msgstr = text
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        entry.previous_msgid = None
        n += 1
    save(po, lang, name)
    return n


def main(args):
    if not args or args[0] in ("-h", "--help"):
        print(__doc__)
        return 0
    cmd, rest = args[0], args[1:]
    if cmd == "extract":
        print(dict(extract()))
        return 0
    if cmd == "status":
        return 1 if status(verbose="-q" not in rest) else 0
    if cmd == "dump":
        dump(*rest)
        return 0
    if cmd == "load":
        print(f"loaded {load(*rest)} units")
        return 0
    print(f"unknown command {cmd!r}; see --help", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
