"""Start JupyterLab and look at it in Chromium: shared by test_jupyterlab.py and test_binder.py.

Not a test module (pytest collects only test_*.py).
"""

import contextlib
import json
import os
import re
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

# JupyterLab user settings for a test run (JUPYTERLAB_SETTINGS_DIR points at a temporary copy):
# the whole notebook in the DOM (no virtualisation), the light theme, no news or update
# pop-ups, and no autosave, so opening a chapter never writes to it.
LAB_SETTINGS = {
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    "@jupyterlab/apputils-extension/themes.jupyterlab-settings": {"theme": "JupyterLab Light"},
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"checkForUpdates": False,
                                                                         "fetchNews": "false"},
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
}

# Markup that must never reach a reader as text: MyST that JupyterLab did not render.
RAW_MARKUP = ["{glue", "{eval}", ":::{", "```{", "{ref}"]


def chromium_available():
    return Path(CHROMIUM).exists()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http(url, method="GET", timeout=10):
    req = urllib.request.Request(url, method=method, data=b"" if method == "POST" else None)
    with urllib.request.urlopen(req, timeout=timeout) as response:
        return response.status, response.read().decode()


@contextlib.contextmanager
def jupyter_lab(bin_dir, root_dir, workdir, env=None):
    """Run `jupyter lab` from bin_dir (a virtual environment's bin/) serving root_dir; yield its URL.

    Settings, workspaces and checkpoints live in workdir (a temporary folder). On exit every kernel is shut
    down through the REST API, then the server.
    """
    settings = Path(workdir) / "lab-settings"
    for name, value in LAB_SETTINGS.items():
        (settings / name).parent.mkdir(parents=True, exist_ok=True)
        (settings / name).write_text(json.dumps(value))
    run_env = {**os.environ, **(env or {}), "JUPYTERLAB_SETTINGS_DIR": str(settings),
               "JUPYTERLAB_WORKSPACES_DIR": str(Path(workdir) / "lab-workspaces"),
               "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"}
    run_env.pop("VIRTUAL_ENV", None)
    port = free_port()
    log = open(Path(workdir) / "jupyter-lab.log", "w")
    proc = subprocess.Popen(
        [str(Path(bin_dir) / "jupyter"), "lab", "--no-browser", f"--port={port}", "--ip=127.0.0.1",
         "--allow-root",  # CI and containers run as root
         "--IdentityProvider.token=", "--ServerApp.password=", "--ServerApp.disable_check_xsrf=True",
         "--LabApp.expose_app_in_browser=True",  # window.jupyterapp: open documents, run cells
         # JupyterLab makes a checkpoint of each file it opens: not next to it, in workdir
         f"--FileCheckpoints.checkpoint_dir={Path(workdir).resolve() / 'checkpoints'}",
         f"--ServerApp.root_dir={root_dir}"],
        cwd=root_dir, env=run_env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                raise RuntimeError("jupyter lab exited:\n" + Path(log.name).read_text()[-3000:])
            try:
                if http(f"{base}/api/status")[0] == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("jupyter lab did not start in 60 s:\n" + Path(log.name).read_text()[-3000:])
            time.sleep(0.2)
        yield base
    finally:
        with contextlib.suppress(OSError):
            for kernel in json.loads(http(f"{base}/api/kernels")[1]):
                http(f"{base}/api/kernels/{kernel['id']}", method="DELETE")
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)
        log.close()


