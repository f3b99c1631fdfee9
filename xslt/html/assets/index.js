/* tei-edition: the index page's script. Full-text search over the index that the site builder
   wrote into search-index.js (window.TEI_EDITION_SEARCH), filters and sorting over the list of
   documents. No network: it works from file:// and from any web server. */
(function () {
  "use strict";

  var data = window.TEI_EDITION_SEARCH;

  /* The same folding as the site builder's (site.fold): compatibility decomposition, no
     combining marks, lower case, so that a word typed without marks finds it written with them:
     "Ç" -> "c", Arabic "كَتَبَ" -> "كتب", Hebrew "שָׁלוֹם" -> "שלום", "ё" -> "е", "ﬁ" -> "fi".
     A combining mark is one of non-zero canonical combining class (Python's
     unicodedata.combining). JavaScript cannot ask for the class, but canonical ordering
     shows it: after U+0345 (class 240, the highest) NFD moves a mark of class 1 to 239 in
     front of it and leaves one of class 0 (a vowel sign of Devanagari or Thai) where it is. */
  var combiningClass = {};
  function isCombining(mark) {
    if (!(mark in combiningClass)) {
      combiningClass[mark] = mark === "\u0345"
        || ("\u0345" + mark).normalize("NFD") !== "\u0345" + mark;
    }
    return combiningClass[mark];
  }

  function fold(s) {
    return s.normalize("NFKD").replace(/\p{M}/gu, function (mark) {
      return isCombining(mark) ? "" : mark;
    }).toLowerCase();
  }

  /* Fold a text character by character, keeping where each folded character came from,
     so that a match in the folded text can be marked in the original. */
  function foldWithMap(s) {
    var out = "";
    var map = [];
    for (var i = 0; i < s.length; i++) {
      var f = fold(s[i]);
      for (var j = 0; j < f.length; j++) {
        map.push(i);
      }
      out += f;
    }
    map.push(s.length);
    return { text: out, map: map };
  }

  var TOKEN = /[\p{L}\p{N}_]+/gu;

  function parseQuery(q) {
    var phrases = [];
    var rest = q.replace(/"([^"]*)"?/g, function (m, p) {
      p = fold(p).replace(/\s+/g, " ").trim();
      if (p) {
        phrases.push(p);
      }
      return " ";
    });
    var words = fold(rest).match(TOKEN) || [];
    return { words: words, phrases: phrases };
  }

  var termList = null;

  function docsForWord(word) {
    if (termList === null) {
      termList = Object.keys(data.terms);
    }
    var hits = {};
    for (var i = 0; i < termList.length; i++) {
      var term = termList[i];
      if (term.lastIndexOf(word, 0) === 0) {
        var postings = data.terms[term];
        for (var k = 0; k < postings.length; k++) {
          var d = postings[k][0];
          hits[d] = (hits[d] || 0) + postings[k][1];
        }
      }
    }
    return hits;
  }

  /* doc index -> score, or null when there is no query. */
  function search(q) {
    var parsed = parseQuery(q);
    if (!parsed.words.length && !parsed.phrases.length) {
      return null;
    }
    var scores = null;
    parsed.words.forEach(function (word) {
      var hits = docsForWord(word);
      var next = {};
      Object.keys(hits).forEach(function (d) {
        if (scores === null || d in scores) {
          next[d] = (scores === null ? 0 : scores[d]) + hits[d];
        }
      });
      scores = next;
    });
    parsed.phrases.forEach(function (phrase) {
      var next = {};
      data.docs.forEach(function (doc, d) {
        if ((scores === null || d in scores) && folded(d).text.indexOf(phrase) !== -1) {
          next[d] = (scores === null ? 0 : scores[d]) + 10;
        }
      });
      scores = next;
    });
    return { scores: scores || {}, parsed: parsed };
  }

  var foldedCache = {};
  function folded(d) {
    if (!(d in foldedCache)) {
      foldedCache[d] = foldWithMap(data.docs[d].text);
    }
    return foldedCache[d];
  }

  /* A line of the text around the first match, with the match marked. */
  function snippet(d, parsed) {
    var f = folded(d);
    var needles = parsed.phrases.concat(parsed.words);
    var at = -1;
    var len = 0;
    for (var i = 0; i < needles.length && at === -1; i++) {
      var re = new RegExp("(^|[^\\p{L}\\p{N}_])" + needles[i].replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "u");
      var m = re.exec(f.text);
      if (m) {
        at = m.index + m[1].length;
        len = needles[i].length;
      }
    }
    if (at === -1) {
      return null;
    }
    var text = data.docs[d].text;
    var start = f.map[at];
    var end = f.map[Math.min(at + len, f.map.length - 1)];
    var from = Math.max(0, start - 80);
    var to = Math.min(text.length, end + 80);
    var p = document.createElement("p");
    p.className = "snippet";
    p.appendChild(document.createTextNode((from > 0 ? "…" : "") + text.slice(from, start)));
    var mark = document.createElement("mark");
    mark.textContent = text.slice(start, end);
    p.appendChild(mark);
    p.appendChild(document.createTextNode(text.slice(end, to) + (to < text.length ? "…" : "")));
    return p;
  }

  function has(list, value) {
    return list.indexOf(value) !== -1;
  }

  function matchesFilters(doc, filters) {
    for (var name in filters) {
      var want = filters[name];
      if (!want) {
        continue;
      }
      var v = doc[name];
      if (Array.isArray(v) ? !has(v, want) : v !== want) {
        return false;
      }
    }
    return true;
  }

  function start() {
    var list = document.querySelector("ol.documents");
    if (!data || !list) {
      return;
    }
    var form = document.querySelector("form.search");
    var input = document.getElementById("te-search");
    var fieldset = document.querySelector("fieldset.filters");
    var sort = document.getElementById("te-sort");
    var reset = document.getElementById("te-reset");
    var count = document.querySelector(".result-count");
    var selects = document.querySelectorAll("select[data-filter]");
    var items = {};
    var lis = list.querySelectorAll("li[data-doc]");
    for (var i = 0; i < lis.length; i++) {
      items[lis[i].getAttribute("data-doc")] = lis[i];
    }
    form.hidden = false;
    fieldset.hidden = false;

    function update() {
      var filters = {};
      for (var i = 0; i < selects.length; i++) {
        filters[selects[i].getAttribute("data-filter")] = selects[i].value;
      }
      var result = search(input.value);
      var order = data.docs.map(function (doc, d) { return d; });
      if (sort.value === "date-desc") {
        order.reverse();
      } else if (sort.value === "title") {
        order.sort(function (a, b) {
          return data.docs[a].title.localeCompare(data.docs[b].title);
        });
      }
      if (result && sort.value === "date" && input.value.trim()) {
        /* with a query, the best matches first; ties stay in date order */
        order.sort(function (a, b) {
          return (result.scores[b] || 0) - (result.scores[a] || 0) || a - b;
        });
      }
      var shown = 0;
      order.forEach(function (d) {
        var li = items[d];
        if (!li) {
          return;
        }
        var ok = matchesFilters(data.docs[d], filters) && (!result || d in result.scores);
        li.hidden = !ok;
        var old = li.querySelector(".snippet");
        if (old) {
          old.parentNode.removeChild(old);
        }
        if (ok) {
          shown++;
          if (result) {
            var s = snippet(d, result.parsed);
            if (s) {
              li.querySelector("article").appendChild(s);
            }
          }
        }
        list.appendChild(li);
      });
      var total = data.docs.length;
      count.textContent = shown === total ? (total === 1 ? "1 document." : "All " + total + " documents.")
        : shown + " of " + total + " documents" + (result ? " match." : ".");
    }

    var timer = null;
    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(update, 80);
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      update();
    });
    fieldset.addEventListener("change", update);
    reset.addEventListener("click", function () {
      input.value = "";
      for (var i = 0; i < selects.length; i++) {
        selects[i].value = "";
      }
      sort.value = "date";
      update();
      input.focus();
    });
    update();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}());
