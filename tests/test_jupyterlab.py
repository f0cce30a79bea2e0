"""JupyterLab, as a local reader or Binder starts it, runs every chapter in its own kernel.

Starts `jupyter lab` from this environment (the one `requirements.txt` installs, as Binder's
repo2docker does), checks that it serves the app with the widgets extension, then opens a
kernel through the server's REST API and executes every notebook's code cells over the
kernel's websocket, as the JupyterLab front end does. Explorers must come back as live
widgets there.
"""

import asyncio
import json
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "book").glob("*.ipynb"))
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"

tornado_websocket = pytest.importorskip("tornado.websocket")


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url, data=None):
    req = urllib.request.Request(url, data=None if data is None else json.dumps(data).encode(),
                                 method="GET" if data is None else "POST",
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=10) as response:
        return response.status, response.read().decode()


@pytest.fixture(scope="module")
def lab():
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "jupyter", "lab", "--no-browser", f"--port={port}", "--ip=127.0.0.1",
         "--allow-root",  # CI and containers run as root
         "--IdentityProvider.token=", "--ServerApp.password=", "--ServerApp.disable_check_xsrf=True",
         f"--ServerApp.root_dir={ROOT}"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    for _ in range(120):
        if proc.poll() is not None:
            break
        try:
            if _get(f"{base}/api/status")[0] == 200:
                break
        except OSError:
            time.sleep(0.25)
    else:
        proc.kill()
        pytest.fail("jupyter lab did not start: " + proc.stderr.read()[-2000:])
    yield base
    proc.terminate()
    proc.wait(timeout=20)


def test_lab_serves_the_app_with_widgets(lab):
    status, page = _get(f"{lab}/lab")
    assert status == 200 and "JupyterLab" in page
    _, specs = _get(f"{lab}/api/kernelspecs")
    assert "python3" in json.loads(specs)["kernelspecs"]
    listed = subprocess.run([sys.executable, "-m", "jupyter", "labextension", "list"], capture_output=True, text=True)
    listing = listed.stdout + listed.stderr  # the list goes to stderr
    assert "@jupyter-widgets/jupyterlab-manager" in listing and "enabled" in listing


def _decode(frame):
    """A kernel websocket frame: JSON text, or (with binary buffers, e.g. a widget's image)
    the server's binary form: a count, offsets, then the JSON message and the buffers."""
    if isinstance(frame, str):
        return json.loads(frame)
    count = int.from_bytes(frame[:4], "big")
    offsets = [int.from_bytes(frame[4 + 4 * i: 8 + 4 * i], "big") for i in range(count)]
    return json.loads(frame[offsets[0]:offsets[1] if count > 1 else None].decode())


async def _run_cells(base, cells):
    """Execute cells in a fresh kernel of the server; return (errors, widget outputs)."""
    _, body = _get(f"{base}/api/kernels", {"name": "python3", "path": "book"})
    kernel = json.loads(body)["id"]
    ws = await tornado_websocket.websocket_connect(f"{base.replace('http', 'ws')}/api/kernels/{kernel}/channels")
    session, errors, widgets = uuid.uuid4().hex, [], 0
    try:
        for index, cell in cells:
            msg_id = uuid.uuid4().hex
            await ws.write_message(json.dumps({
                "header": {"msg_id": msg_id, "msg_type": "execute_request", "session": session,
                           "username": "test", "version": "5.3"},
                "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
                "content": {"code": cell.source, "silent": False, "store_history": True,
                            "user_expressions": {}, "allow_stdin": False, "stop_on_error": True}}))
            replied = idle = False  # shell and iopub are not ordered: wait for both
            while not (replied and idle):
                msg = _decode(await asyncio.wait_for(ws.read_message(), timeout=120))
                if msg.get("parent_header", {}).get("msg_id") != msg_id:
                    continue
                kind = msg["header"]["msg_type"]
                if kind in ("execute_result", "display_data") and WIDGET_VIEW in msg["content"]["data"]:
                    widgets += 1
                elif kind == "status" and msg["content"]["execution_state"] == "idle":
                    idle = True
                elif kind == "execute_reply":
                    replied = True
                    allowed = "raises-exception" in cell.metadata.get("tags", [])
                    if msg["content"]["status"] != "ok" and not allowed:
                        errors.append((index, msg["content"].get("ename"), msg["content"].get("evalue")))
    finally:
        ws.close()
        urllib.request.urlopen(urllib.request.Request(f"{base}/api/kernels/{kernel}", method="DELETE"), timeout=10)
    return errors, widgets


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_every_notebook_runs_in_the_lab_kernel(lab, notebook):
    nb = nbformat.read(notebook, as_version=4)
    cells = [(i, c) for i, c in enumerate(nb.cells) if c.cell_type == "code" and c.source.strip()]
    errors, widgets = asyncio.run(_run_cells(lab, cells))
    assert errors == [], f"{notebook.name}: cells failed in JupyterLab's kernel: {errors}"
    explorers = sum("Explorer()" in c.source for _, c in cells)
    assert widgets >= explorers, f"{notebook.name}: {explorers} explorers but {widgets} live widgets"
