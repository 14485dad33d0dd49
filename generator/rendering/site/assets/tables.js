/* Progressive enhancements of the generated pages. Sortable tables: without this script
   every table is a plain, complete table. Header cells of tables marked `data-rm-sortable` get
   a button. A number cell (`rm-num`, or any data cell of an `rm-numbers` table) sorts on
   the number it shows ("1 014 000 €", "+42 j", "−3 %"); a cell may carry a `data-rm-sort`
   value (ISO date, number) to sort on instead of its text. Runs on direct loads and after
   each instant navigation of Material for MkDocs. */
(function () {
  "use strict";

  // Sign, digits with their group separators, and what follows (a unit): "1 014 000 €",
  // "+12,5 %", "−3 j", and in English "€1,014,000", "-12%".
  var NUMBER = /^[^\d+\-\u2212]{0,3}([+\-\u2212]?)[^\d]{0,3}(\d[\d\s.,]*)[^\d]*$/;

  // The number a cell shows, read with the page's decimal mark (a point in English, a
  // comma otherwise); a cell without one ("non renseigné") sorts below every number.
  function numberOf(text) {
    var match = NUMBER.exec(text);
    if (!match) return -Infinity;
    var english = /^en\b/i.test(document.documentElement.lang || "");
    var digits = match[2].replace(/\s/g, "").split(english ? "," : ".").join("");
    var value = Number(english ? digits : digits.replace(",", "."));
    if (isNaN(value)) return -Infinity;
    return match[1] && match[1] !== "+" ? -value : value;
  }

  function sortValue(cell) {
    if (!cell) return "";
    if (cell.hasAttribute("data-rm-sort")) {
      var raw = cell.getAttribute("data-rm-sort");
      var number = Number(raw);
      return raw !== "" && !isNaN(number) ? number : raw.toLocaleLowerCase();
    }
    var text = cell.textContent.trim();
    var numeric = cell.classList.contains("rm-num")
      || (cell.tagName === "TD" && cell.closest("table.rm-numbers") !== null);
    return numeric ? numberOf(text) : text.toLocaleLowerCase();
  }

  function compare(a, b) {
    if (typeof a === "number" && typeof b === "number") return a - b;
    return String(a).localeCompare(String(b), document.documentElement.lang || undefined, { numeric: true });
  }

  function sortBy(table, column, button) {
    var body = table.tBodies[0];
    if (!body) return;
    var ascending = button.getAttribute("data-rm-direction") !== "ascending";
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (r1, r2) {
      var order = compare(sortValue(r1.cells[column]), sortValue(r2.cells[column]));
      return ascending ? order : -order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
    table.querySelectorAll("thead th").forEach(function (th) {
      th.removeAttribute("aria-sort");
      var other = th.querySelector(".rm-sort");
      if (other) {
        other.removeAttribute("data-rm-direction");
        other.querySelector(".rm-sort__arrow").textContent = "↕";
      }
    });
    button.setAttribute("data-rm-direction", ascending ? "ascending" : "descending");
    button.parentElement.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    button.querySelector(".rm-sort__arrow").textContent = ascending ? "↑" : "↓";
  }

  function enhance(root) {
    document.documentElement.classList.add("rm-js");
    root.querySelectorAll("table[data-rm-sortable]").forEach(function (table) {
      if (table.hasAttribute("data-rm-enhanced")) return;
      table.setAttribute("data-rm-enhanced", "");
      var head = table.tHead && table.tHead.rows[0];
      if (!head) return;
      Array.prototype.forEach.call(head.cells, function (th, column) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "rm-sort";
        while (th.firstChild) button.appendChild(th.firstChild);
        // A space before the arrow: a narrow column may put it on the next line.
        button.appendChild(document.createTextNode(" "));
        var arrow = document.createElement("span");
        arrow.className = "rm-sort__arrow";
        arrow.setAttribute("aria-hidden", "true");
        arrow.textContent = "↕";
        button.appendChild(arrow);
        th.appendChild(button);
        button.addEventListener("click", function () { sortBy(table, column, button); });
      });
    });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(function () { enhance(document); });
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { enhance(document); });
  } else {
    enhance(document);
  }
})();

/* Filters of a table (the all-projects page): a block marked `data-rm-filter-for` (the
   table's id), hidden until this script runs, since without it the table is shown whole. A select
   keeps the rows whose cell in the column of the same facet (the header's `data-rm-facet`)
   shows its value; the text field keeps the rows holding every word typed, accents and case
   ignored. The live region after the filters says how many rows are shown, in the words the
   block carries (`data-rm-count-one` and `-other`, chosen by the page language's plural
   rule), once the reader pauses. Its `data-rm-filter-reset` button clears every filter. */
