"""Translations of the book: one catalogue (gettext ``.po``) per page, in ``locale/<lang>/``.

    python tools/i18n.py extract                 # update the catalogues from the English sources
    python tools/i18n.py status                  # coverage and problems; exit 1 unless complete
    python tools/i18n.py dump 03_cross_entropy /tmp/ch3   # one file per unit, for a translator
    python tools/i18n.py load 03_cross_entropy /tmp/ch3   # read the translator's files back
    python tools/i18n.py build                   # write the Chinese sources under zh/ (committed)
    python tools/i18n.py build --check           # change nothing; exit 1 if zh/ is not current
    python tools/i18n.py site -W -n --keep-going # build the Chinese website into _build/html/zh/

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

``build`` writes the other edition's sources, generated and committed (JupyterLab, Binder and
the download button need real files): ``zh/_config.yml`` and ``zh/_toc.yml`` (from the root
ones: translated title and part captions, ``language: zh_CN``, no execution),
``zh/book/intro.md`` (sections replaced) and ``zh/book/NN_*.ipynb``: the English notebook with
its Markdown cells' sources and figures' alt texts replaced and everything else identical
(code, outputs, cell ids, metadata including the stored ``{eval}`` values), plus one line in
the install cell, ``lossbook.set_language("zh")``. It fails, listing them, while a unit has no
finished translation (``--allow-missing`` keeps the English of those units: for development
only). ``site`` builds the website of those sources without executing anything (the
``{eval}`` values come from the notebooks, see ``tools/sphinx_lossbook.py``) into
``_build/html/zh/``, beside the English edition built by ``jupyter-book build .``.

``status`` also checks that a translation keeps what must not be translated: the ``{eval}``,
``{ref}``, ``{eq}``, ``{numref}`` and ``{doc}`` targets, labels ``(name)=``, directive fences,
and every inline or display formula, character for character.
"""

import difflib
import json
import re
import shutil
import sys
from collections import Counter
from pathlib import Path

import nbformat
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
    """Bring every catalogue in line with the English: add new units, flag changed ones.

    A unit whose context disappeared (a cell split or renamed, an alt text that moved with its
    figure) is not thrown away: a new unit with the same English takes its translation as it is,
    one with similar English (difflib ratio >= 0.8) takes it flagged stale, and the rest stay in
    the catalogue as obsolete entries (``#~``), as gettext's msgmerge keeps them.
    """
    report = Counter()
    for lang in langs:
        for name, english in catalogues().items():
            po = load_catalogue(lang, name)
            old = {e.msgctxt: e for e in po if not e.obsolete}
            obsolete = [e for e in po if e.obsolete]
            new = polib.POFile(wrapwidth=0)
            new.metadata = po.metadata
            unmatched = []
            for ctx, src in english:
                entry = old.pop(ctx, None)
                if entry is None:
                    entry = polib.POEntry(msgctxt=ctx, msgid=src, msgstr="")
                    unmatched.append(entry)
                elif entry.msgid != src:
                    if entry.msgstr:
                        entry.previous_msgid = entry.previous_msgid or entry.msgid
                        if "fuzzy" not in entry.flags:
                            entry.flags.append("fuzzy")
                        report["changed"] += 1
                    entry.msgid = src
                new.append(entry)
            orphans = [e for e in list(old.values()) + obsolete if e.msgstr]
            for entry in unmatched:
                best = max(orphans, default=None,
                           key=lambda o: difflib.SequenceMatcher(None, o.msgid, entry.msgid).ratio())
                ratio = difflib.SequenceMatcher(None, best.msgid, entry.msgid).ratio() if best else 0
                if best is not None and ratio >= 0.8:
                    orphans.remove(best)
                    entry.msgstr = best.msgstr
                    if ratio < 1:
                        entry.previous_msgid = best.msgid
                        entry.flags.append("fuzzy")
                    report["carried over" if ratio == 1 else "carried over, stale"] += 1
                else:
                    report["new"] += 1
            for entry in orphans:
                entry.obsolete = True
                new.append(entry)
            report["obsolete"] += len(orphans)
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


# ---------------------------------------------------------------- the other edition's sources
INSTALL_CELL_ID = "install-lossbook"   # written by tools/refresh_notebooks.py
EDITIONS = {
    "zh": {
        "dir": "zh",                     # its source folder, and its folder in _build/html/
        "sphinx_language": "zh_CN",      # <html lang="zh-CN">, Sphinx's Chinese search (jieba)
        "install_line": '_ = lossbook.set_language("zh")  # explorers: controls and read-outs in Chinese',
        # the website's own words around the book's (folded code, solutions)
        "sphinx_config": {
            "nb_code_prompt_show": "显示代码",
            "nb_code_prompt_hide": "隐藏代码",
            "togglebutton_hint": "点击显示",
            "togglebutton_hint_hide": "点击隐藏",
        },
        # its pages' language switch, to the English edition (the English pages' switch to
        # this one is `lossbook_language_switch` in the root _config.yml)
        "switch_back": {"text": "English", "lang": "en", "title": "Read this page in English"},
    },
}
GENERATED_NOTE = "Generated by `python tools/i18n.py build` from the English sources and locale/{lang}/: do not edit."


