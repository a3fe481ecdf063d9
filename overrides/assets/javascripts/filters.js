// SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
// SPDX-License-Identifier: EUPL-1.2
//
// Filters for the webinar catalogue and the toolbox index: shows the items
// whose data-<facet> attributes contain every selected value. The form is
// plain <select>s, so keyboards and screen readers work as everywhere else;
// it is `hidden` in the HTML and only shown here, so a reader without
// JavaScript simply gets the whole list. ?theme=… preselects a filter, and the
// address follows the selection so that a filtered list can be shared.
(function () {
  "use strict";

  function setup(form) {
    var id = form.getAttribute("data-commons-filter");
    var lists = document.querySelectorAll('[data-commons-list="' + id + '"]');
    var selects = form.querySelectorAll("select[data-facet]");
    var status = form.querySelector(".commons-filter__status");
    var params = new URLSearchParams(window.location.search);

    selects.forEach(function (select) {
      var wanted = params.get(select.name);
      if (wanted && select.querySelector('option[value="' + CSS.escape(wanted) + '"]')) {
        select.value = wanted;
      }
    });

    function apply() {
      var shown = 0;
      var seen = new Set();
      var query = new URLSearchParams(window.location.search);
      lists.forEach(function (list) {
        var visible = 0;
        list.querySelectorAll(":scope > li").forEach(function (item) {
          var ok = true;
          selects.forEach(function (select) {
            var values = (item.getAttribute("data-" + select.dataset.facet) || "").split(" ");
            if (select.value && values.indexOf(select.value) < 0) ok = false;
          });
          item.hidden = !ok;
          if (ok) {
            visible += 1;
            var link = item.querySelector("a");
            seen.add(link ? link.getAttribute("href") : item);
          }
        });
        // Hide a group's heading when the filters leave it empty.
        var heading = list.previousElementSibling;
        if (heading && /^H[2-4]$/.test(heading.tagName)) heading.hidden = visible === 0;
        list.hidden = visible === 0;
      });
      shown = seen.size;
      selects.forEach(function (select) {
        if (select.value) query.set(select.name, select.value);
        else query.delete(select.name);
      });
      var search = query.toString();
      history.replaceState(null, "", window.location.pathname + (search ? "?" + search : "") + window.location.hash);
      var noun = shown > 1 ? form.dataset.nounMany : form.dataset.nounOne;
      status.textContent = shown === 0
        ? "Aucun résultat : changez ou retirez un filtre."
        : shown + " " + noun + ".";
    }

    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
    form.hidden = false;
    apply();
  }

  function init() {
    document.querySelectorAll("form[data-commons-filter]").forEach(setup);
  }

  // With Material's instant navigation, pages change without a reload:
  // its document$ observable then announces each new page.
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