(function () {
  "use strict";

  // Lower case without accents, so that "energie" finds "Énergie".
  function folded(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLocaleLowerCase();
  }

  function enhance(form) {
    if (form.hasAttribute("data-rm-enhanced")) return;
    var table = document.getElementById(form.getAttribute("data-rm-filter-for"));
    if (!table || !table.tBodies[0]) return;
    form.setAttribute("data-rm-enhanced", "");
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var headers = table.tHead ? Array.prototype.slice.call(table.tHead.rows[0].cells) : [];
    var columns = {};
    headers.forEach(function (th, index) {
      if (th.hasAttribute("data-rm-facet")) columns[th.getAttribute("data-rm-facet")] = index;
    });
    // What each row is filtered on, read once: the page may list thousands of projects.
    var facts = rows.map(function (row) {
      var values = {};
      Object.keys(columns).forEach(function (facet) {
        var cell = row.cells[columns[facet]];
        values[facet] = cell ? cell.textContent.trim() : "";
      });
      return { row: row, text: folded(row.textContent), values: values };
    });
    var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-rm-filter]"));
    var field = form.querySelector("input[data-rm-filter=text]");
    var status = document.getElementById(table.id + "-count");
    var lang = document.documentElement.lang || undefined;
    var plural = window.Intl && Intl.PluralRules ? new Intl.PluralRules(lang) : null;
    var announce = null;

    function countText(shown) {
      var which = plural && plural.select(shown) === "one" ? "one" : "other";
      return (form.getAttribute("data-rm-count-" + which) || "{shown} / {total}")
        .replace("{shown}", shown.toLocaleString(lang))
        .replace("{total}", facts.length.toLocaleString(lang));
    }

    function apply() {
      var words = field ? folded(field.value).split(/\s+/).filter(Boolean) : [];
      var wanted = selects
        .filter(function (select) { return select.value !== ""; })
        .map(function (select) {
          return { facet: select.getAttribute("data-rm-filter"), value: select.value };
        });
      var shown = 0;
      facts.forEach(function (fact) {
        var keep = wanted.every(function (w) { return fact.values[w.facet] === w.value; })
          && words.every(function (word) { return fact.text.indexOf(word) !== -1; });
        if (fact.row.hidden === keep) fact.row.hidden = !keep;
        if (keep) shown += 1;
      });
      form.setAttribute("data-rm-shown", String(shown));
      // Said once the reader pauses, not at every key typed.
      if (status) {
        clearTimeout(announce);
        announce = setTimeout(function () { status.textContent = countText(shown); }, 400);
      }
      return shown;
    }

    form.addEventListener("input", apply);
    form.addEventListener("change", apply);
    var reset = form.querySelector("[data-rm-filter-reset]");
    if (reset) {
      reset.addEventListener("click", function () {
        selects.forEach(function (select) { select.value = ""; });
        if (field) field.value = "";
        apply();
      });
    }
    // Fields the browser refilled (back to the page) filter at once.
    var initial = apply();
    clearTimeout(announce);
    if (status) status.textContent = countText(initial);
  }

  function enhanceAll() {
    document.querySelectorAll("[data-rm-filter-for]").forEach(enhance);
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(enhanceAll);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", enhanceAll);
  } else {
    enhanceAll();
  }
})();

/* Material's search panel is a dialog without a name (Lighthouse flags it): give it the
   name of its own search field, which the theme already writes in the page's language. */
(function () {
  "use strict";
  var dialog = document.querySelector(".md-search[role=dialog]");
  var field = document.querySelector(".md-search__input");
  if (dialog && !dialog.hasAttribute("aria-label")) {
    dialog.setAttribute("aria-label", (field && field.getAttribute("aria-label")) || "Search");
  }
})();

/* Glossary terms (pages.css): Escape hides the definition shown by hover or focus, until the
   pointer or the focus leaves the term (WCAG 1.4.13: dismissible without moving). Listeners
   on the document, so they hold across Material's instant navigation. */
(function () {
  "use strict";
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    document.querySelectorAll(".rm-term:hover, .rm-term:focus-within").forEach(function (term) {
      term.classList.add("rm-term--dismissed");
    });
  });
  function restore(event) {
    var term = event.target.closest ? event.target.closest(".rm-term") : null;
    if (term && !(event.relatedTarget && term.contains(event.relatedTarget))) {
      term.classList.remove("rm-term--dismissed");
    }
  }
  document.addEventListener("focusout", restore);
  document.addEventListener("mouseout", restore);
})();
