/*
 * Draws the roadmap's charts: the `.roadmap-chart` figures written by generator/charts/,
 * each holding its plotly figure as JSON in an inert <template> (not a <script>: Material's
 * instant navigation re-creates the scripts of a new page without their attributes), its
 * plotly template (`layout.template`, what every figure shares) inline, or pointing with the
 * <template>'s `data-src` at the page's chart data file (`file.json#id`), fetched once per
 * page when its first chart comes near the viewport. That file, `{"figures": {id: figure}}`,
 * leaves out the plotly template every figure of the site shares: it is fetched once, from
 * `chart-template.json` beside this file, and given to each figure before drawing.
 *
 * A figure may have a narrow variant for phones (smaller text, shorter tick labels, fewer
 * ticks): `relayout` paths in its `layout.meta.narrow`, added to those every figure shares
 * in its template's `layout.meta`, with the width below which they apply. Their wide values
 * are read from the figure before it is first drawn, to restore them when it grows wide.
 *
 * Pages work without this script: every figure has its caption, takeaway and data table.
 * plotly.js is not in the pages. It is fetched once, from beside this file, when a chart
 * first comes near the viewport; pages without charts never fetch it.
 *
 * Events handled:
 *   - direct load and Material's instant navigation (its `document$` emits after each page
 *     is swapped in, back/forward included; DOMContentLoaded without Material): charts of
 *     the page are registered, those of the page that left are purged;
 *   - light/dark palette switch (Material's `data-md-color-scheme` on <body>): colours are
 *     read again from Material's CSS custom properties and applied;
 *   - resizes and tabs: plotly's own `responsive` follows the window, a ResizeObserver
 *     follows the container (a chart drawn in a tab that was hidden, a sidebar toggled);
 *     a chart inside a hidden tab is only drawn once it becomes visible;
 *   - printing: data tables are opened and charts narrowed to the page, then restored.
 *
 * Plain ES2017, no dependency, no build step.
 */