@contextlib.contextmanager
def chromium_page(base):
    """A Chromium page with JupyterLab loaded (fresh workspace); yields (page, console errors)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            errors = []
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: errors.append(str(e)))
            # JupyterLab and jupyterlab-myst log hundreds of debug lines per notebook, each sent
            # with its arguments through the DevTools protocol to Playwright and to this process,
            # for nothing: only errors are kept. Errors and warnings still go out.
            page.add_init_script("for (const level of ['debug', 'log', 'info']) console[level] = () => {};")
            page.goto(f"{base}/lab?reset")
            page.wait_for_function("window.jupyterapp && window.jupyterapp.shell", timeout=60_000)
            page.wait_for_selector(".jp-LauncherCard, .jp-DirListing", timeout=60_000)
            yield page, errors
        finally:
            browser.close()


def start_kernels_on_open(page, start):
    """Whether JupyterLab starts a kernel when it opens a notebook in this page (by default it
    does). Off, nothing runs, but the widgets extension cannot attach to that notebook later."""
    page.evaluate("""start => { const f = window.jupyterapp.docRegistry.getWidgetFactory('Notebook');
                                if (start) { delete f.preferKernel; delete f.canStartKernel; return; }
                                for (const name of ['preferKernel', 'canStartKernel'])
                                  Object.defineProperty(f, name, {get: () => false, configurable: true}); }""", start)


# The notebook panel on show, and what a Markdown cell shows when rendered: the input area
# without its (hidden) editor, prompt and toolbar. JupyterLab renders into .jp-MarkdownOutput,
# jupyterlab-myst into a div.myst: this covers both.
CURRENT = ".jp-NotebookPanel:not(.lm-mod-hidden)"
RENDERED_MARKDOWN = (".jp-MarkdownCell .jp-InputArea > "
                     ":not(.jp-InputArea-editor):not(.jp-InputArea-prompt):not(jp-toolbar)")


def open_notebook(page, path, timeout=60, quiet_ms=200):
    """Open path (relative to the server's root) in JupyterLab, wait until every Markdown cell
    is rendered and the rendered Markdown stops changing; return the number of cells.

    One call into the page: it checks the cells when the notebook's DOM changes (a
    MutationObserver, no polling from Python), then waits until nothing in the notebook has
    changed for quiet_ms (maths and late renders), which covers any change of the text."""
    page.evaluate("async path => { await window.jupyterapp.commands.execute('docmanager:open', {path, factory: 'Notebook'}); }", path)
    return page.evaluate(
        """async ([path, sel, timeoutMs, quietMs]) => {
             const app = window.jupyterapp, deadline = performance.now() + timeoutMs;
             const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));
             const current = () => { const w = app.shell.currentWidget;
                                     return w && w.context && w.context.path === path && w.context.isReady ? w : null; };
             while (!current()) {
               if (performance.now() > deadline) throw new Error(`${path}: not open after ${timeoutMs} ms`);
               await sleep(100);
             }
             const w = current();
             // every Markdown cell with text in its source, beyond fences, labels and options
             // (e.g. a lone {solution-end}), shows some: jupyterlab-myst renders late
             const rendered = () => { const cells = w.content.widgets;
               return cells.length > 0 && cells.every(c => c.model.type !== 'markdown' ||
                 (c.rendered && (!/\\w/.test(c.model.sharedModel.source.split('\\n')
                    .filter(l => !/^\\s*(```|:::|\\(.*\\)=\\s*$|:[\\w-]+:)/.test(l)).join(' ')) ||
                  Array.from(c.node.querySelectorAll(sel)).some(e => e.textContent.trim() || e.querySelector('img'))))); };
             let changed = performance.now();
             const observer = new MutationObserver(() => { changed = performance.now(); });
             observer.observe(w.content.node, {childList: true, subtree: true, characterData: true});
             try {
               while (!rendered()) {
                 if (performance.now() > deadline) throw new Error(`${path}: Markdown cells not rendered after ${timeoutMs} ms`);
                 await sleep(250);   // not every animation frame: the check walks every cell
               }
               // then maths and late renders: until nothing changes for quietMs
               while (performance.now() - changed < quietMs && performance.now() < deadline)
                 await sleep(quietMs - (performance.now() - changed) + 10);
             } finally { observer.disconnect(); }
             return w.content.widgets.length; }""",
        [path, RENDERED_MARKDOWN.replace(".jp-MarkdownCell ", ""), timeout * 1000, quiet_ms])


def markdown_text(page, visible_only=False):
    """The text of the rendered Markdown cells of the notebook on show, whitespace collapsed.
    textContent also covers closed dropdowns (e.g. solutions), innerText only what shows."""
    prop = "innerText" if visible_only else "textContent"
    return page.evaluate(
        f"""() => Array.from(document.querySelectorAll('{CURRENT} {RENDERED_MARKDOWN}'))
                    .map(e => e.{prop}.replace(/\\s+/g, ' ').trim()).join('\\n')""")


def close_current(page):
    """Close the notebook on show, without saving, and shut its kernel down."""
    page.evaluate("""async () => { const w = window.jupyterapp.shell.currentWidget;
                                   if (w.sessionContext?.session) { await w.sessionContext.shutdown(); }
                                   w.context.model.dirty = false; w.dispose(); }""")


def run_in_kernel(page, code, timeout=60):
    """Execute code in the kernel of the notebook on show (started by JupyterLab); return stdout."""
    page.wait_for_function(
        "() => window.jupyterapp.shell.currentWidget.sessionContext.session?.kernel?.status === 'idle'",
        timeout=timeout * 1000)
    return page.evaluate(
        """async code => { const kernel = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
                           let out = ''; const future = kernel.requestExecute({code});
                           future.onIOPub = msg => { if (msg.header.msg_type === 'stream') out += msg.content.text;
                                                     if (msg.header.msg_type === 'error') out += msg.content.ename + ': ' + msg.content.evalue; };
                           await future.done; return out; }""", code)


def copy_book(root, dest):
    """A copy of book/ to serve, so nothing a test does can touch the repository's notebooks."""
    shutil.copytree(Path(root) / "book", Path(dest) / "book",
                    ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    return Path(dest)


def assert_lab_extensions_ok(process):
    """``process``: a running ``jupyter labextension list`` (Popen, text pipes). Both extensions
    the book needs are enabled and OK, and none is reported incompatible."""
    out, err = process.communicate(timeout=60)
    listing = re.sub(r"\x1b\[[0-9;]*m", "", out + err)  # the list goes to stderr
    for name in ("jupyterlab-myst", "@jupyter-widgets/jupyterlab-manager"):
        line = next((ln for ln in listing.splitlines() if ln.strip().startswith(name + " ")), "")
        assert "enabled" in line and line.rstrip().split()[3] == "OK", f"{name}:\n{listing}"
    assert "is not compatible" not in listing, listing
