// SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
// SPDX-License-Identifier: EUPL-1.2
//
// Wrapper around Material's search worker for French readers. Material's
// index keeps words unstemmed and its queries are prefix matches ("mot*"),
// which skip Lunr's query pipeline; so the same folding is applied to the
// indexed words (an extra pipeline step) and to the query terms (after the
// query is parsed):
//   - accents and ligatures: "évaluation" and "evaluation" are one word;
//   - plural s/x: "tiers-lieux" finds "tiers-lieu", "budgets" finds "budget";
//   - elided articles: in "l'accueil" the "l" is dropped, not searched as "l*".
// main.html points Material at this file with ?worker=<Material's worker>.
"use strict";

(function () {
  var name = new URL(self.location.href).searchParams.get("worker") || "";
  if (!/^search\.[0-9a-f]+\.min\.js$/.test(name)) throw new Error("search-fr: unexpected worker " + name);
  importScripts(name);

  var ELISIONS = ["l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu"];

  function fold(word) {
    var folded = word
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/œ/g, "oe")
      .replace(/æ/g, "ae");
    if (folded.length > 3 && /[sx]$/.test(folded) && !/ss$/.test(folded)) folded = folded.slice(0, -1);
    return folded;
  }

  function foldToken(token) {
    return token.update(function (word) { return fold(word); });
  }
  lunr.Pipeline.registerFunction(foldToken, "foldFr");

  // Index side: after the language plugin has set up its pipeline.
  var use = lunr.Builder.prototype.use;
  lunr.Builder.prototype.use = function () {
    use.apply(this, arguments);
    if (this.pipeline._stack.indexOf(foldToken) < 0) this.pipeline.add(foldToken);
  };

  // Query side: fold each parsed term, keeping its wildcards, and drop elisions.
  var parse = lunr.QueryParser.prototype.parse;
  lunr.QueryParser.prototype.parse = function () {
    var query = parse.apply(this, arguments);
    query.clauses = query.clauses.filter(function (clause) {
      var match = /^(\**)(.*?)(\**)$/.exec(clause.term);
      if (ELISIONS.indexOf(match[2]) >= 0) return false;
      clause.term = match[1] + fold(match[2]) + match[3];
      return clause.term.replace(/\*/g, "") !== "";
    });
    return query;
  };
})();