class MissingTranslations(Exception):
    """Units without a finished translation: ``build`` lists them and writes nothing."""

    def __init__(self, lang, missing):
        self.missing = missing
        lines = [f"  {lang}/{name}.po [{ctx}]: {why}" for name, ctx, why in missing]
        super().__init__(f"{len(missing)} unit(s) without a finished translation "
                         f"(see `python tools/i18n.py status`):\n" + "\n".join(lines))


def finished_translations(lang, allow_missing=False):
    """{catalogue: {context: translation}} of every unit whose translation is finished.
    Raises MissingTranslations listing the others, unless ``allow_missing``."""
    out, missing = {}, []
    for name, units_ in catalogues().items():
        entries = {e.msgctxt: e for e in load_catalogue(lang, name) if not e.obsolete}
        out[name] = {}
        for ctx, src in units_:
            entry = entries.get(ctx)
            if entry is None or entry.msgid != src:
                missing.append((name, ctx, "missing or out of date: run `python tools/i18n.py extract`"))
            elif problems(entry):
                missing.append((name, ctx, "; ".join(problems(entry))))
            else:
                out[name][ctx] = entry.msgstr
    if missing and not allow_missing:
        raise MissingTranslations(lang, missing)
    return out


def _notebook(path, translated, install_line):
    """The English notebook ``path`` with its Markdown sources and alt texts translated and one
    line added to the install cell; every other byte as in the English file."""
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "markdown" and cell.id in translated:
            cell.source = translated[cell.id]
        alt = cell.metadata.get("mystnb", {}).get("image", {})
        if isinstance(alt.get("alt"), str) and f"{cell.id}.alt" in translated:
            alt["alt"] = translated[f"{cell.id}.alt"]
        if cell.get("id") == INSTALL_CELL_ID:
            cell.source = cell.source.rstrip("\n") + "\n" + install_line
    return nbformat.writes(nb) + "\n"


def _markdown_page(path, translated):
    parts = [translated.get(f"{path.stem}.{slug}", src) for slug, src in markdown_sections(path.read_text(encoding="utf-8"))]
    return "".join(parts)


def _config(lang, book):
    """The edition's _config.yml: the root one, translated and pointed at the shared parts."""
    edition = EDITIONS[lang]
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    up = "../" * len(Path(edition["dir"]).parts)
    config["title"] = book.get("title", config["title"])
    config["exclude_patterns"] = [p for p in config.get("exclude_patterns", []) if p != edition["dir"]]
    config.setdefault("execute", {})["execute_notebooks"] = "off"
    sphinx = config.setdefault("sphinx", {})
    sphinx["local_extensions"] = {name: up + path for name, path in (sphinx.get("local_extensions") or {}).items()}
    cfg = sphinx.setdefault("config", {})
    cfg["language"] = edition["sphinx_language"]
    # no second execution: the {eval} roles show the values stored in the notebooks
    cfg["nb_execution_mode"] = "off"
    cfg["lossbook_stored_eval"] = True
    cfg["lossbook_language_switch"] = {"href": up, **edition["switch_back"]}
    cfg.update(edition.get("sphinx_config", {}))
    # the glossary's terms as words of their own for the search index (jieba's user dictionary)
    cfg["html_search_options"] = {"dict": "search_terms.txt"}
    if config.get("html", {}).get("favicon"):
        config["html"]["favicon"] = up + config["html"]["favicon"]
    repo = config.setdefault("repository", {})
    repo["path_to_book"] = "/".join(p for p in (repo.get("path_to_book", "").strip("/"), edition["dir"]) if p)
    head = f"# {GENERATED_NOTE.format(lang=lang)}\n"
    return head + yaml.safe_dump(config, sort_keys=False, allow_unicode=True, width=100)


def _toc(lang, book):
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    for part in toc.get("parts", []):
        if "caption" in part:
            part["caption"] = book.get(f"caption.{_slug(part['caption'])}", part["caption"])
    head = f"# {GENERATED_NOTE.format(lang=lang)}\n"
    return head + yaml.safe_dump(toc, sort_keys=False, allow_unicode=True, width=100)


def search_terms(lang):
    """The Chinese terms of the intro's glossary, one a line (jieba's user dictionary), so that
    the search index holds 交叉熵 as a word besides 交叉 and 熵."""
    text = (ROOT / "book" / "intro.md").read_text(encoding="utf-8")
    terms = []
    for slug, src in markdown_sections(text):
        if not slug.startswith("glossary"):
            continue
        rows = src.splitlines()
        for i, row in enumerate(rows):
            if i + 1 < len(rows) and re.match(r"\s*\|?\s*:?-{3,}", rows[i + 1]):
                continue   # the table's header row
            cells = [c.strip() for c in row.strip().strip("|").split("|")]
            if len(cells) < 2 or not re.search(r"[\u4e00-\u9fff]", cells[1]):
                continue
            for term in re.split(r"[,，/、]", re.sub(r"\([^)]*\)", "", cells[1])):
                for word in re.findall(r"[\u4e00-\u9fff]{2,}", term):
                    terms.append(word)
    return "".join(f"{t}\n" for t in dict.fromkeys(terms))


