// SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
// SPDX-License-Identifier: EUPL-1.2
//
// The site's search box, in French, over Pagefind's index (see commons/search.py).
// Nothing is downloaded until the reader opens the search: then Pagefind's
// script comes, and for each query only the index chunks of the words typed.
// The box keeps Material's look (its classes and its __search toggle), the
// results are built as DOM nodes from text only: an excerpt is never inserted
// as HTML, whatever a page contains.
(function () {
  "use strict";

  var root = document.querySelector("[data-commons-search]");
  if (!root) return;
  var toggle = document.getElementById("__search");
  var opener = document.querySelector(".commons-search__open");
  var form = root.querySelector("form");
  var input = root.querySelector("input[type=search]");
  var status = root.querySelector("[role=status]");
  var list = root.querySelector("ol");
  var site = new URL(root.getAttribute("data-commons-search").replace(/\/?$/, "/"), document.baseURI);
  var MAX = 10;
  // Measured on this site's pages (tests/browser/test_search.py): a weaker length penalty than
  // Pagefind's default lets a section's entrance ("Kit d'accueil") beat short pages that name
  // the word once, and a strong preference for the exact word puts "la finance solidaire"
  // before "financer" for "finance".
  var RANKING = { pageLength: 0.2, termFrequency: 0.3, termSimilarity: 8 };
  // French elisions: "l'accueil" is searched as "accueil", as the index reads "d'accueil".
  var ELISION = /(^|[\s("«])(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu|quoiqu)['’]/gi;
  var loading = null;
  var asked = 0;

  var WORDING = {
    idle: "Tapez un ou plusieurs mots.",
    busy: "Recherche…",
    none: function (q) { return "Aucun résultat pour « " + q + " ». Essayez un autre mot, ou moins de mots."; },
    some: function (n) { return n === 1 ? "1 résultat" : n + " résultats"; },
    more: function (n, shown) { return n + " résultats ; les " + shown + " plus pertinents :"; },
    failed: "La recherche n'a pas pu se charger. Vérifiez votre connexion et réessayez."
  };

  function load() {
    if (!loading) {
      loading = import(new URL("pagefind/pagefind.js", site).href).then(function (pagefind) {
        return pagefind.options({ baseUrl: site.pathname, excerptLength: 24, ranking: RANKING }).then(function () {
          return pagefind;
        });
      });
      loading.catch(function () { loading = null; });
    }
    return loading;
  }

  function open() {
    if (toggle && !toggle.checked) {
      toggle.checked = true;
      toggle.dispatchEvent(new Event("change"));
    }
    if (opener) opener.setAttribute("aria-expanded", "true");
    load().catch(function () { status.textContent = WORDING.failed; });
  }

  function close() {
    if (toggle && toggle.checked) {
      toggle.checked = false;
      toggle.dispatchEvent(new Event("change"));
    }
    if (opener) opener.setAttribute("aria-expanded", "false");
  }

  // Text only: an excerpt's <mark> become our own <mark>, every other character stays text.
  function excerpt(html) {
    var template = document.createElement("template");
    template.innerHTML = html;
    var out = document.createDocumentFragment();
    template.content.childNodes.forEach(function (node) {
      if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        out.appendChild(mark);
      } else {
        out.appendChild(document.createTextNode(node.textContent));
      }
    });
    return out;
  }

  function plain(text) {
    var template = document.createElement("template");
    template.innerHTML = text || "";
    return template.content.textContent;
  }

  function item(result) {
    var li = document.createElement("li");
    li.className = "md-search-result__item";
    var link = document.createElement("a");
    link.className = "md-search-result__link";
    link.href = result.url;
    var article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    var title = document.createElement("p");
    title.className = "commons-search__title";
    title.textContent = plain(result.meta.title) || result.url;
    article.appendChild(title);
    var kind = [plain(result.meta.kind), plain(result.meta.date)].filter(Boolean).join(" · ");
    if (kind) {
      var about = document.createElement("p");
      about.className = "commons-search__kind";
      about.textContent = kind;
      article.appendChild(about);
    }
    var teaser = document.createElement("p");
    teaser.className = "md-search-result__teaser";
    teaser.appendChild(excerpt(result.excerpt || ""));
    article.appendChild(teaser);
    link.appendChild(article);
    li.appendChild(link);
    return li;
  }

  function search() {
    var typed = input.value.trim();
    // Compounds are searched by their parts, so that "tiers-lieux" finds "tiers-lieu" (the
    // stemmer sees "lieux" and "lieu" as one word, but not the compound as a whole).
    // The French stemmer keeps "lieux" apart from "lieu": a plural in x is searched by its
    // singular, which Pagefind matches as a prefix of both.
    var query = typed.replace(ELISION, "$1").replace(/[-‐‑]+/g, " ").split(/\s+/).map(function (word) {
      return word.length >= 5 && /x$/i.test(word) ? word.slice(0, -1) : word;
    }).join(" ").trim();
    var ticket = ++asked;
    if (!query) {
      list.replaceChildren();
      if (typed) { status.textContent = WORDING.none(typed); return; }
      status.textContent = WORDING.idle;
      return;
    }
    status.textContent = WORDING.busy;
    load()
      .then(function (pagefind) { return pagefind.debouncedSearch(query, {}, 150); })
      .then(function (found) {
        if (found === null || ticket !== asked) return null;
        return Promise.all(found.results.slice(0, MAX).map(function (r) { return r.data(); })).then(function (data) {
          if (ticket !== asked) return;
          list.replaceChildren.apply(list, data.map(item));
          var total = found.results.length;
          status.textContent = total === 0 ? WORDING.none(typed)
            : total > MAX ? WORDING.more(total, MAX) : WORDING.some(total);
        });
      })
      .catch(function () { if (ticket === asked) status.textContent = WORDING.failed; });
  }

  function links() {
    return Array.prototype.slice.call(list.querySelectorAll("a"));
  }

  input.addEventListener("focus", open);
  input.addEventListener("input", search);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var first = links()[0];
    if (first) first.click();
  });
  form.addEventListener("reset", function () {
    window.setTimeout(function () { search(); input.focus(); }, 0);
  });
  root.addEventListener("keydown", function (event) {
    var all = links();
    var at = all.indexOf(document.activeElement);
    if (event.key === "Escape") {
      event.preventDefault();
      close();
      (opener && opener.offsetParent !== null ? opener : input).focus();
    } else if (event.key === "ArrowDown" && all.length) {
      event.preventDefault();
      all[Math.min(at + 1, all.length - 1)].focus();
    } else if (event.key === "ArrowUp" && at >= 0) {
      event.preventDefault();
      (at === 0 ? input : all[at - 1]).focus();
    }
  });
  // A click outside (on the page or the overlay) closes the results.
  document.addEventListener("click", function (event) {
    if (toggle && toggle.checked && !root.contains(event.target) && event.target !== opener &&
        !(opener && opener.contains(event.target))) close();
  });
  if (opener) {
    opener.hidden = false;
    opener.addEventListener("click", function () {
      open();
      input.focus();
    });
  }
  // Buttons in a page (the 404 page's) open the search too.
  document.querySelectorAll("[data-commons-search-open]").forEach(function (button) {
    var holder = button.closest("[hidden]");
    if (holder) holder.hidden = false;
    button.addEventListener("click", function (event) {
      event.stopPropagation();
      open();
      input.focus();
    });
  });
  root.hidden = false;
  status.textContent = WORDING.idle;
})();