(function () {
  "use strict";

  // Evaluated again (a second <script>, or a page that re-runs scripts): one instance is enough.
  if (window.roadmapCharts) {
    return;
  }

  var ownUrl = (document.currentScript && document.currentScript.src) || findOwnUrl();
  var PLOTLY_URL = new URL("plotly.min.js", ownUrl).href;
  var TEMPLATE_URL = new URL("chart-template.json", ownUrl).href;
  var FIGURE = ".roadmap-chart";
  var PRINT_WIDTH = 640; // CSS pixels: an A4 page's text width, with margins
  var CONFIG = {
    responsive: true,
    displaylogo: false,
    displayModeBar: false,
    scrollZoom: false,
    doubleClick: false,
    showTips: false,
  };

  var records = new Map(); // plot element -> record of its chart
  var dataFiles = new Map(); // URL of a chart data file -> promise of its text
  var templateLoading = null; // the promise of the plotly template every figure shares
  var plotlyLoading = null; // the promise of window.Plotly, once asked for
  var plotlyFailed = false;
  var printing = false;

  function findOwnUrl() {
    var scripts = Array.prototype.slice.call(document.scripts);
    var own = scripts.find(function (s) { return /\/charts\.js(?:[?#]|$)/.test(s.src); });
    return own ? own.src : document.baseURI;
  }

  // --- plotly.js, loaded once --------------------------------------------------------------

  function loadPlotly() {
    if (window.Plotly) {
      return Promise.resolve(window.Plotly);
    }
    if (!plotlyLoading) {
      plotlyLoading = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = PLOTLY_URL;
        script.async = true;
        script.setAttribute("data-roadmap-plotly", "");
        script.onload = function () {
          if (window.Plotly) {
            resolve(window.Plotly);
          } else {
            reject(new Error("plotly.js did not define Plotly: " + PLOTLY_URL));
          }
        };
        script.onerror = function () {
          reject(new Error("plotly.js could not be loaded: " + PLOTLY_URL));
        };
        document.head.appendChild(script);
      });
      plotlyLoading.catch(function () { plotlyFailed = true; });
    }
    return plotlyLoading;
  }

  // --- figures -----------------------------------------------------------------------------

  function fetchText(url, what) {
    return fetch(url, { credentials: "same-origin" }).then(function (response) {
      if (!response.ok) {
        throw new Error(what + " not found (" + response.status + "): " + url);
      }
      return response.text();
    });
  }

  // The template is the same for every page of the site: fetched once (the browser's cache
  // then serves it to later visits), asked for again after a failure.
  function loadTemplate() {
    if (!templateLoading) {
      templateLoading = fetchText(TEMPLATE_URL, "chart template").then(JSON.parse);
      templateLoading.catch(function () { templateLoading = null; });
    }
    return templateLoading;
  }

  // A fresh copy of the figure each time: drawing changes the layout (colours, narrow
  // variant), and a chart drawn again (back/forward) must start from the original.
  // A figure from a chart data file gets the site's plotly template.
  function figureOf(record) {
    if (!record.dataUrl) {
      return Promise.resolve(JSON.parse((record.source.content || record.source).textContent));
    }
    var url = new URL(record.dataUrl);
    var id = decodeURIComponent(url.hash.slice(1));
    url.hash = "";
    var file = dataFiles.get(url.href);
    if (!file) {
      file = fetchText(url.href, "chart data");
      file.catch(function () { dataFiles.delete(url.href); }); // try again on the next page
      dataFiles.set(url.href, file);
    }
    return Promise.all([file, loadTemplate()]).then(function (loaded) {
      var data = JSON.parse(loaded[0]);
      var figure = data.figures && data.figures[id];
      if (!figure) {
        throw new Error("no figure " + id + " in " + url.href);
      }
      figure.layout = figure.layout || {};
      figure.layout.template = loaded[1];
      return figure;
    });
  }

  // --- colours of the current palette ------------------------------------------------------

  // A CSS colour (custom properties included) as the browser computes it, e.g. "rgb(…)":
  // plotly does not understand var() nor every colour syntax Material uses.
  function resolveColor(element, value) {
    var probe = document.createElement("span");
    probe.style.display = "none";
    probe.style.color = value;
    element.appendChild(probe);
    var color = getComputedStyle(probe).color;
    element.removeChild(probe);
    return color;
  }

  function readTheme(element) {
    var style = getComputedStyle(element);
    return {
      text: style.color,
      font: style.fontFamily,
      grid: resolveColor(element, "var(--md-default-fg-color--lightest, rgba(0, 0, 0, 0.07))"),
      axis: resolveColor(element, "var(--md-default-fg-color--lighter, rgba(0, 0, 0, 0.32))"),
      background: resolveColor(element, "var(--md-default-bg-color, #ffffff)"),
    };
  }

  // The layout attributes that follow the palette, as plotly.relayout's "a.b.c" paths.
  function themeUpdate(layout, theme) {
    var update = {
      "font.color": theme.text,
      "font.family": theme.font,
      "hoverlabel.bgcolor": theme.background,
      "hoverlabel.bordercolor": theme.text,
      "hoverlabel.font.color": theme.text,
      "hoverlabel.font.family": theme.font,
    };
    Object.keys(layout).forEach(function (key) {
      if (/^[xy]axis\d*$/.test(key)) {
        update[key + ".gridcolor"] = theme.grid;
        update[key + ".linecolor"] = theme.axis;
        update[key + ".zerolinecolor"] = theme.axis;
        update[key + ".tickcolor"] = theme.axis;
      }
    });
    return update;
  }

  // A relayout path set in a layout object; null removes it (not set), as relayout does.
  function setPath(target, path, value) {
    var keys = path.split(".");
    var last = keys.pop();
    keys.forEach(function (key) {
      if (typeof target[key] !== "object" || target[key] === null) {
        target[key] = {};
      }
      target = target[key];
    });
    if (value === null) {
      delete target[last];
    } else {
      target[last] = value;
    }
  }

  function getPath(source, path) {
    return path.split(".").reduce(function (value, key) {
      return value !== null && typeof value === "object" ? value[key] : undefined;
    }, source);
  }

  // Markers flagged as `halo` get an outline of the page's background, so they stand out
  // from the bars they sit on in both palettes.
  function haloTraces(data) {
    var indices = [];
    data.forEach(function (trace, index) {
      if (trace.meta && trace.meta.halo) {
        indices.push(index);
      }
    });
    return indices;
  }

  function retheme() {
    records.forEach(function (record) {
      if (record.state !== "drawn" || !record.plot.isConnected) {
        return;
      }
      var theme = readTheme(record.plot);
      var plot = record.plot;
      window.Plotly.relayout(plot, themeUpdate(plot.layout, theme));
      var halos = haloTraces(plot.data);
      if (halos.length) {
        window.Plotly.restyle(plot, { "marker.line.color": theme.background }, halos);
      }
    });
  }

  // --- drawing -----------------------------------------------------------------------------

  function setState(record, state) {
    record.state = state;
    var figure = record.plot.closest(FIGURE);
    if (figure) {
      figure.setAttribute("data-roadmap-chart-state", state);
    }
  }

  // roadmap.css says in the plot's place that the chart could not be drawn.
  function fail(record, error) {
    setState(record, "failed");
    record.plot.textContent = "";
    // The chart is missing: show its data instead.
    var figure = record.plot.closest(FIGURE);
    var details = figure && figure.querySelector("details.roadmap-chart__data");
    if (details) {
      details.open = true;
    }
    if (window.console) {
      window.console.warn("roadmap chart not drawn:", error);
    }
  }

  function draw(record) {
    if (record.state !== "waiting") {
      return Promise.resolve();
    }
    setState(record, "loading");
    return Promise.all([loadPlotly(), figureOf(record)]).then(function (loaded) {
      var Plotly = loaded[0];
      var figure = loaded[1];
      if (!record.plot.isConnected) {
        return undefined; // the reader navigated away meanwhile
      }
      var layout = figure.layout || {};
      var data = figure.data || [];
      var theme = readTheme(record.plot);
      record.variant = narrowVariant(layout);
      var update = Object.assign(themeUpdate(layout, theme), widthUpdate(record));
      Object.keys(update).forEach(function (path) { setPath(layout, path, update[path]); });
      haloTraces(data).forEach(function (index) {
        setPath(data[index], "marker.line.color", theme.background);
      });
      return Plotly.newPlot(record.plot, data, layout, CONFIG).then(function () {
        setState(record, "drawn");
        record.plot.classList.add("roadmap-chart__plot--drawn");
        watchSize(record);
        record.plot.dispatchEvent(new CustomEvent("roadmap-chart:drawn", { bubbles: true }));
      });
    }).catch(function (error) {
      fail(record, error);
    });
  }

  // The figure's narrow variant (see the top of this file): the width below which it
  // applies, its relayout paths, and their wide values, read from the figure as it comes
  // (or its template; null: not set) before any is applied.
  function narrowVariant(layout) {
    var template = (layout.template && layout.template.layout) || {};
    var shared = template.meta || {};
    var own = layout.meta || {};
    var narrow = Object.assign({}, shared.narrow, own.narrow);
    var wide = {};
    Object.keys(narrow).forEach(function (path) {
      var value = getPath(layout, path);
      if (value === undefined) {
        value = getPath(template, path);
      }
      wide[path] = value === undefined ? null : value;
    });
    return { below: own.narrow_below || shared.narrow_below || 0, narrow: narrow, wide: wide };
  }

  // The relayout paths to apply for the chart's current width, or null when the variant in
  // place is already the right one.
  function widthUpdate(record) {
    var variant = record.variant;
    var width = record.plot.clientWidth;
    if (!variant || !width) {
      return null;
    }
    var narrow = width < variant.below;
    if (narrow === record.narrow) {
      return null;
    }
    record.narrow = narrow;
    return narrow ? variant.narrow : variant.wide;
  }

  function watchSize(record) {
    if (!("ResizeObserver" in window)) {
      return;
    }
    var frame = 0;
    record.width = record.plot.clientWidth;
    record.resizer = new ResizeObserver(function (entries) {
      var width = Math.round(entries[entries.length - 1].contentRect.width);
      // Width 0: the chart is in a tab or a panel being hidden; redraw once it is back.
      if (!width || width === record.width || printing) {
        return;
      }
      record.width = width;
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(function () {
        if (!record.plot.isConnected || record.state !== "drawn") {
          return;
        }
        var update = widthUpdate(record);
        if (update) {
          window.Plotly.relayout(record.plot, update);
        }
        window.Plotly.Plots.resize(record.plot);
      });
    });
    record.resizer.observe(record.plot);
  }

  // Charts are drawn when they come on screen, not before: plotly.js (1.5 MB compressed) is
  // fetched only by a reader who reaches a chart. A chart in a hidden tab has no box, so it
  // is not drawn (at a wrong size) until its tab is shown.
  var nearViewport = "IntersectionObserver" in window
    ? new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (!entry.isIntersecting) {
          return;
        }
        nearViewport.unobserve(entry.target);
        var record = records.get(entry.target);
        if (record) {
          draw(record);
        }
      });
    })
    : null;

  function register(figure) {
    var plot = figure.querySelector(".roadmap-chart__plot");
    var source = figure.querySelector("template.roadmap-chart__figure");
    if (!plot || !source || records.has(plot)) {
      return;
    }
    // The chart data file's address, relative to the chart's own page: resolved now, as
    // instant navigation may change the document's address before the chart is drawn.
    var src = source.getAttribute("data-src");
    var record = {
      plot: plot, source: source, dataUrl: src ? new URL(src, document.baseURI).href : null,
      state: "waiting", width: 0, narrow: false, variant: null, resizer: null,
    };
    records.set(plot, record);
    setState(record, "waiting");
    if (nearViewport) {
      nearViewport.observe(plot);
    } else {
      draw(record);
    }
  }

  // Frees a chart whose page has left the document: plotly's listeners and our observers
  // would otherwise keep it alive and keep reacting to resizes.
  function release(record) {
    if (nearViewport) {
      nearViewport.unobserve(record.plot);
    }
    if (record.resizer) {
      record.resizer.disconnect();
    }
    if (record.state === "drawn" && window.Plotly) {
      window.Plotly.purge(record.plot);
    }
    records.delete(record.plot);
  }

  function onPage() {
    Array.from(records.values()).forEach(function (record) {
      if (!record.plot.isConnected) {
        release(record);
      }
    });
    // Each page fetches its own chart data; the browser's cache serves a page seen before.
    dataFiles.clear();
    if (plotlyFailed) {
      // Try again on the next page (the network may be back).
      plotlyFailed = false;
      plotlyLoading = null;
      var failed = document.querySelector("script[data-roadmap-plotly]");
      if (failed) {
        failed.parentNode.removeChild(failed);
      }
    }
    document.querySelectorAll(FIGURE).forEach(register);
  }

  // --- printing ----------------------------------------------------------------------------

  function beforePrint() {
    if (printing) {
      return;
    }
    printing = true;
    document.querySelectorAll(FIGURE + " details.roadmap-chart__data:not([open])")
      .forEach(function (details) {
        details.open = true;
        details.setAttribute("data-roadmap-print-opened", "");
      });
    records.forEach(function (record) {
      if (record.state === "drawn" && record.plot.isConnected) {
        var width = Math.min(record.plot.clientWidth || PRINT_WIDTH, PRINT_WIDTH);
        window.Plotly.relayout(record.plot, { width: width });
      }
    });
  }

  function afterPrint() {
    if (!printing) {
      return;
    }
    printing = false;
    document.querySelectorAll("details[data-roadmap-print-opened]").forEach(function (details) {
      details.open = false;
      details.removeAttribute("data-roadmap-print-opened");
    });
    records.forEach(function (record) {
      if (record.state === "drawn" && record.plot.isConnected) {
        window.Plotly.relayout(record.plot, { width: null, autosize: true }).then(function () {
          record.width = record.plot.clientWidth;
          window.Plotly.Plots.resize(record.plot);
        });
      }
    });
  }

  // --- start -------------------------------------------------------------------------------

  function watchPalette() {
    var pending = 0;
    var observer = new MutationObserver(function () {
      // Material changes several attributes at once: one redraw per frame is enough.
      cancelAnimationFrame(pending);
      pending = requestAnimationFrame(retheme);
    });
    var options = { attributes: true, attributeFilter: ["data-md-color-scheme"] };
    observer.observe(document.documentElement, options);
    if (document.body) {
      observer.observe(document.body, options);
    }
  }

  window.roadmapCharts = Object.freeze({
    // Draw every registered chart now, without waiting for it to be scrolled to (tests).
    drawAll: function () {
      return Promise.all(Array.from(records.values()).map(draw));
    },
    refresh: onPage,
  });

  window.addEventListener("beforeprint", beforePrint);
  window.addEventListener("afterprint", afterPrint);
  var document$ = window.document$;
  if (document$ && typeof document$.subscribe === "function") {
    // Material's bundle runs before this file: subscribe at once, so that the first page is
    // not missed; `document$` then emits after each instant navigation, back/forward too.
    document$.subscribe(onPage);
  }
  function start() {
    watchPalette();
    if (!document$ || typeof document$.subscribe !== "function") {
      onPage();
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start, { once: true });
  } else {
    start();
  }
})();
