// The search box in the header: Pagefind's index (tracker/search.py), shown in Material's search markup.
// The primary index (the hand-written pages, with Pagefind's script and WebAssembly) is loaded when a
// reader first focuses the box; the record bundles listed in bundles.json are merged into it (on a large
// record, the events' and sources' bundles only when the reader asks: the button under the results). Keys:
// "/", "s" or "f" open the box, the arrow keys move through the results, Escape closes it.
(function () {
  "use strict";

  var box = document.getElementById("site-search");
  var toggle = document.getElementById("__search");
  if (!box || !toggle) return;
  var input = document.getElementById("site-search-query");
  var meta = box.querySelector(".md-search-result__meta");
  var list = box.querySelector(".md-search-result__list");
  var filterBox = box.querySelector(".search-filters");
  var more = box.querySelector(".search-more");
  var FILTERS = ["kind", "type", "status", "year"];
  var SHOWN = 10; // results whose excerpts are fetched at a time
  // Page length counts less than by default: a short source title would outrank the event it reports.
  var RANKING = { pageLength: 0.3 };
  var bundlePath = new URL(box.dataset.bundle, window.location.href).pathname;
  var siteRoot = new URL(box.dataset.root, window.location.href).pathname;
  var engine = null; // the Pagefind module, once loaded
  var deferred = []; // the bundles merged only when the reader asks (bundles.json marks them)
  var filtersLoaded = null;
  var chosen = {}; // filter key -> value
  var generation = 0; // the latest search; older answers are dropped

  function load() {
    if (engine) return engine;
    engine = import(bundlePath + "pagefind.js").then(function (pagefind) {
      var settings = { basePath: bundlePath, baseUrl: siteRoot, excerptLength: 24, ranking: RANKING };
      return pagefind.options(settings).then(function () {
        return fetch(bundlePath + "bundles.json", { cache: "no-cache" })
          .then(function (response) { return response.ok ? response.json() : { bundles: [] }; })
          .then(function (manifest) {
            deferred = manifest.bundles.filter(function (bundle) { return bundle.deferred; });
            return merge(pagefind, manifest.bundles.filter(function (bundle) { return !bundle.deferred; }));
          })
          .then(function () { return pagefind; });
      });
    });
    return engine;
  }

  function merge(pagefind, bundles) {
    return Promise.all(bundles.map(function (bundle) {
      var weighed = { baseUrl: siteRoot, ranking: RANKING, indexWeight: bundle.weight || 1 };
      return pagefind.mergeIndex(bundlePath + bundle.name + "/", weighed);
    }));
  }

  function mergeDeferred() {
    var bundles = deferred;
    deferred = [];
    more.hidden = true;
    load().then(function (pagefind) {
      return merge(pagefind, bundles).then(function () {
        filtersLoaded = null; // the new bundles' filter values too
        search(false);
        input.focus();
      });
    });
  }

  function open() {
    if (!toggle.checked) {
      toggle.checked = true;
      toggle.dispatchEvent(new Event("change"));
    }
    load();
  }

  function close() {
    toggle.checked = false;
    toggle.dispatchEvent(new Event("change"));
    input.blur();
  }

  function counted(n) {
    if (n === 0) return box.dataset.none;
    return (n === 1 ? box.dataset.one : box.dataset.other).replace("#", String(n));
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  // Pagefind's excerpt is the page's text, escaped, with <mark> around the matches: keep only those marks.
  function excerpt(html) {
    var out = element("p", "search-excerpt");
    var parts = String(html).split(/(<mark>|<\/mark>)/);
    var marked = false;
    parts.forEach(function (part) {
      if (part === "<mark>") marked = true;
      else if (part === "</mark>") marked = false;
      else if (part) {
        // An inert document (no script runs, nothing loads); "<body>" keeps the leading space.
        var text = new DOMParser().parseFromString("<!doctype html><body>" + part, "text/html").body.textContent;
        out.appendChild(marked ? element("mark", "", text) : document.createTextNode(text));
      }
    });
    return out;
  }

  function resultItem(data) {
    var item = element("li", "md-search-result__item");
    var link = element("a", "md-search-result__link");
    var href = data.meta.link ? siteRoot + data.meta.link : data.url;
    link.href = href;
    var article = element("article", "md-search-result__article md-typeset");
    article.appendChild(element("h1", "", data.meta.display || data.meta.title || href));
    var details = [data.meta.date, data.meta.type || data.meta.status, data.meta.publisher].filter(Boolean);
    if (details.length) article.appendChild(element("p", "search-details", details.join(" · ")));
    article.appendChild(excerpt(data.excerpt));
    link.appendChild(article);
    item.appendChild(link);
    return item;
  }

  var controls = {}; // filter key -> its <select>, made once (rebuilding it would drop the keyboard's focus)

  function control(key) {
    if (controls[key]) return controls[key];
    var label = element("label", "", box.dataset["filter" + key.charAt(0).toUpperCase() + key.slice(1)] + " ");
    var select = element("select");
    select.dataset.filter = key;
    select.addEventListener("change", function () {
      if (select.value) chosen[key] = select.value;
      else delete chosen[key];
      search(false);
    });
    label.appendChild(select);
    filterBox.appendChild(label);
    controls[key] = select;
    return select;
  }

  function showFilters(counts) {
    var any = false;
    FILTERS.forEach(function (key) {
      var values = counts[key] || {};
      var names = Object.keys(values).filter(function (v) { return values[v] > 0 || chosen[key] === v; });
      names.sort(function (a, b) { return key === "year" ? b.localeCompare(a) : a.localeCompare(b); });
      if (!names.length && !controls[key]) return;
      var select = control(key);
      var options = [new Option(box.dataset.all, "")].concat(names.map(function (value) {
        return new Option(value + " (" + (values[value] || 0) + ")", value, false, chosen[key] === value);
      }));
      select.replaceChildren.apply(select, options);
      select.value = chosen[key] || "";
      select.parentNode.hidden = !names.length;
      any = any || names.length > 0;
    });
    filterBox.hidden = !any;
  }

  function search(fromTyping) {
    var query = input.value.trim();
    var mine = ++generation;
    if (!query) {
      meta.textContent = box.dataset.placeholder;
      // The list shows no query now; an answer still in flight for the old one is dropped (generation).
      delete meta.dataset.query;
      delete meta.dataset.filters;
      list.replaceChildren();
      filterBox.hidden = true;
      more.hidden = true;
      return;
    }
    load().then(function (pagefind) {
      var filters = {};
      Object.keys(chosen).forEach(function (key) { filters[key] = chosen[key]; });
      var pending = fromTyping ? pagefind.debouncedSearch(query, { filters: filters }, 150) : pagefind.search(query, { filters: filters });
      return pending.then(function (answer) {
        if (!answer || mine !== generation) return;
        return Promise.all(answer.results.slice(0, SHOWN).map(function (r) { return r.data(); })).then(function (pages) {
          if (mine !== generation) return;
          meta.textContent = counted(answer.results.length);
          // What the list shows, for scripts and tests: the query and the filters chosen.
          meta.dataset.query = query;
          meta.dataset.filters = Object.keys(filters).sort().map(function (k) { return k + "=" + filters[k]; }).join(" ");
          var focused = results().indexOf(document.activeElement);
          list.replaceChildren.apply(list, pages.map(resultItem));
          if (focused !== -1 && results()[focused]) results()[focused].focus(); // the same list, shown again
          if (!filtersLoaded) {
            // The filter values of every bundle, fetched once, after the first results are shown.
            filtersLoaded = pagefind.filters().then(function () { if (mine === generation) search(false); });
          }
          showFilters(answer.filters || {});
          more.hidden = deferred.length === 0;
        });
      });
    }).catch(function (error) {
      if (mine === generation) meta.textContent = box.dataset.none;
      console.warn("search:", error);
    });
  }

  function results() {
    return Array.prototype.slice.call(list.querySelectorAll(".md-search-result__link"));
  }

  box.querySelector("form").addEventListener("submit", function (event) { event.preventDefault(); });
  more.querySelector("button").addEventListener("click", mergeDeferred);
  input.addEventListener("focus", open);
  input.addEventListener("input", function () { search(true); });
  box.querySelector("form").addEventListener("reset", function () {
    chosen = {};
    window.setTimeout(function () { search(false); input.focus(); }, 0);
  });
  toggle.addEventListener("change", function () {
    if (toggle.checked && document.activeElement !== input) input.focus();
  });

  document.addEventListener("keydown", function (event) {
    if (event.metaKey || event.ctrlKey || event.altKey) return;
    var active = document.activeElement;
    var typing = active && (active.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(active.tagName));
    if (!toggle.checked) {
      if (!typing && (event.key === "/" || event.key === "s" || event.key === "f")) {
        event.preventDefault();
        open();
        input.focus();
      }
      return;
    }
    var links = results();
    var at = links.indexOf(active);
    if (event.key === "Escape") {
      event.preventDefault();
      close();
    } else if (event.key === "ArrowDown" && (active === input || at !== -1)) {
      event.preventDefault();
      if (links.length) links[Math.min(at + 1, links.length - 1)].focus();
    } else if (event.key === "ArrowUp" && at !== -1) {
      event.preventDefault();
      if (at === 0) input.focus();
      else links[at - 1].focus();
    } else if (event.key === "Enter" && active === input && links.length) {
      event.preventDefault();
      links[0].click();
    }
  });
})();
