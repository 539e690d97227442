/* The glossary's only script: search as you type, a language switcher that keeps the permalink,
   and the filters of the alignment view. No framework and nothing from the network: the search
   data is a script (assets/search-data.js) loaded on first use, which also works from file://. */
(function () {
  "use strict";

  var strings = JSON.parse(document.getElementById("_strings").textContent);
  var plurals = new Intl.PluralRules(strings.lang);
  var uiIndex = strings.languages.indexOf(strings.lang);

  // A plural message: the form for `count` (values.num unless given), `%(name)d` filled in.
  function format(forms, values, count) {
    var n = count === undefined ? values.num : count;
    var text = forms[plurals.select(n)] || forms.other || forms.many;
    return text.replace(/%\((\w+)\)d/g, function (whole, name) {
      return String(values[name]);
    });
  }

  // The same steps as search_key() in termbase/render/html/search_index.py.
  var MARKS = /\p{M}/gu;
  var SEPARATORS = /[^\p{L}\p{N}]+/gu;
  function searchKey(text) {
    var folded = text.normalize("NFKC").toLowerCase().replace(/ё/g, "е").replace(/й/g, "\ue000");
    folded = folded.normalize("NFD").replace(MARKS, "").normalize("NFC").replace(/\ue000/g, "й");
    return folded.replace(SEPARATORS, " ").trim();
  }

  // Search data: loaded once, when someone first types. ------------------------------------

  var data = null;
  var waiting = [];
  var loading = false;

  function withData(callback, failed) {
    if (data) {
      callback(data);
      return;
    }
    waiting.push(callback);
    if (loading) return;
    loading = true;
    var script = document.createElement("script");
    script.src = strings.data;
    script.onload = function () {
      data = prepare(window.TERMBASE_SEARCH);
      waiting.splice(0).forEach(function (next) {
        next(data);
      });
    };
    script.onerror = function () {
      loading = false;
      waiting = [];
      failed();
    };
    document.head.appendChild(script);
  }

  function compact(key) {
    return key.replace(/ /g, "");
  }

  // A concept's terms: [language index, status, type, text, key] and, for Chinese, [reading,
  // reading keys, initials] (see termbase/render/html/search_index.py).
  var TEXT = 3, KEY = 4, READING = 5, READING_KEYS = 6, INITIALS = 7;

  function prepare(raw) {
    var entries = raw.concepts.map(function (item) {
      var keys = [];
      var owners = []; // the term each key belongs to
      var spoken = []; // whether the key is a pinyin reading, not the term's text
      var initials = []; // [initials, term]
      item[1].forEach(function (term, index) {
        keys.push(term[KEY]);
        owners.push(index);
        spoken.push(false);
        (term[READING_KEYS] || []).forEach(function (key) {
          keys.push(key);
          owners.push(index);
          spoken.push(true);
        });
        if (term[INITIALS]) initials.push([term[INITIALS], index]);
      });
      var packed = keys.map(compact);
      return {
        id: item[0],
        terms: item[1],
        keys: keys,
        owners: owners,
        spoken: spoken,
        initials: initials,
        packedKeys: packed,
        spaced: keys.join("\u0001"),
        packed: packed.join("\u0001"),
        definitions: item[2],
        rank: item[3][uiIndex],
        stems: (item[4] || []).map(function (pair) {
          return [pair[0], pair[1].split(" ")];
        })
      };
    });
    // In dictionary order of the UI language, the order of equally good matches.
    return entries.sort(function (a, b) {
      return a.rank - b.rank;
    });
  }

  // English plurals read as singulars ("models" finds "model"), by the rules of singular() in
  // termbase/languages.py, whose data the page carries; only Latin words are English.
  var english = strings.english;
  function endsWithAny(word, endings) {
    return endings.some(function (ending) {
      return word.slice(-ending.length) === ending;
    });
  }
  function singular(word) {
    if (!/^[a-z]+$/.test(word)) return word;
    if (Object.prototype.hasOwnProperty.call(english.irregular, word)) return english.irregular[word];
    if (word.length <= 3 || endsWithAny(word, english.keep) || word.slice(-1) !== "s") return word;
    if (word.slice(-3) === "ies" && word.length > 4) return word.slice(0, -3) + "y";
    if (endsWithAny(word, english.es)) return word.slice(0, -2);
    return word.slice(0, -1);
  }

  // 的 between Chinese characters is left out (预训练的模型 finds 预训练模型), as qa reads it.
  function withoutParticle(text) {
    return text.replace(/([\u3400-\u9fff])的(?=[\u3400-\u9fff])/g, "$1");
  }

  function parse(text) {
    var words = searchKey(withoutParticle(text)).split(" ").filter(Boolean).map(singular);
    if (!words.length) return null;
    var packed = words.join("");
    // One word of two or more Latin letters may be pinyin initials (sjwl: shénjīng wǎngluò).
    var initials = words.length === 1 && /^[a-z]{2,}$/.test(packed);
    return { phrase: words.join(" "), packed: packed, words: words, initials: initials };
  }

  function stemsMatch(words, stems) {
    for (var w = 0; w < words.length; w++) {
      var typing = w === words.length - 1 && stems[w].indexOf(words[w]) === 0;
      if (words[w].indexOf(stems[w]) !== 0 && !typing) return false;
    }
    return true;
  }

  function containsAll(text, words) {
    for (var i = 0; i < words.length; i++) {
      if (text.indexOf(words[i]) < 0) return false;
    }
    return true;
  }

  // How well a concept matches, as a bucket, best first: 0 a whole term, 2 a term's start, 4 a
  // word's start in a term, 6 inside a term; the odd buckets are the same matches on a pinyin
  // reading or its initials, one step behind, so that a Latin query equal to a term or an
  // abbreviation ("GAN") comes before a Chinese term whose pinyin has it (qínggǎn); 8 every
  // word in its terms, 9 the phrase in a definition, 10 every word somewhere. Terms are also
  // compared without spaces, for pinyin typed as one word. `how` says what matched.
  var BUCKETS = 11;

  function rank(entry, query) {
    var best = null;
    if (entry.packed.indexOf(query.packed) >= 0) {
      for (var i = 0; i < entry.keys.length && !(best && best.bucket === 0); i++) {
        var packed = entry.packedKeys[i];
        var level = -1;
        if (packed === query.packed) level = 0;
        else if (packed.indexOf(query.packed) === 0) level = 1;
        else if ((" " + entry.keys[i]).indexOf(" " + query.phrase) >= 0) level = 2;
        else if (packed.indexOf(query.packed) >= 0) level = 3;
        var bucket = 2 * level + (entry.spoken[i] ? 1 : 0);
        if (level >= 0 && (!best || bucket < best.bucket)) {
          best = { bucket: bucket, term: entry.owners[i], how: entry.spoken[i] ? "pinyin" : "term" };
        }
      }
    }
    if (query.initials) {
      entry.initials.forEach(function (pair) {
        var bucket = pair[0] === query.packed ? 1 : pair[0].indexOf(query.packed) === 0 ? 3 : -1;
        if (bucket >= 0 && (!best || bucket < best.bucket)) {
          best = { bucket: bucket, term: pair[1], how: "initials" };
        }
      });
    }
    if (best) return best;
    // A Russian term inflected (тонкой настройки, трансформеров): each word typed starts with
    // the stem of the term's word at its place (the last may be unfinished); all of its words
    // is the whole term, fewer its start.
    for (var s = 0; s < entry.stems.length; s++) {
      var stems = entry.stems[s][1];
      if (query.words.length > stems.length || !stemsMatch(query.words, stems)) continue;
      var bucket = query.words.length === stems.length ? 0 : 2;
      if (!best || bucket < best.bucket) best = { bucket: bucket, term: entry.stems[s][0], how: "term" };
    }
    if (best) return best;
    if (containsAll(entry.spaced, query.words)) return { bucket: 8, term: -1, how: "terms" };
    if (entry.definitions.indexOf(query.phrase) >= 0) {
      return { bucket: 9, term: -1, how: "definition" };
    }
    for (var w = 0; w < query.words.length; w++) {
      var word = query.words[w];
      if (entry.spaced.indexOf(word) < 0 && entry.definitions.indexOf(word) < 0) return null;
    }
    return { bucket: 10, term: -1, how: "words" };
  }

  // The last search, for the next keystroke: a query that extends it (its phrase starts with
  // the last one's) can only match what the last one matched, so only those are ranked again.
  var last = null;

  // Matches, best first: entries are already in dictionary order (see prepare), so putting
  // each match in the bucket of its level keeps that order within a level without sorting.
  function search(entries, text) {
    var query = parse(text);
    if (!query) return [];
    var extends_ = last && last.entries === entries && query.phrase.indexOf(last.phrase) === 0;
    var pool = extends_ ? last.matched : entries;
    var levels = [];
    for (var b = 0; b < BUCKETS; b++) levels.push([]);
    var matched = [];
    for (var i = 0; i < pool.length; i++) {
      var match = rank(pool[i], query);
      if (match) {
        matched.push(pool[i]);
        match.entry = pool[i];
        levels[match.bucket].push(match);
      }
    }
    last = { entries: entries, phrase: query.phrase, matched: matched };
    return [].concat.apply([], levels);
  }

  // The search box -----------------------------------------------------------------------------

  function element(tag, className, text, lang) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    if (lang) node.lang = lang;
    return node;
  }

  // The preferred term of each language, the UI language first.
  function preferredTerms(entry) {
    var byLanguage = {};
    entry.terms.forEach(function (term) {
      if (term[1] === "p") byLanguage[term[0]] = term;
    });
    var order = [uiIndex].concat(
      strings.languages.map(function (l, i) { return i; }).filter(function (i) { return i !== uiIndex; })
    );
    return order.map(function (i) { return byLanguage[i]; }).filter(Boolean);
  }

  function appendTerm(parent, term, className) {
    parent.appendChild(document.createTextNode(" "));
    parent.appendChild(element("span", className, term[TEXT], strings.languages[term[0]]));
    if (term[READING]) {
      parent.appendChild(document.createTextNode(" "));
      parent.appendChild(element("i", "pinyin", term[READING], strings.pinyinLang));
    }
  }

  // Why a concept was found: the kind of text that matched ("abbreviation", "pinyin", ...) and,
  // for a term, the term (with its status when it is not the preferred one).
  function reason(hit, shown) {
    var why = element("span", "result-why");
    var term = hit.term >= 0 ? hit.entry.terms[hit.term] : null;
    var kind = hit.how;
    if (kind === "term" && (term[2] === "b" || term[2] === "c")) kind = "abbreviation";
    why.appendChild(element("span", "tag", strings.reasons[kind]));
    if (term && term[TEXT] !== shown) {
      appendTerm(why, term, null);
    } else if (term && term[READING] && hit.how !== "term") {
      why.appendChild(document.createTextNode(" "));
      why.appendChild(element("i", "pinyin", term[READING], strings.pinyinLang));
    }
    if (term && term[1] !== "p") {
      why.appendChild(document.createTextNode(" "));
      why.appendChild(element("span", "tag", strings.statuses[term[1]]));
    }
    return why;
  }

  // A result: the concept's name as a link, its other preferred terms (each text once), and why
  // it was found.
  function resultItem(hit) {
    var item = element("li");
    var terms = preferredTerms(hit.entry);
    var main = terms[0] || [uiIndex, "p", "f", hit.entry.id, hit.entry.id];
    var link = element("a", "result-name", main[TEXT], strings.languages[main[0]]);
    link.href = "index.html#" + hit.entry.id;
    item.appendChild(link);
    if (main[READING]) {
      item.appendChild(document.createTextNode(" "));
      item.appendChild(element("i", "pinyin", main[READING], strings.pinyinLang));
    }
    var shown = [main[TEXT]];
    terms.slice(1).forEach(function (term) {
      if (shown.indexOf(term[TEXT]) >= 0) return;
      shown.push(term[TEXT]);
      appendTerm(item, term, "result-term");
    });
    item.appendChild(document.createTextNode(" "));
    item.appendChild(reason(hit, main[TEXT]));
    return item;
  }

  function setUpSearch() {
    var box = document.getElementById("_search");
    if (!box) return;
    var input = document.getElementById("_q");
    var list = document.getElementById("_results");
    var status = document.getElementById("_q-status");
    box.hidden = false;

    function show(found) {
      list.textContent = "";
      found.slice(0, strings.max).forEach(function (hit) {
        list.appendChild(resultItem(hit));
      });
      list.hidden = found.length === 0;
      var text = found.length ? format(strings.results, { num: found.length }) : strings.noResults;
      if (found.length > strings.max) text += " " + strings.cut;
      status.textContent = text;
    }

    function update() {
      var text = input.value;
      if (!searchKey(text)) {
        list.textContent = "";
        list.hidden = true;
        status.textContent = "";
        return;
      }
      withData(
        function (entries) {
          if (input.value === text) show(search(entries, text));
        },
        function () {
          status.textContent = strings.loadFailed;
        }
      );
    }

    input.addEventListener("input", update);
    input.addEventListener("focus", function () {
      withData(function () {}, function () {});
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        var first = list.querySelector("a");
        if (first) first.click();
        event.preventDefault();
      } else if (event.key === "Escape") {
        input.value = "";
        update();
      }
    });
    if (input.value) update();
  }

  // The language switcher keeps the concept you are looking at. ---------------------------------

  function setUpSwitcher() {
    document.querySelectorAll(".switcher a").forEach(function (link) {
      link.addEventListener("click", function () {
        var id = decodeURIComponent(location.hash.slice(1));
        // Concept ids are the same in every language; other anchors (index letters) are not.
        if (id && id.charAt(0) !== "_") link.hash = location.hash;
        // The alignment view's filters, which are the same in every language, go along.
        if (document.getElementById("_filters")) link.search = location.search;
      });
    });
  }

  // The alignment view's filters ------------------------------------------------------------------

  function hasWord(list, word) {
    return (" " + list + " ").indexOf(" " + word + " ") >= 0;
  }

  // The filters and the display options live in the address (alignment.html?problems=1&
  // missing=zh-Hans&definitions=1), so that a filtered view can be shared or bookmarked.
  var CHECKBOXES = ["problems", "definitions"];
  var LANGUAGE_FILTERS = ["missing", "own", "unattested", "less"];
  var CHOICES = LANGUAGE_FILTERS.concat(["code", "domain", "q"]);

  function setUpFilters() {
    var form = document.getElementById("_filters");
    if (!form) return;
    var rows = Array.prototype.slice.call(document.querySelectorAll("tr.row"));
    var table = document.querySelector("table.alignment");
    var status = document.getElementById("_rows");
    var fields = form.elements;
    var matching = null;

    // A row's languages a filter names (missing="ru zh-Hans"): any of them ("*"), or one.
    function inLanguage(name, languages) {
      var chosen = fields[name].value;
      return !chosen || (chosen === "*" ? !!languages : hasWord(languages, chosen));
    }

    function keep(row) {
      var d = row.dataset;
      if (fields.problems.checked && !d.severity) return false;
      if (!LANGUAGE_FILTERS.every(function (name) { return inLanguage(name, d[name]); })) return false;
      if (fields.code.value && !hasWord(d.codes, fields.code.value)) return false;
      if (fields.domain.value && d.domain !== fields.domain.value) return false;
      return !matching || matching.has(row.id);
    }

    function apply() {
      var shown = 0;
      rows.forEach(function (row) {
        var visible = keep(row);
        row.hidden = !visible;
        if (visible) shown += 1;
      });
      table.classList.toggle("with-definitions", fields.definitions.checked);
      status.textContent = format(strings.rows, { num: shown, total: rows.length }, rows.length);
    }

    function remember() {
      var params = new URLSearchParams();
      CHECKBOXES.forEach(function (name) {
        if (fields[name].checked) params.set(name, "1");
      });
      CHOICES.forEach(function (name) {
        if (fields[name].value) params.set(name, fields[name].value);
      });
      var query = params.toString();
      history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
    }

    function filterText() {
      var text = fields.q.value;
      if (!searchKey(text)) {
        matching = null;
        apply();
        return;
      }
      withData(
        function (entries) {
          if (fields.q.value !== text) return;
          matching = new Set(search(entries, text).map(function (hit) { return hit.entry.id; }));
          apply();
        },
        function () {
          status.textContent = strings.loadFailed;
        }
      );
    }

    new URLSearchParams(location.search).forEach(function (value, name) {
      var field = fields[name];
      if (!field || (CHECKBOXES.indexOf(name) < 0 && CHOICES.indexOf(name) < 0)) return;
      if (field.type === "checkbox") field.checked = value !== "" && value !== "0";
      else field.value = value;
    });
    form.hidden = false;
    form.addEventListener("change", function (event) {
      if (event.target !== fields.q) apply();
      remember();
    });
    fields.q.addEventListener("input", function () {
      filterText();
      remember();
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
    });
    if (searchKey(fields.q.value)) filterText();
    else apply();
  }

  // For the tests, which compare these rules with the Python ones on shared tables.
  window.termbaseSearchKey = searchKey;
  window.termbaseSingular = singular;

  setUpSearch();
  setUpSwitcher();
  setUpFilters();
})();
