"""Local Sphinx extension for the lossbook website (registered in _config.yml).

Jupyter Book always loads sphinx-thebe. We do not use Thebe (readers run code on Binder or
locally), and its inline configuration script is added once per read phase, so on some
builds the page declares ``const THEBE_JS_URL`` twice and logs a console error. This drops
Thebe's scripts from every page; nothing else on the page depends on them.
"""


def _drop_thebe(app, pagename, templatename, context, doctree):
    scripts = context.get("script_files")
    if scripts:
        context["script_files"] = [
            s for s in scripts
            if "thebe" not in str(getattr(s, "filename", s) or "").lower()
            and "THEBE_JS_URL" not in str(getattr(s, "attributes", {}).get("body", ""))
        ]


def setup(app):
    app.connect("html-page-context", _drop_thebe, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