def generate(lang="zh", allow_missing=False):
    """The edition's generated sources, in memory: {path relative to the root: text}."""
    edition = EDITIONS[lang]
    done = finished_translations(lang, allow_missing)
    folder = Path(edition["dir"])
    out = {
        folder / "_config.yml": _config(lang, done["_book"]),
        folder / "_toc.yml": _toc(lang, done["_book"]),
        folder / "search_terms.txt": search_terms(lang),
    }
    for page in pages():
        rel = page.relative_to(ROOT)
        if page.suffix == ".ipynb":
            out[folder / rel] = _notebook(page, done[page.stem], edition["install_line"])
        else:
            note = f"% {GENERATED_NOTE.format(lang=lang)}\n"
            out[folder / rel] = note + _markdown_page(page, done[page.stem])
    return out


def generated_files(lang="zh"):
    """What ``build`` owns in the edition's folder: every file but hidden ones and _build/."""
    folder = ROOT / EDITIONS[lang]["dir"]
    if not folder.is_dir():
        return []
    return [p.relative_to(ROOT) for p in folder.rglob("*") if p.is_file()
            and not any(part.startswith((".", "_build")) for part in p.relative_to(folder).parts)]


def differences(lang="zh", allow_missing=False):
    """Files of the edition that ``build`` would write, change or delete (empty: current)."""
    want = generate(lang, allow_missing)
    out = []
    for rel, text in want.items():
        path = ROOT / rel
        if not path.exists():
            out.append(f"missing: {rel}")
        elif path.read_text(encoding="utf-8") != text:
            out.append(f"out of date: {rel}")
    out += [f"not generated (would be deleted): {rel}" for rel in generated_files(lang) if rel not in want]
    return out


def build(lang="zh", allow_missing=False):
    """Write the edition's sources (and delete files of its folder it no longer generates)."""
    want = generate(lang, allow_missing)
    for rel in generated_files(lang):
        if rel not in want:
            (ROOT / rel).unlink()
    for rel, text in want.items():
        path = ROOT / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
    return sorted(want)


# ---------------------------------------------------------------- the other edition's website
def site(lang="zh", warningiserror=False, nitpicky=False, keep_going=False, fresh=False, quiet=False):
    """Build the edition's website from its generated sources (no notebook is executed) into
    ``_build/<lang>/html`` and copy it to ``_build/html/<lang>/``, beside the English edition.
    Returns Sphinx's status code (0: built)."""
    from jupyter_book.sphinx import build_sphinx

    edition = EDITIONS[lang]
    source = ROOT / edition["dir"]
    work = ROOT / "_build" / lang          # its doctrees and jupyter_execute stay out of the site
    result = build_sphinx(source, work / "html", noconfig=True, path_config=str(source / "_config.yml"),
                          confoverrides={"external_toc_path": (source / "_toc.yml").as_posix(),
                                         "latex_individualpages": False, **({"nitpicky": True} if nitpicky else {})},
                          doctreedir=work / ".doctrees", builder="html", warningiserror=warningiserror,
                          keep_going=keep_going, freshenv=fresh, quiet=quiet)
    if result != 0:
        return result if isinstance(result, int) else 1
    target = ROOT / "_build" / "html" / edition["dir"]
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(work / "html", target, ignore=shutil.ignore_patterns(".buildinfo", "objects.inv"))
    print(f"The {lang} edition is in {target.relative_to(ROOT)}/")
    return 0


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
    if cmd == "build":
        unknown = [a for a in rest if a not in ("--check", "--allow-missing")]
        if unknown:
            print(f"build: unknown option(s) {unknown}; see --help", file=sys.stderr)
            return 2
        try:
            if "--check" in rest:
                diff = differences(allow_missing="--allow-missing" in rest)
                for d in diff:
                    print(d)
                print("zh/ is current" if not diff else "zh/ is not current: run `python tools/i18n.py build`")
                return 1 if diff else 0
            written = build(allow_missing="--allow-missing" in rest)
        except MissingTranslations as exc:
            print(exc, file=sys.stderr)
            return 1
        print(f"wrote {len(written)} files under {EDITIONS['zh']['dir']}/")
        return 0
    if cmd == "site":
        flags = {"-W": "warningiserror", "-n": "nitpicky", "--keep-going": "keep_going", "--all": "fresh", "-q": "quiet"}
        unknown = [a for a in rest if a not in flags]
        if unknown:
            print(f"site: unknown option(s) {unknown}; see --help", file=sys.stderr)
            return 2
        return site(**{flags[a]: True for a in rest})
    print(f"unknown command {cmd!r}; see --help", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
