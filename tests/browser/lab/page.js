(() => {
  const WV = 'application/vnd.jupyter.widget-view+json';
  const H = {};
  H.panel = (path) => {
    const app = window.jupyterapp;
    if (!app || !app.shell) return null;
    for (const w of app.shell.widgets('main')) {
      if (w.context && w.context.path === path && w.content && w.sessionContext) return w;
    }
    return null;
  };
  H.dialog = () => {
    const d = document.querySelector('.jp-Dialog');
    return d ? (d.innerText || '').slice(0, 600) : null;
  };
  H.kernel = (p) => p && p.sessionContext.session ? p.sessionContext.session.kernel : null;
  H.kernelIdle = (path) => {
    const d = H.dialog();
    if (d) return {state: 'dialog', text: d};
    const p = H.panel(path);
    const k = H.kernel(p);
    if (p && p.sessionContext.isReady && k && k.status === 'idle' && k.connectionStatus === 'connected'
        && p.content.widgets.length > 0) {
      return {state: 'idle', panelId: p.id, kernel: k.name};
    }
    return null;
  };
  H.describe = (path) => {
    const p = H.panel(path);
    if (!window.jupyterapp) return 'window.jupyterapp is undefined (is --LabApp.expose_app_in_browser=True set?)';
    if (!p) return 'the notebook panel is not open';
    const k = H.kernel(p);
    return `kernel ${k ? k.name + ' ' + k.status + ' / ' + k.connectionStatus : 'not started'}`;
  };
  H.running = (path) => {
    const p = H.panel(path);
    return p ? p.content.widgets.filter(c => c.model.type === 'code' && c.model.executionState === 'running').length : -1;
  };
  H.startRun = (path, continueOnError) => {
    const app = window.jupyterapp;
    const p = H.panel(path);
    app.shell.activateById(p.id);
    const st = H.run = {done: false, error: null, result: null};
    let prom;
    if (!continueOnError) {
      prom = app.commands.execute('notebook:run-all-cells');
    } else {
      prom = (async () => {
        const nb = p.content;
        for (let i = 0; i < nb.widgets.length; i++) {
          if (nb.widgets[i].model.type !== 'code') continue;
          nb.activeCellIndex = i;
          nb.deselectAll();
          try { await app.commands.execute('notebook:run-cell'); } catch (e) { /* error output is kept */ }
        }
        return true;
      })();
    }
    Promise.resolve(prom).then(r => { st.done = true; st.result = r === undefined ? null : r; },
                                e => { st.done = true; st.error = String(e); });
  };
  H.runDone = (path) => {
    const d = H.dialog();
    if (d) return {state: 'dialog', text: d};
    if (!H.run || !H.run.done || H.running(path) !== 0) return null;
    const k = H.kernel(H.panel(path));
    if (!k || k.status !== 'idle') return null;
    return {state: 'done', result: H.run.result, error: H.run.error};
  };
  H.topLevelWidgets = (p) => Array.from(
    p.content.node.querySelectorAll('.jp-Cell-outputArea .jp-OutputArea-output > .jupyter-widgets')
  ).filter(el => {
    const outer = el.parentElement.parentElement;
    return !(outer && outer.closest('.jupyter-widgets'));
  });
  H.facts = (path) => {
    const p = H.panel(path);
    const res = {codeCells: 0, executed: 0, errors: [], widgets: []};
    p.content.widgets.forEach((cell, ci) => {
      if (cell.model.type !== 'code') return;
      res.codeCells += 1;
      if (cell.model.executionCount) res.executed += 1;
      const children = cell.outputArea
        ? Array.from(cell.outputArea.node.children).filter(n => n.classList.contains('jp-OutputArea-child'))
        : [];
      cell.model.outputs.toJSON().forEach((o, oi) => {
        if (o.output_type === 'error') {
          res.errors.push({cell: ci, ename: o.ename, evalue: o.evalue, traceback: (o.traceback || []).join('\n')});
        }
        const view = (o.data || {})[WV];
        if (!view) return;
        const child = children[oi];
        const node = child ? child.querySelector('.jp-OutputArea-output') : null;
        let state, mime = null, text = '';
        if (view.model_id === '') state = 'hidden';
        else if (!node) state = 'missing';
        else {
          mime = node.getAttribute('data-mime-type');
          text = (node.innerText || node.textContent || '').trim().slice(0, 400);
          if (mime && mime !== WV) state = 'fallback';
          else if (Array.from(node.children).some(c => c.classList.contains('jupyter-widgets'))) state = 'rendered';
          else if ((node.textContent || '').startsWith('Error displaying widget')) state = 'error';
          else state = 'loading';
        }
        res.widgets.push({cell: ci, output: oi, modelId: view.model_id || '', state, mime, text});
      });
    });
    res.rendered = H.topLevelWidgets(p).length;
    return res;
  };
  H.settled = (path) => {
    const f = H.facts(path);
    return f.widgets.some(w => w.state === 'loading') ? null : f;
  };
  H.hash = (s) => {
    let h = 2166136261;
    for (let i = 0; i < s.length; i++) { h ^= s.charCodeAt(i); h = Math.imul(h, 16777619); }
    return (h >>> 0).toString(16) + ':' + s.length;
  };
  H.signature = (path, target) => {
    const p = H.panel(path);
    if (!p) return null;
    const roots = target === 'output'
      ? Array.from(p.content.node.querySelectorAll('.jp-Cell-outputArea'))
      : Array.from(p.node.querySelectorAll(target));
    if (!roots.length) return null;
    return roots.map(r => {
      let s = r.innerText || '';
      r.querySelectorAll('img').forEach(i => { s += '\nimg:' + H.hash(i.src || ''); });
      r.querySelectorAll('svg').forEach(v => { s += '\nsvg:' + H.hash(v.outerHTML); });
      r.querySelectorAll('canvas').forEach(c => { try { s += '\ncanvas:' + H.hash(c.toDataURL()); } catch (e) {} });
      return s;
    }).join('\n---\n');
  };
  H.changed = ([path, target, before]) => {
    const s = H.signature(path, target);
    return s !== null && s !== before;
  };
  H.labels = (path) => {
    const p = H.panel(path);
    return p ? Array.from(p.content.node.querySelectorAll('.jp-Cell-outputArea label.widget-label'))
      .map(l => (l.innerText || '').trim()).filter(t => t) : [];
  };
  H.buttons = (path) => {
    const p = H.panel(path);
    return p ? Array.from(p.content.node.querySelectorAll('.jp-Cell-outputArea button'))
      .map(b => (b.innerText || '').trim()) : [];
  };
  H.cellOutputText = ([path, i]) => {
    const p = H.panel(path);
    const c = p && p.content.widgets[i];
    return c && c.outputArea ? c.outputArea.node.innerText : null;
  };
  H.notebookJSON = (path) => { const p = H.panel(path); return p ? p.context.model.toJSON() : null; };
  // -- layout: does every widget fit the width it is given?
  H.openFileBrowser = () => {
    const app = window.jupyterapp;
    app.shell.activateById('filebrowser');
    return !app.shell.leftCollapsed;
  };
  H.describeNode = (el) => {
    const cls = (typeof el.className === 'string' ? el.className : '').trim().split(/\s+/)
      .filter(c => c && !c.startsWith('lm-') && !c.startsWith('p-')).slice(0, 3).join('.');
    const text = (el.innerText || el.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 50);
    return `<${el.tagName.toLowerCase()}${cls ? '.' + cls : ''}> "${text}"`;
  };
  H.visible = (el) => {
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) return false;
    const st = getComputedStyle(el);
    return st.visibility !== 'hidden' && st.display !== 'none';
  };
  // Every top-level widget view: its size, and each element in it that is wider than its box
  // (scrollWidth > clientWidth) or reaches past the right edge of the output area. Elements
  // inside a designated scroll container (.kj-scroll, overflow-x:auto) may be wider: the
  // container scrolls; it is reported as "scrolls", not as a problem.
  H.layout = (path) => {
    const p = H.panel(path);
    const out = [];
    const cells = p.content.widgets;
    H.topLevelWidgets(p).forEach((w, i) => {
      const area = w.closest('.jp-OutputArea-output');
      area.setAttribute('data-kj-widget', String(i));
      const cellNode = w.closest('.jp-Cell');
      const ci = cells.findIndex(c => c.node === cellNode);
      const box = area.getBoundingClientRect();
      const res = {cell: ci, index: i, width: Math.round(box.width), problems: [], scrolls: []};
      const check = (el, whereScroll) => {
        const st = getComputedStyle(el);
        const sw = el.scrollWidth, cw = el.clientWidth;
        if (cw > 0 && sw > cw + 1 && !(el.tagName === 'SELECT')) {
          const scroller = (st.overflowX === 'auto' || st.overflowX === 'scroll');
          const entry = {node: H.describeNode(el), scrollWidth: sw, clientWidth: cw, overflowX: st.overflowX};
          if (scroller && el.classList.contains('kj-scroll')) res.scrolls.push(entry);
          else res.problems.push({...entry, kind: scroller ? 'scrolls sideways' : (st.overflowX === 'visible' ? 'spills out' : 'clipped')});
        }
        if (!whereScroll) {
          const r = el.getBoundingClientRect();
          if (r.right > box.right + 1 && r.width > 0) {
            res.problems.push({node: H.describeNode(el), kind: 'past the right edge',
                               right: Math.round(r.right), edge: Math.round(box.right)});
          }
        }
      };
      check(area, false);
      const walk = (el, inScroll) => {
        for (const c of el.children) {
          if (!H.visible(c)) continue;
          const sc = inScroll || c.classList.contains('kj-scroll');
          check(c, inScroll);
          if (c.tagName.toLowerCase() !== 'svg') walk(c, sc);
        }
      };
      walk(area, false);
      // one line per node: the innermost cause is what to fix, but keep at most 12
      res.problems = res.problems.slice(0, 12);
      out.push(res);
    });
    return out;
  };
  H.frames = () => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true))));
  window.__kjpacts = H;
})();
