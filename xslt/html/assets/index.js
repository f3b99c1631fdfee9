/* tei-edition: the index page's script. Full-text search, filters and sorting over an index
   cut into shards (tei_edition/site_index.py): assets/search/catalogue.js first (the
   number of documents, the term shards, the years, the small facets), then only what a
   search needs: the shard of the terms that begin like a typed word (t-HEX.js), what a
   result shows of the documents on the page of results (d-K.js), a large facet when it is
   used (f-sender.js), the title order for that sort. Each is a script element that hands
   its data to window.teEditionSearch, since browsers refuse to fetch on file://. No network: it
   works from file:// and from any web server. */
(function () {
  "use strict";

  var BASE = "assets/search/";
  var loaded = {};
  var waiting = {};

  /* Every search file calls this with its name and data. */
  window.teEditionSearch = function (name, data) {
    loaded[name] = data;
    var callbacks = waiting[name] || [];
    delete waiting[name];
    callbacks.forEach(function (cb) { cb[0](data); });
  };

  function load(name) {
    return new Promise(function (resolve, reject) {
      if (name in loaded) {
        resolve(loaded[name]);
        return;
      }
      if (name in waiting) {
        waiting[name].push([resolve, reject]);
        return;
      }
      waiting[name] = [[resolve, reject]];
      var script = document.createElement("script");
      script.src = BASE + name + ".js";
      script.onerror = function () {
        var callbacks = waiting[name] || [];
        delete waiting[name];
        callbacks.forEach(function (cb) { cb[1](new Error("cannot load " + script.src)); });
      };
      document.head.appendChild(script);
    });
  }

  /* The same folding as the site builder's (site_index.fold): compatibility decomposition,
     no combining marks, lower case, so that a word typed without marks finds it written with
     them: "Ç" -> "c", Arabic "كَتَبَ" -> "كتب", Hebrew "שָׁלוֹם" -> "שלום", "ё" -> "е", "ﬁ" -> "fi".
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

  var TOKEN = /[\p{L}\p{N}_]+/gu;

  /* The digits of a packed code (site_index._DIGITS): printable ASCII but '"', '\' and '<'. */
  var DIGITS = "";
  for (var c = 35; c < 127; c++) {
    if (c !== 92 && c !== 60) {
      DIGITS += String.fromCharCode(c);
    }
  }

  function code(packed, width, d) {
    var v = 0;
    for (var i = d * width; i < d * width + width; i++) {
      v = v * 90 + DIGITS.indexOf(packed.charAt(i));
    }
    return v;
  }

  function hex(s) {
    return Array.from(new TextEncoder().encode(s), function (b) {
      return (b < 16 ? "0" : "") + b.toString(16);
    }).join("");
  }

  var cat = null;

  /* The documents that have a word -> their score. A term lies in the shard of the longest
     key it begins with (site_index._shards), so the terms that begin with a word lie in
     the shard of the longest key the word begins with and in those whose keys begin with
     the word. When those are more than cat.most (a short beginning of many words), the
     word finds only itself. A posting is 4 * document + count - 1, counts above 4 as 4. */
  function docsForWord(word) {
    var chars = Array.from(word);
    var home = null;
    for (var n = chars.length; n > 0 && home === null; n--) {
      var p = chars.slice(0, n).join("");
      if (cat.shards.indexOf(p) !== -1) {
        home = p;
      }
    }
    var below = cat.shards.filter(function (k) {
      return k !== word && k.lastIndexOf(word, 0) === 0;
    });
    var keys = home === null ? below : [home].concat(below);
    var whole = keys.length > cat.most;
    if (whole) {
      keys = home === null ? [] : [home];
    }
    return Promise.all(keys.map(function (k) { return load("t-" + hex(k)); })).then(function (shards) {
      var hits = new Map();
      shards.forEach(function (shard) {
        Object.keys(shard).forEach(function (term) {
          if (whole ? term !== word : term.lastIndexOf(word, 0) !== 0) {
            return;
          }
          var postings = shard[term];
          for (var k = 0; k < postings.length; k++) {
            var d = postings[k] >> 2;
            hits.set(d, (hits.get(d) || 0) + (postings[k] & 3) + 1);
          }
        });
      });
      return hits;
    });
  }

  /* The matching documents -> score, or null when the query has no word. A document
     must have every word. */
  function search(q) {
    var words = fold(q.replace(/"/g, " ")).match(TOKEN) || [];
    if (!words.length) {
      return Promise.resolve(null);
    }
    return Promise.all(words.map(docsForWord)).then(function (all) {
      all.sort(function (a, b) { return a.size - b.size; });
      var scores = all[0];
      all.slice(1).forEach(function (hits) {
        var next = new Map();
        scores.forEach(function (s, d) {
          if (hits.has(d)) {
            next.set(d, s + hits.get(d));
          }
        });
        scores = next;
      });
      return scores;
    });
  }

  /* A filter: the test a document number passes, after what it needs is loaded. */
  function filterTest(name, value) {
    if (name === "year") {
      var year = cat.years.filter(function (y) { return y[0] === value; })[0];
      return Promise.resolve(function (d) {
        return !!year && d >= year[1] && d < year[1] + year[2];
      });
    }
    var facet = cat.facets[name];
    var ready = facet ? Promise.resolve(facet) : load("f-" + name);
    return ready.then(function (f) {
      var index = f.values.indexOf(value);
      var allowed = f.sets.map(function (set) { return set.indexOf(index) !== -1; });
      return function (d) { return allowed[code(f.codes, f.width, d)]; };
    });
  }

  function typeLabel(type) {
    var words = type.replace(/[-_]+/g, " ");
    return words.charAt(0).toUpperCase() + words.slice(1);
  }

  function el(name, cls, text) {
    var e = document.createElement(name);
    if (cls) {
      e.className = cls;
    }
    if (text) {
      e.textContent = text;
    }
    return e;
  }

  /* A result: the same markup as index.xsl gives a document in a list. */
  function entry(d, info) {
    var li = el("li");
    li.setAttribute("data-doc", String(d));
    var article = el("article");
    var h3 = el("h3");
    var a = el("a", "", info[1]);
    a.href = info[0];
    h3.appendChild(a);
    article.appendChild(h3);
    var meta = el("p", "doc-meta");
    var parts = [];
    if (info[2]) {
      var time = el("time", "", info[2]);
      if (info[3]) {
        time.setAttribute("datetime", info[3]);
      }
      meta.appendChild(time);
    }
    if (info[4]) {
      parts.push(typeLabel(info[4]));
    }
    if (info[5].length || info[6].length) {
      parts.push(info[5].join(", ") + (info[6].length ? " to " + info[6].join(", ") : ""));
    }
    if (info[7]) {
      parts.push(info[7]);
    }
    if (parts.length) {
      meta.appendChild(document.createTextNode((info[2] ? " · " : "") + parts.join(" · ")));
    }
    article.appendChild(meta);
    if (info[8]) {
      article.appendChild(el("p", "doc-summary", info[8]));
    }
    li.appendChild(article);
    return li;
  }

  function number(n) {
    return n.toLocaleString("en");
  }

  function start() {
    var form = document.querySelector("form.search");
    var input = document.getElementById("te-search");
    if (!form || !input) {
      return;
    }
    var fieldset = document.querySelector("fieldset.filters");
    var sort = document.getElementById("te-sort");
    var reset = document.getElementById("te-reset");
    var browse = document.querySelector(".browse");
    var years = document.querySelector("nav.years");
    var results = document.querySelector(".results");
    var list = results.querySelector("ol.results-list");
    var count = results.querySelector(".result-count");
    var prev = results.querySelector(".te-prev");
    var next = results.querySelector(".te-next");
    var selects = fieldset.querySelectorAll("select[data-filter]");
    var page = 0;
    var generation = 0;

    /* A large facet's names are loaded when its select is first used. */
    Array.prototype.forEach.call(fieldset.querySelectorAll("select[data-load]"), function (s) {
      var fill = function () {
        var name = s.getAttribute("data-load");
        if (!name) {
          return;
        }
        s.removeAttribute("data-load");
        load(name).then(function (f) {
          f.values.forEach(function (v, i) {
            var option = el("option", "", v + " (" + f.counts[i] + ")");
            option.value = v;
            s.appendChild(option);
          });
          s.setAttribute("data-loaded", "");
        });
      };
      ["focus", "pointerdown", "keydown"].forEach(function (type) {
        s.addEventListener(type, fill);
      });
    });

    function update() {
      var mine = ++generation;
      var q = input.value;
      var filters = [];
      for (var i = 0; i < selects.length; i++) {
        if (selects[i].value) {
          filters.push(filterTest(selects[i].getAttribute("data-filter"), selects[i].value));
        }
      }
      var searching = !!(fold(q).match(TOKEN)) || filters.length > 0 || sort.value !== "date";
      if (!searching) {
        results.hidden = true;
        browse.hidden = false;
        if (years) {
          years.hidden = false;
        }
        done(q);
        return;
      }
      var titleOrder = sort.value === "title" ? load("order-title") : Promise.resolve(null);
      Promise.all([search(q), Promise.all(filters), titleOrder]).then(function (got) {
        if (mine !== generation) {
          return null;
        }
        var scores = got[0];
        var tests = got[1];
        var order = [];
        var d;
        if (scores) {
          scores.forEach(function (s, doc) { order.push(doc); });
          order.sort(function (a, b) { return a - b; });
        } else {
          for (d = 0; d < cat.docs; d++) {
            order.push(d);
          }
        }
        order = order.filter(function (doc) {
          return tests.every(function (t) { return t(doc); });
        });
        if (sort.value === "date-desc") {
          order.reverse();
        } else if (sort.value === "title") {
          var t = got[2];
          order.sort(function (a, b) { return code(t.codes, t.width, a) - code(t.codes, t.width, b); });
        } else if (scores) {
          /* with a query, the best matches first; ties stay in date order */
          order.sort(function (a, b) { return scores.get(b) - scores.get(a) || a - b; });
        }
        var pages = Math.max(1, Math.ceil(order.length / cat.results));
        page = Math.min(page, pages - 1);
        var shown = order.slice(page * cat.results, (page + 1) * cat.results);
        var blocks = [];
        shown.forEach(function (doc) {
          var b = Math.floor(doc / cat.block);
          if (blocks.indexOf(b) === -1) {
            blocks.push(b);
          }
        });
        return Promise.all(blocks.map(function (b) { return load("d-" + b); })).then(function () {
          if (mine !== generation) {
            return;
          }
          list.textContent = "";
          shown.forEach(function (doc) {
            var info = loaded["d-" + Math.floor(doc / cat.block)][doc % cat.block];
            list.appendChild(entry(doc, info));
          });
          var total = cat.docs;
          var text = order.length === total ? (total === 1 ? "1 document." : "All " + number(total) + " documents.")
            : number(order.length) + " of " + number(total) + " documents" + (scores ? " match." : ".");
          if (pages > 1) {
            text += " Showing " + number(page * cat.results + 1) + "–"
              + number(page * cat.results + shown.length) + ".";
          }
          count.textContent = text;
          prev.disabled = page === 0;
          next.disabled = page >= pages - 1;
          prev.parentNode.hidden = pages < 2;
          browse.hidden = true;
          if (years) {
            years.hidden = true;
          }
          results.hidden = false;
          done(q);
        });
      }).catch(function (error) {
        count.textContent = "The search could not load its index (" + error.message + ").";
        results.hidden = false;
        done(q);
      });
    }

    /* What is shown is up to date: the query it shows, and a count of the updates (a
       test or the bench waits for it to grow). */
    function done(q) {
      list.setAttribute("data-query", q);
      form.setAttribute("data-updates", String(Number(form.getAttribute("data-updates") || 0) + 1));
    }

    function changed() {
      page = 0;
      update();
    }

    var timer = null;
    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(changed, 60);
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      changed();
    });
    fieldset.addEventListener("change", changed);
    prev.addEventListener("click", function () {
      page = Math.max(0, page - 1);
      update();
    });
    next.addEventListener("click", function () {
      page += 1;
      update();
    });
    reset.addEventListener("click", function () {
      input.value = "";
      for (var i = 0; i < selects.length; i++) {
        selects[i].value = "";
      }
      sort.value = "date";
      changed();
      input.focus();
    });

    load("catalogue").then(function (data) {
      cat = data;
      form.hidden = false;
      fieldset.hidden = false;
      changed();
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}());
