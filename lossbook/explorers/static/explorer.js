// lossbook explorers: draws a precomputed grid of views as SVG, with no kernel and no network.
// Inlined into every explorer's HTML by lossbook/explorers/framework.py; checked with `node --check`.
// Each root element carries its own data (<script type="application/json" class="lb-data">),
// so several explorers, or several copies of one, can share a page.
// Words come in two languages ({"en": ..., "zh": ...}); the nearest `lang` attribute picks one,
// so the same stored output serves the English and the Chinese website.
// Each panel is drawn at the pixel width of its box (redrawn when that changes), with its
// legend in rows above the axes, off the data.
var lossbookExplorer = window.lossbookExplorer || (window.lossbookExplorer = function (root) {
  'use strict';
  var data = JSON.parse(root.querySelector('script.lb-data').textContent);
  var hint = root.querySelector('.lb-hint');  // shown only where scripts do not run
  if (hint) hint.remove();
  var NS = 'http://www.w3.org/2000/svg', FONT = 12, ROW = 17, INK = '#111';
  var holder = root.closest('[lang]');
  var lang = holder && /^zh([-_]|$)/i.test(holder.getAttribute('lang')) ? 'zh' : 'en';
  var canvas = document.createElement('canvas').getContext('2d');

  function expand(v) {  // views store repeated objects once, in data.parts, as {"@": index}
    if (Array.isArray(v)) return v.map(expand);
    if (v === null || typeof v !== 'object') return v;
    if ('@' in v) return expand(data.parts[v['@']]);
    var o = {};
    for (var k in v) o[k] = expand(v[k]);
    return o;
  }
  function viewOf(key) { return expand(data.views[data.states[key]]); }
  function tr(v) {
    if (v === null || v === undefined) return '';
    return typeof v === 'object' ? (v[lang] || v.en) : String(v);
  }
  function textWidth(s, size, bold) {
    if (!canvas) return s.length * size * 0.62;
    canvas.font = (bold ? 'bold ' : '') + size + 'px sans-serif';
    return canvas.measureText(s).width;
  }
  function el(tag, attrs, parent, text) {
    var e = document.createElementNS(NS, tag);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = text;
    if (parent) parent.appendChild(e);
    return e;
  }
  function html(tag, cls, parent, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    if (parent) parent.appendChild(e);
    return e;
  }
  function ticks(lo, hi) {
    var span = hi - lo, step = Math.pow(10, Math.floor(Math.log10(span / 5)));
    [1, 2, 5, 10].some(function (m) { if (span / (step * m) <= 6) { step *= m; return true; } });
    var out = [];
    for (var v = Math.ceil(lo / step - 1e-9) * step; v <= hi + step * 1e-9; v += step) out.push(+v.toPrecision(10));
    return out;
  }
  function marker(style, x, y, color, parent, cls) {
    var a = {fill: color, 'class': cls || ''};
    if (style === 'o') return el('circle', Object.assign(a, {cx: x, cy: y, r: 4}), parent);
    if (style === '^') return el('polygon', Object.assign(a, {points: [x, y - 5, x - 5, y + 4, x + 5, y + 4].join(' ')}), parent);
    return el('path', {d: 'M' + (x - 4) + ' ' + (y - 4) + 'L' + (x + 4) + ' ' + (y + 4) + 'M' + (x - 4) + ' ' + (y + 4) +
                          'L' + (x + 4) + ' ' + (y - 4), stroke: color, 'stroke-width': 2.5, fill: 'none', 'class': cls || ''}, parent);
  }
  function dash(style) { return style === '--' ? '7 4' : style === ':' ? '2 3' : 'none'; }

  // --- the page structure: title, lead, controls, panels, read-out ---------------------------
  root.setAttribute('aria-label', tr(data.title));
  html('p', 'lb-title', root, tr(data.title));
  if (data.lead) html('p', 'lb-lead', root, tr(data.lead));
  var controls = html('div', 'lb-controls', root);
  var panels = html('div', 'lb-panels', root);
  panels.setAttribute('role', 'img');
  panels.setAttribute('aria-label', tr(data.alt));
  var text = html('pre', 'lb-text', root);
  text.setAttribute('aria-live', 'polite');

  var widgets = data.controls.map(function (c, i) {
    var row = html('div', 'lb-control ' + (c.numeric ? 'lb-range' : 'lb-choice'), controls);
    var label = html('label', '', row);
    var name = html('span', 'lb-name', label, tr(c.label)), input, out, buttons = [];
    name.id = root.id + '-name-' + i;
    if (c.numeric) {
      var group = html('span', 'lb-slider', label);
      input = document.createElement('input');
      input.type = 'range'; input.min = 0; input.max = c.values.length - 1; input.step = 1;
      input.value = c.default;
      [-1, 1].forEach(function (delta) {
        var b = html('button', 'lb-step', null, delta < 0 ? '\u2212' : '+');
        b.type = 'button';
        b.setAttribute('aria-label', tr(data.ui[delta < 0 ? 'decrease' : 'increase']) + ': ' + tr(c.label));
        b.addEventListener('click', function (event) {
          event.preventDefault();
          input.value = Math.min(c.values.length - 1, Math.max(0, +input.value + delta));
          input.dispatchEvent(new Event('input', {bubbles: true}));
        });
        buttons.push(b);
      });
      group.appendChild(buttons[0]); group.appendChild(input); group.appendChild(buttons[1]);
      out = html('output', '', group);
    } else {
      input = document.createElement('select');
      c.values.forEach(function (v, j) { var o = html('option', '', input, tr(v)); o.value = j; });
      input.value = c.default;
      label.appendChild(input);
    }
    input.name = c.name;
    input.setAttribute('aria-labelledby', name.id);
    var why = html('span', 'lb-why', row);
    input.addEventListener('input', render);
    input.addEventListener('change', render);
    return {control: c, row: row, input: input, out: out, buttons: buttons, why: why};
  });

  // --- one panel as SVG, at the pixel width of its box ---------------------------------------
  function drawPanel(p, W) {
    var L = 58, R = 14, B = 44, top = 26, rows = [], row = [], x = L;
    p.lines.forEach(function (ln) {
      if (!ln.label) return;
      var w = 30 + textWidth(tr(ln.label), FONT) + 14;
      if (row.length && x + w > W - R) { rows.push(row); row = []; x = L; }
      row.push({ln: ln, x: x}); x += w;
    });
    if (row.length) rows.push(row);
    var T = top + rows.length * ROW + (rows.length ? 6 : 0);
    var ph = Math.round(Math.max(170, Math.min(250, 0.55 * W))), H = T + ph + B;
    var svg = el('svg', {viewBox: '0 0 ' + W + ' ' + H, width: W, height: H, 'font-family': 'sans-serif'});
    el('rect', {x: 0, y: 0, width: W, height: H, fill: '#fff', rx: 4}, svg);
    var xl = p.xlim, yl = p.ylim;
    function sx(v) { return L + (v - xl[0]) / (xl[1] - xl[0]) * (W - L - R); }
    function sy(v) { return T + ph - (v - yl[0]) / (yl[1] - yl[0]) * ph; }
    var g = el('g', {'font-size': FONT, fill: INK}, svg);
    var xt = p.xticks ? p.xticks : ticks(xl[0], xl[1]).map(function (v) { return [v, v]; });
    xt.forEach(function (t) {
      el('line', {x1: sx(t[0]), x2: sx(t[0]), y1: T, y2: T + ph, stroke: '#e2e2e2'}, g);
      el('text', {x: sx(t[0]), y: T + ph + 15, 'text-anchor': 'middle'}, g, tr(t[1]));
    });
    ticks(yl[0], yl[1]).forEach(function (v) {
      el('line', {x1: L, x2: W - R, y1: sy(v), y2: sy(v), stroke: '#e2e2e2'}, g);
      el('text', {x: L - 5, y: sy(v) + 4, 'text-anchor': 'end'}, g, v);
    });
    el('rect', {x: L, y: T, width: W - L - R, height: ph, fill: 'none', stroke: '#444', 'class': 'lb-frame'}, g);
    el('text', {x: (L + W - R) / 2, y: 17, 'text-anchor': 'middle', 'font-weight': 'bold', 'font-size': 13}, g, tr(p.title));
    el('text', {x: (L + W - R) / 2, y: H - 9, 'text-anchor': 'middle'}, g, tr(p.xlabel));
    el('text', {x: 15, y: T + ph / 2, 'text-anchor': 'middle',
                transform: 'rotate(-90 15 ' + (T + ph / 2) + ')'}, g, tr(p.ylabel));
    var clip = root.id + '-clip-' + Math.random().toString(36).slice(2);
    el('rect', {x: L, y: T, width: W - L - R, height: ph}, el('clipPath', {id: clip}, svg));
    var plot = el('g', {'clip-path': 'url(#' + clip + ')'}, svg), marks = el('g', {}, svg);  // markers: whole at the edge
    p.lines.forEach(function (ln) {
      var xs = data.arrays[ln.x], ys = data.arrays[ln.y];
      if (ln.style === 'bar') {
        var half = (sx(xl[0] + ln.width) - sx(xl[0])) / 2, y0 = sy(Math.max(yl[0], 0));
        xs.forEach(function (v, i) {
          if (ys[i] === null) return;
          var y1 = sy(ys[i]);
          el('rect', {x: sx(v) - half, y: Math.min(y0, y1), width: 2 * half, height: Math.abs(y0 - y1),
                      fill: ln.color, 'class': 'lb-data'}, plot);
        });
      } else if (ln.style === 'o' || ln.style === '^' || ln.style === 'x') {
        xs.forEach(function (v, i) { if (ys[i] !== null) marker(ln.style, sx(v), sy(ys[i]), ln.color, marks, 'lb-data lb-marker'); });
      } else {
        var d = '', pen = 'M';
        xs.forEach(function (v, i) {
          if (ys[i] === null) { pen = 'M'; return; }
          d += pen + sx(v).toFixed(1) + ' ' + sy(ys[i]).toFixed(1) + ' '; pen = 'L';
        });
        if (d) el('path', {d: d, fill: 'none', stroke: ln.color, 'stroke-width': 2, 'stroke-dasharray': dash(ln.style),
                           'class': 'lb-data'}, plot);
      }
    });
    var legend = el('g', {'class': 'lb-legend', 'font-size': FONT, fill: INK}, svg);
    rows.forEach(function (r, k) {
      var y = top + k * ROW + 10;
      r.forEach(function (item) {
        var ln = item.ln, x0 = item.x;
        if (ln.style === 'bar') el('rect', {x: x0 + 5, y: y - 9, width: 14, height: 10, fill: ln.color}, legend);
        else if (ln.style === 'o' || ln.style === '^' || ln.style === 'x') marker(ln.style, x0 + 12, y - 4, ln.color, legend);
        else el('line', {x1: x0, x2: x0 + 24, y1: y - 4, y2: y - 4, stroke: ln.color, 'stroke-width': 2.5,
                         'stroke-dasharray': dash(ln.style)}, legend);
        el('text', {x: x0 + 30, y: y}, legend, tr(ln.label));
      });
    });
    return svg;
  }

  // --- the current state: controls in, view out -------------------------------------------------
  var drawnWidth = 0;
  function render() {
    var key = widgets.map(function (w) { return w.input.value; }).join(',');
    var view = viewOf(key), inactive = view.inactive || {};
    widgets.forEach(function (w) {
      var c = w.control, why = inactive[c.name], i = +w.input.value;
      w.input.disabled = !!why;
      w.row.classList.toggle('lb-inactive', !!why);
      w.why.textContent = why ? tr(why) : '';
      if (w.out) {
        w.out.textContent = tr(c.values[i]);
        w.input.setAttribute('aria-valuetext', tr(c.values[i]));
        w.buttons[0].disabled = !!why || i <= 0;
        w.buttons[1].disabled = !!why || i >= c.values.length - 1;
      }
    });
    var list = view.panels || [];
    while (panels.children.length > list.length) panels.removeChild(panels.lastChild);
    while (panels.children.length < list.length) html('div', 'lb-panel', panels);
    list.forEach(function (p, i) {
      var box = panels.children[i], W = Math.floor(box.clientWidth) || 400;
      drawnWidth = W;
      box.replaceChildren(drawPanel(p, W));
    });
    panels.style.display = list.length ? '' : 'none';
    text.textContent = tr(view.text);
    root.dataset.state = key;
  }
  render();
  if (window.ResizeObserver) {
    var pending = false;
    new ResizeObserver(function () {
      if (pending || !panels.children.length) return;
      pending = true;
      window.requestAnimationFrame(function () {
        pending = false;
        if (Math.floor(panels.children[0].clientWidth) !== drawnWidth) render();
      });
    }).observe(panels);
  }
  root.lossbookRender = render;
  root.lossbookView = viewOf;
  root.lossbookLanguage = lang;
});
