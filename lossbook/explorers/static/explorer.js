// lossbook explorers: draws a precomputed grid of views as SVG, with no kernel and no network.
// Inlined into every explorer's HTML by lossbook/explorers/framework.py; checked with `node --check`.
// Each root element carries its own data (<script type="application/json" class="lb-data">),
// so several explorers, or several copies of one, can share a page.
var lossbookExplorer = window.lossbookExplorer || (window.lossbookExplorer = function (root) {
  var data = JSON.parse(root.querySelector('script.lb-data').textContent);
  var NS = 'http://www.w3.org/2000/svg', W = 400, H = 270, L = 56, R = 12, T = 26, B = 42;
  function el(tag, attrs, parent, text) {
    var e = document.createElementNS(NS, tag);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = text;
    if (parent) parent.appendChild(e);
    return e;
  }
  function ticks(lo, hi) {
    var span = hi - lo, step = Math.pow(10, Math.floor(Math.log10(span / 5)));
    [1, 2, 5, 10].some(function (m) { if (span / (step * m) <= 6) { step *= m; return true; } });
    var out = [];
    for (var v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(+v.toPrecision(10));
    return out;
  }
  function extent(lines, key) {
    var lo = Infinity, hi = -Infinity;
    lines.forEach(function (ln) { data.arrays[ln[key]].forEach(function (v) {
      if (v !== null) { lo = Math.min(lo, v); hi = Math.max(hi, v); } }); });
    if (lo === hi) { lo -= 1; hi += 1; }
    return [lo, hi];
  }
  var title = document.createElement('p'); title.className = 'lb-title'; title.textContent = data.title;
  root.appendChild(title);
  var controls = document.createElement('div'); controls.className = 'lb-controls'; root.appendChild(controls);
  var panels = document.createElement('div'); panels.className = 'lb-panels'; root.appendChild(panels);
  panels.setAttribute('role', 'img'); panels.setAttribute('aria-label', data.alt);
  var text = document.createElement('pre'); text.className = 'lb-text'; text.setAttribute('aria-live', 'polite');
  root.appendChild(text);
  var inputs = data.controls.map(function (c, i) {
    var label = document.createElement('label'), input, out = document.createElement('output');
    label.appendChild(document.createTextNode(c.label));
    if (c.numeric) {
      input = document.createElement('input');
      input.type = 'range'; input.min = 0; input.max = c.values.length - 1; input.step = 1;
      input.value = c.default;
      input.setAttribute('aria-valuetext', c.values[c.default]);
    } else {
      input = document.createElement('select');
      c.values.forEach(function (v, j) { var o = document.createElement('option'); o.value = j; o.textContent = v; input.appendChild(o); });
      input.value = c.default;
    }
    input.name = c.name;
    label.appendChild(input);
    if (c.numeric) { out.textContent = c.values[c.default]; label.appendChild(out); }
    controls.appendChild(label);
    input.addEventListener('input', function () {
      if (c.numeric) { out.textContent = c.values[input.value]; input.setAttribute('aria-valuetext', c.values[input.value]); }
      render();
    });
    return input;
  });
  function drawPanel(p) {
    var svg = el('svg', {viewBox: '0 0 ' + W + ' ' + H, width: W, height: H});
    el('rect', {x: 0, y: 0, width: W, height: H, fill: '#fff'}, svg);
    var xl = p.xlim || extent(p.lines, 'x'), yl = p.ylim || extent(p.lines, 'y');
    function sx(v) { return L + (v - xl[0]) / (xl[1] - xl[0]) * (W - L - R); }
    function sy(v) { return H - B - (v - yl[0]) / (yl[1] - yl[0]) * (H - T - B); }
    var g = el('g', {'font-size': 11, 'font-family': 'sans-serif', fill: '#111'}, svg);
    ticks(xl[0], xl[1]).forEach(function (v) {
      el('line', {x1: sx(v), x2: sx(v), y1: T, y2: H - B, stroke: '#ddd'}, g);
      el('text', {x: sx(v), y: H - B + 14, 'text-anchor': 'middle'}, g, v);
    });
    ticks(yl[0], yl[1]).forEach(function (v) {
      el('line', {x1: L, x2: W - R, y1: sy(v), y2: sy(v), stroke: '#ddd'}, g);
      el('text', {x: L - 4, y: sy(v) + 4, 'text-anchor': 'end'}, g, v);
    });
    el('rect', {x: L, y: T, width: W - L - R, height: H - T - B, fill: 'none', stroke: '#444'}, g);
    el('text', {x: (L + W - R) / 2, y: 16, 'text-anchor': 'middle', 'font-weight': 'bold'}, g, p.title);
    el('text', {x: (L + W - R) / 2, y: H - 8, 'text-anchor': 'middle'}, g, p.xlabel);
    el('text', {x: 14, y: (T + H - B) / 2, 'text-anchor': 'middle',
                transform: 'rotate(-90 14 ' + (T + H - B) / 2 + ')'}, g, p.ylabel);
    var clip = 'clip' + Math.random().toString(36).slice(2);
    el('rect', {x: L, y: T, width: W - L - R, height: H - T - B}, el('clipPath', {id: clip}, svg));
    var plot = el('g', {'clip-path': 'url(#' + clip + ')'}, svg), legend = 0;
    var labelled = p.lines.filter(function (ln) { return ln.label; }).length;
    var box = labelled ? el('rect', {x: W - R - 124, y: T + 2, width: 120, height: 14 * labelled + 4,
                                      fill: '#fff', 'fill-opacity': 0.85}, g) : null;
    p.lines.forEach(function (ln) {
      var xs = data.arrays[ln.x], ys = data.arrays[ln.y];
      if (ln.style === 'o' || ln.style === 'bar') {
        xs.forEach(function (x, i) {
          if (ys[i] === null) return;
          if (ln.style === 'o') el('circle', {cx: sx(x), cy: sy(ys[i]), r: 3.5, fill: ln.color}, plot);
          else { var y0 = sy(Math.max(yl[0], 0)), y1 = sy(ys[i]), w = (sx(xl[0] + 0.6) - sx(xl[0]));
                 el('rect', {x: sx(x) - w / 2, y: Math.min(y0, y1), width: w, height: Math.abs(y0 - y1), fill: ln.color}, plot); }
        });
      } else {
        var d = '', pen = 'M';
        xs.forEach(function (x, i) {
          if (ys[i] === null) { pen = 'M'; return; }
          d += pen + sx(x).toFixed(1) + ' ' + sy(ys[i]).toFixed(1) + ' '; pen = 'L';
        });
        el('path', {d: d, fill: 'none', stroke: ln.color, 'stroke-width': 2,
                    'stroke-dasharray': ln.style === '--' ? '6 4' : 'none'}, plot);
      }
      if (ln.label) {
        var ly = T + 12 + 14 * legend++;
        el('rect', {x: W - R - 118, y: ly - 8, width: 12, height: 8, fill: ln.color}, g);
        el('text', {x: W - R - 102, y: ly}, g, ln.label);
      }
    });
    return svg;
  }
  function render() {
    var key = inputs.map(function (i) { return i.value; }).join(',');
    var view = data.views[data.states[key]];
    panels.replaceChildren.apply(panels, (view.panels || []).map(drawPanel));
    text.textContent = view.text || '';
    root.dataset.state = key;
  }
  render();
  root.lossbookRender = render;
});
