// SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
// SPDX-License-Identifier: EUPL-1.2
//
// The printable kit's "Imprimer" button: without JavaScript it could not print,
// so its bar is `hidden` in the HTML and only shown here. A file of the theme
// rather than a script inside the page: no page body carries a script at all
// (commons/sanitize.py, tests/security).
(function () {
  "use strict";
  document.querySelectorAll(".commons-print-actions").forEach(function (actions) {
    var button = actions.querySelector("[data-commons-print]");
    if (!button) return;
    button.addEventListener("click", function () {
      window.print();
    });
    actions.hidden = false;
  });
})();
