/* The glossary's only script: search as you type, a language switcher that keeps the permalink,
   and the filters of the alignment view. No framework and nothing from the network: the search
   data is a script (assets/search-data.js) loaded on first use, which also works from file://.
   The search itself (folding, ranking, why a result was found) needs no page: the tests run it
   in Node too, on the rules and data the Python side makes. */
(() => {
  "use strict";

  // Folding: the same steps as search_key() in termbase/render/html/search_index.py. ------------

  const MARKS = /\p{M}/gu;
  const SEPARATORS = /[^\p{L}\p{N}]+/gu;

  const SHORT_I = "\ue000"; // й keeps its breve: it stands in for it while marks go

  const searchKey = (text) => {
    const folded = text.normalize("NFKC").toLowerCase().replaceAll("ё", "е");
    const bare = folded.replaceAll("й", SHORT_I).normalize("NFD").replace(MARKS, "");
    return bare.normalize("NFC").replaceAll(SHORT_I, "й").replace(SEPARATORS, " ").trim();
  };

  // English plurals read as singulars ("models" finds "model"), by the rules of singular() in
  // termbase/languages.py, whose data (SEARCH_RULES) the page carries; only Latin words are
  // English.
  const singularBy = (english) => (word) => {
    if (!/^[a-z]+$/.test(word)) return word;
    if (Object.hasOwn(english.irregular, word)) return english.irregular[word];
    if (word.length <= 3 || english.keep.some((end) => word.endsWith(end)) || !word.endsWith("s")) {
      return word;
    }
    if (word.endsWith("ies") && word.length > 4) return `${word.slice(0, -3)}y`;
    if (english.es.some((end) => word.endsWith(end))) return word.slice(0, -2);
    return word.slice(0, -1);
  };

  // Search data ---------------------------------------------------------------------------------

  const compact = (key) => key.replaceAll(" ", "");

  // A concept's terms: [language index, status, type, text, key] and, for Chinese, [reading,
  // reading keys, initials]; its stems: [term index, the stems of its words] of its Russian
  // terms (see termbase/render/html/search_index.py).
  const [LANG, STATUS, TYPE, TEXT, KEY, READING, READING_KEYS, INITIALS] = [0, 1, 2, 3, 4, 5, 6, 7];

  // The concepts of the search data, in dictionary order of the UI language (`uiIndex`): the
  // order of equally good matches.
  const prepare = (raw, uiIndex) => {
    const entries = raw.concepts.map(([id, terms, definitions, ranks, stems = []]) => {
      const keys = [];
      const owners = []; // the term each key belongs to
      const spoken = []; // whether the key is a pinyin reading, not the term's text
      const initials = []; // [initials, term]
      terms.forEach((term, index) => {
        keys.push(term[KEY]);
        owners.push(index);
        spoken.push(false);
        for (const key of term[READING_KEYS] || []) {
          keys.push(key);
          owners.push(index);
          spoken.push(true);
        }
        if (term[INITIALS]) initials.push([term[INITIALS], index]);
      });
      const packedKeys = keys.map(compact);
      return {
        id,
        terms,
        keys,
        owners,
        spoken,
        initials,
        packedKeys,
        spaced: keys.join("\u0001"),
        packed: packedKeys.join("\u0001"),
        definitions,
        rank: ranks[uiIndex],
        stems: stems.map(([term, words]) => [term, words.split(" ")]),
      };
    });
    return entries.sort((a, b) => a.rank - b.rank);
  };

  // 的 between Chinese characters is left out (预训练的模型 finds 预训练模型), as qa reads it.
  const withoutParticle = (text) => text.replace(/([\u3400-\u9fff])的(?=[\u3400-\u9fff])/g, "$1");

  const parse = (text, singular) => {
    const words = searchKey(withoutParticle(text)).split(" ").filter(Boolean).map(singular);
    if (!words.length) return null;
    const packed = words.join("");
    // One word of two or more Latin letters may be pinyin initials (sjwl: shénjīng wǎngluò).
    const initials = words.length === 1 && /^[a-z]{2,}$/.test(packed);
    return { phrase: words.join(" "), packed, words, initials };
  };

  // Whether the words typed are a Russian term's words inflected: each starts with the stem of
  // the term's word at its place, the last one typed may also be unfinished.
  const stemsMatch = (words, stems) => {
    const typing = words.length - 1;
    return words.every(
      (word, w) => word.startsWith(stems[w]) || (w === typing && stems[w].startsWith(word)),
    );
  };

  // How well a concept matches, as a bucket, best first: 0 a whole term, 2 a term's start, 4 a
  // word's start in a term, 6 inside a term; the odd buckets are the same matches on a pinyin
  // reading or its initials, one step behind, so that a Latin query equal to a term or an
  // abbreviation ("GAN") comes before a Chinese term whose pinyin has it (qínggǎn); 8 every
  // word in its terms, 9 the phrase in a definition, 10 every word somewhere. Terms are also
  // compared without spaces, for pinyin typed as one word. `how` says what matched.
  const BUCKETS = 11;

  const rank = (entry, query) => {
    let best = null;
    const better = (bucket) => !best || bucket < best.bucket;
    if (entry.packed.includes(query.packed)) {
      for (let i = 0; i < entry.keys.length && !(best && best.bucket === 0); i++) {
        const packed = entry.packedKeys[i];
        let level = -1;
        if (packed === query.packed) level = 0;
        else if (packed.startsWith(query.packed)) level = 1;
        else if (` ${entry.keys[i]}`.includes(` ${query.phrase}`)) level = 2;
        else if (packed.includes(query.packed)) level = 3;
        const bucket = 2 * level + (entry.spoken[i] ? 1 : 0);
        if (level >= 0 && better(bucket)) {
          best = { bucket, term: entry.owners[i], how: entry.spoken[i] ? "pinyin" : "term" };
        }
      }
    }
    if (query.initials) {
      for (const [initials, term] of entry.initials) {
        const bucket = initials === query.packed ? 1 : initials.startsWith(query.packed) ? 3 : -1;
        if (bucket >= 0 && better(bucket)) best = { bucket, term, how: "initials" };
      }
    }
    if (best) return best;
    // A Russian term inflected (тонкой настройки, трансформеров): all of its words is the whole
    // term, fewer its start.
    for (const [term, stems] of entry.stems) {
      if (query.words.length > stems.length || !stemsMatch(query.words, stems)) continue;
      const bucket = query.words.length === stems.length ? 0 : 2;
      if (better(bucket)) best = { bucket, term, how: "term" };
    }
    if (best) return best;
    if (query.words.every((word) => entry.spaced.includes(word))) {
      return { bucket: 8, term: -1, how: "terms" };
    }
    if (entry.definitions.includes(query.phrase)) return { bucket: 9, term: -1, how: "definition" };
    const somewhere = (word) => entry.spaced.includes(word) || entry.definitions.includes(word);
    return query.words.every(somewhere) ? { bucket: 10, term: -1, how: "words" } : null;
  };

  // A search function that remembers its last search, for the next keystroke: a query that
  // extends it (its phrase starts with the last one's) can only match what the last one
  // matched, so only those are ranked again. Matches come best first: entries are already in
  // dictionary order (see prepare), so putting each match in the bucket of its level keeps that
  // order within a level without sorting.
  const searcher = (singular) => {
    let last = null;
    return (entries, text) => {
      const query = parse(text, singular);
      if (!query) return [];
      const extending = last && last.entries === entries && query.phrase.startsWith(last.phrase);
      const pool = extending ? last.matched : entries;
      const levels = Array.from({ length: BUCKETS }, () => []);
      const matched = [];
      for (const entry of pool) {
        const match = rank(entry, query);
        if (match) {
          matched.push(entry);
          levels[match.bucket].push({ ...match, entry });
        }
      }
      last = { entries, phrase: query.phrase, matched };
      return levels.flat();
    };
  };

  // What a result was found by, as a key of the page's `reasons`: a term that is an
  // abbreviation or an acronym is an "abbreviation".
  const foundBy = (hit) => {
    const term = hit.term >= 0 ? hit.entry.terms[hit.term] : null;
    const short = term && (term[TYPE] === "b" || term[TYPE] === "c");
    return hit.how === "term" && short ? "abbreviation" : hit.how;
  };

  // For the tests, which run the search in Node, where there is no page.
  globalThis.termbaseSearch = { searchKey, singularBy, prepare, searcher, foundBy };
  if (typeof document === "undefined") return;

  const strings = JSON.parse(document.getElementById("_strings").textContent);
  const plurals = new Intl.PluralRules(strings.lang);
  const uiIndex = strings.languages.indexOf(strings.lang);
  const search = searcher(singularBy(strings.english));

  // A plural message: the form for `count` (values.num unless given), `%(name)d` filled in.
  const format = (forms, values, count = values.num) => {
    const text = forms[plurals.select(count)] || forms.other || forms.many;
    return text.replace(/%\((\w+)\)d/g, (whole, name) => String(values[name]));
  };

  // Search data: loaded once, when someone first types. ------------------------------------------

  let data = null;
  let waiting = [];
  let loading = false;

  const withData = (callback, failed) => {
    if (data) {
      callback(data);
      return;
    }
    waiting.push(callback);
    if (loading) return;
    loading = true;
    const script = document.createElement("script");
    script.src = strings.data;
    script.onload = () => {
      data = prepare(window.TERMBASE_SEARCH, uiIndex);
      for (const next of waiting.splice(0)) next(data);
    };
    script.onerror = () => {
      loading = false;
      waiting = [];
      failed();
    };
    document.head.appendChild(script);
  };

  // The search box -------------------------------------------------------------------------------

  const element = (tag, className, text, lang) => {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    if (lang) node.lang = lang;
    return node;
  };

  const space = (parent) => parent.appendChild(document.createTextNode(" "));

  const appendReading = (parent, term) => {
    space(parent);
    parent.appendChild(element("i", "pinyin", term[READING], strings.pinyinLang));
  };

  // The preferred term of each language, the UI language first.
  const preferredTerms = (entry) => {
    const byLanguage = {};
    for (const term of entry.terms) if (term[STATUS] === "p") byLanguage[term[LANG]] = term;
    const others = strings.languages.map((lang, i) => i).filter((i) => i !== uiIndex);
    return [uiIndex, ...others].map((i) => byLanguage[i]).filter(Boolean);
  };

  const appendTerm = (parent, term, className) => {
    space(parent);
    parent.appendChild(element("span", className, term[TEXT], strings.languages[term[LANG]]));
    if (term[READING]) appendReading(parent, term);
  };

  // Why a concept was found: the kind of text that matched ("abbreviation", "pinyin", ...) and,
  // for a term, the term (with its status when it is not the preferred one).
  const reason = (hit, shown) => {
    const why = element("span", "result-why");
    const term = hit.term >= 0 ? hit.entry.terms[hit.term] : null;
    why.appendChild(element("span", "tag", strings.reasons[foundBy(hit)]));
    if (term && term[TEXT] !== shown) {
      appendTerm(why, term, null);
    } else if (term && term[READING] && hit.how !== "term") {
      appendReading(why, term);
    }
    if (term && term[STATUS] !== "p") {
      space(why);
      why.appendChild(element("span", "tag", strings.statuses[term[STATUS]]));
    }
    return why;
  };

  // A result: the concept's name as a link, its other preferred terms (each text once), and why
  // it was found.
  const resultItem = (hit) => {
    const item = element("li");
    const terms = preferredTerms(hit.entry);
    const main = terms[0] || [uiIndex, "p", "f", hit.entry.id, hit.entry.id];
    const link = element("a", "result-name", main[TEXT], strings.languages[main[LANG]]);
    link.href = `index.html#${hit.entry.id}`;
    item.appendChild(link);
    if (main[READING]) appendReading(item, main);
    const shown = new Set([main[TEXT]]);
    for (const term of terms.slice(1)) {
      if (shown.has(term[TEXT])) continue;
      shown.add(term[TEXT]);
      appendTerm(item, term, "result-term");
    }
    space(item);
    item.appendChild(reason(hit, main[TEXT]));
    return item;
  };

  const setUpSearch = () => {
    const box = document.getElementById("_search");
    if (!box) return;
    const input = document.getElementById("_q");
    const list = document.getElementById("_results");
    const status = document.getElementById("_q-status");
    box.hidden = false;

    const show = (found) => {
      list.textContent = "";
      for (const hit of found.slice(0, strings.max)) list.appendChild(resultItem(hit));
      list.hidden = found.length === 0;
      let text = found.length ? format(strings.results, { num: found.length }) : strings.noResults;
      if (found.length > strings.max) text += ` ${strings.cut}`;
      status.textContent = text;
    };

    const update = () => {
      const text = input.value;
      if (!searchKey(text)) {
        list.textContent = "";
        list.hidden = true;
        status.textContent = "";
        return;
      }
      withData(
        (entries) => {
          if (input.value === text) show(search(entries, text));
        },
        () => {
          status.textContent = strings.loadFailed;
        },
      );
    };

    input.addEventListener("input", update);
    input.addEventListener("focus", () => withData(() => {}, () => {}));
    input.addEventListener("keydown", (event) => {
      if (event.key === "Enter") {
        const first = list.querySelector("a");
        if (first) first.click();
        event.preventDefault();
      } else if (event.key === "Escape") {
        input.value = "";
        update();
      }
    });
    if (input.value) update();
  };

  // The language switcher keeps the concept you are looking at. ---------------------------------

  const setUpSwitcher = () => {
    for (const link of document.querySelectorAll(".switcher a")) {
      link.addEventListener("click", () => {
        const id = decodeURIComponent(location.hash.slice(1));
        // Concept ids are the same in every language; other anchors (index letters) are not.
        if (id && !id.startsWith("_")) link.hash = location.hash;
        // The alignment view's filters, which are the same in every language, go along.
        if (document.getElementById("_filters")) link.search = location.search;
      });
    }
  };

  // The alignment view's filters ------------------------------------------------------------------

  const hasWord = (list, word) => ` ${list} `.includes(` ${word} `);

  // The filters and the display options live in the address (alignment.html?problems=1&
  // missing=zh-Hans&definitions=1), so that a filtered view can be shared or bookmarked.
  const CHECKBOXES = ["problems", "definitions"];
  const LANGUAGE_FILTERS = ["missing", "own", "unattested", "less"];
  const CHOICES = [...LANGUAGE_FILTERS, "code", "domain", "q"];

  const setUpFilters = () => {
    const form = document.getElementById("_filters");
    if (!form) return;
    const rows = [...document.querySelectorAll("tr.row")];
    const table = document.querySelector("table.alignment");
    const status = document.getElementById("_rows");
    const fields = form.elements;
    let matching = null;

    // A row's languages a filter names (missing="ru zh-Hans"): any of them ("*"), or one; an
    // empty choice, no filter.
    const inLanguage = (name, languages) => {
      const choice = fields[name].value;
      return !choice || (choice === "*" ? Boolean(languages) : hasWord(languages, choice));
    };

    const keep = (row) => {
      const d = row.dataset;
      if (fields.problems.checked && !d.severity) return false;
      if (!LANGUAGE_FILTERS.every((name) => inLanguage(name, d[name]))) return false;
      if (fields.code.value && !hasWord(d.codes, fields.code.value)) return false;
      if (fields.domain.value && d.domain !== fields.domain.value) return false;
      return !matching || matching.has(row.id);
    };

    const apply = () => {
      let shown = 0;
      for (const row of rows) {
        const visible = keep(row);
        row.hidden = !visible;
        if (visible) shown += 1;
      }
      table.classList.toggle("with-definitions", fields.definitions.checked);
      status.textContent = format(strings.rows, { num: shown, total: rows.length }, rows.length);
    };

    const remember = () => {
      const params = new URLSearchParams();
      for (const name of CHECKBOXES) if (fields[name].checked) params.set(name, "1");
      for (const name of CHOICES) if (fields[name].value) params.set(name, fields[name].value);
      const query = params.toString();
      const address = location.pathname + (query ? `?${query}` : "") + location.hash;
      history.replaceState(null, "", address);
    };

    const filterText = () => {
      const text = fields.q.value;
      if (!searchKey(text)) {
        matching = null;
        apply();
        return;
      }
      withData(
        (entries) => {
          if (fields.q.value !== text) return;
          matching = new Set(search(entries, text).map((hit) => hit.entry.id));
          apply();
        },
        () => {
          status.textContent = strings.loadFailed;
        },
      );
    };

    new URLSearchParams(location.search).forEach((value, name) => {
      const field = fields[name];
      if (!field || !(CHECKBOXES.includes(name) || CHOICES.includes(name))) return;
      if (field.type === "checkbox") field.checked = value !== "" && value !== "0";
      else field.value = value;
    });
    form.hidden = false;
    form.addEventListener("change", (event) => {
      if (event.target !== fields.q) apply();
      remember();
    });
    fields.q.addEventListener("input", () => {
      filterText();
      remember();
    });
    form.addEventListener("submit", (event) => event.preventDefault());
    if (searchKey(fields.q.value)) filterText();
    else apply();
  };

  setUpSearch();
  setUpSwitcher();
  setUpFilters();
})();
