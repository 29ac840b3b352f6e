/* Search that answers questions typed in the reader's own words ("does dry needling hurt").
 *
 * Material's search ORs every word with a prefix wildcard, so "to" matches "touch", "does"
 * matches "doesn't" and the few words that matter drown. This script sits between Material's
 * search box and its search worker (lunr) and changes two messages:
 *
 * - the question, on its way to the worker: small common words ("does", "how", "my") are left
 *   out; each other word is matched whole, through the index's stemmer (`word^10`: Material adds
 *   no wildcard to a word with a boost), so "hurts" finds "hurt" but "to" never finds "touch";
 *   the last word, while it is being typed, also matches as the start of a word; and the
 *   reader's words bring the guide's words from data/search_terms.yml ("price" also looks for
 *   "cost"), which guide/search_terms.py puts into the search index's config at build time; a
 *   long word the guide never uses is taken for a typo and also asks for the guide's words one
 *   letter away ("acupunture": acupuncture);
 * - the results, on their way back: re-ranked by how much of the question each section and
 *   page answers, and by each whole page's BM25F score (see rerank), and each result's link
 *   carries the words marked in its snippet (?h=...), so the page it opens highlights them, a
 *   page title's too (Material left it empty).
 *
 * The guide's words and the pages' word counts are read from the search index that Material
 * sends its worker (the setup message), once, when the first question needs them.
 *
 * It loads only when search is opened: lazy-search.js (hosted) and iframe-worker.js (offline
 * copy) load it before they start the worker, and pass each message through
 * GuideSearch.message and GuideSearch.reply. tests/browser/test_search_quality.py and
 * bench/search_quality measure it on the questions of tests/search_questions.yml. */
(function () {
  "use strict";
  // Material's message types (integrations/search/worker/message): 0 setup, 2 query, 3 result.
  var SETUP = 0, QUERY = 2, RESULT = 3;
  // Words that say nothing about the topic, in each language the guide is written in (the
  // search index's config.lang picks one), compared without accents ("qué" is "que").
  // Negations ("not", "no", "sin") and "after"/"before" ("después"/"antes") stay: they change
  // what is asked.
  var STOP_WORDS = {
    en: "a about am an and any anything are as at be been being but by can could did do does doing " +
      "dont doesnt for from get got had has have having he her him his how i if im in into is it " +
      "its ive just me my myself of on or our she should so some something such than that thats " +
      "the their them then there these they this those to too us very was we were what whats when " +
      "where which who whom why will with would you your yours",
    es: "a al algo algun alguna algunas alguno algunos ante cada como con cual cuales cuando de del " +
      "desde donde e el ella ellas ellos en entre era es esa esas ese eso esos esta estan estar estas " +
      "este esto estos estoy fue ha hace hacer hago han hay la las le les lo los me mi mis muy nos o " +
      "os para pero por porque puede puedo que quien se ser si son su sus te tengo tiene tu tus un " +
      "una uno unos usted y ya yo"
  };
  // Maps keyed by a reader's or the guide's words have no inherited keys: "constructor" is a word.
  function dict() { return Object.create(null); }
  var STOP = dict(), lang = "en";
  function useLanguage(language) {
    lang = language;
    STOP = dict();
    (STOP_WORDS[lang] || STOP_WORDS.en).split(" ").forEach(function (w) { STOP[w] = true; });
    root = lang === "es" ? rootEs : rootEn;
  }

  // A Spanish verb carries its pronoun ("hacerme", "darme", "tratarlo"): the question is about
  // the verb, which may be a stop word ("puedo hacerme punción" asks about punción).
  function plain(w) {
    return lang === "es" ? w.replace(/(ar|er|ir)(me|te|se|nos|os|lo|la|le|los|las|les)$/, "$1") : w;
  }

  function fold(w) {  // without accents: "después" is "despues", as readers often type it
    return w.normalize("NFD").replace(/\p{M}/gu, "");
  }

  var EDGES = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;  // punctuation around a marked word
  var terms = {};  // reader's word or phrase -> the guide's words (from the search index)

  function words(text) {
    return (text.toLowerCase().replace(/['\u2019]/g, "").match(/[\p{L}\p{N}]+/gu)) || [];
  }

  // Each word is matched whole, through the index's stemmer (mkdocs.yml: `pipeline`): "hurts"
  // finds "hurt", "needles" finds "needling", and "to" no longer finds "touch". (Material adds no
  // wildcard to a word with a boost: `word^10`.)
  // The word as typed: the Spanish stemmer needs the accent of a suffix ("información" is stored
  // as "inform"; "informacion" stems to itself), and drops the other accents itself ("sesion"
  // finds "sesión").
  function clause(w) { return w + "^10"; }

  // A long word the guide never uses may be mistyped ("acupunture", "refeido"): it also asks
  // for the guide's words one letter away from it (added, left out, changed, or two swapped;
  // two letters, for a word of 9 letters or more), compared without accents. A word the guide
  // uses, in any form, is left alone: "infection" never asks for "injection". The guide's words
  // are read from the search index the first time they are needed.
  var FUZZY_FROM = 6;
  var indexDocs = [], readerQuestions = {}, learned = null;
  // A form of a word the guide uses: the same stem, or the word with a short ending ("needles").
  function isKnown(f) {
    var known = learn().known;
    if (known[f] || learned.roots[root(f)]) return true;
    for (var cut = 1; cut <= 3; cut++) if (known[f.slice(0, -cut)]) return true;
    return false;
  }
  function edits(a, b, max) {  // how many slips turn a into b (more than max: max + 1)
    if (Math.abs(a.length - b.length) > max) return max + 1;
    var rows = [[]], i, j;
    for (j = 0; j <= b.length; j++) rows[0][j] = j;
    for (i = 1; i <= a.length; i++) {
      rows[i] = [i];
      for (j = 1; j <= b.length; j++) {
        var d = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2][j - 2] + 1);
        rows[i][j] = d;
      }
    }
    return rows[a.length][b.length];
  }
  function meant(w) {  // the guide's words a mistyped word may stand for (none for a real word)
    var f = fold(w);
    if (f.length < FUZZY_FROM || isKnown(f)) return [];
    var most = f.length >= 9 ? 2 : 1;
    var near = learn().long.map(function (g) { return { word: g.word, d: edits(f, g.folded, most) }; })
      .filter(function (g) { return g.d <= most; });
    var best = Math.min.apply(null, near.map(function (g) { return g.d; }));
    return near.filter(function (g) { return g.d === best; }).slice(0, 3).map(function (g) { return g.word; });
  }

  // A Spanish word typed without the accent its ending always has: also asked with it
  // ("informacion" -> "información", "lesion" -> "lesión", "fisiologia" -> "fisiología").
  function accented(w) {
    return lang === "es" ? w.replace(/([cs])ion$/, "$1ión").replace(/logia$/, "logía") : w;
  }

  // A rough stem, only to tell which of the reader's words a marked word answers.
  function rootEn(w) {
    w = w.replace(EDGES, "");
    return w.length > 4 ? w.replace(/(ness|ing|ed|es|s|e|ly)$/, "") : w;
  }
  function rootEs(w) {
    w = fold(w.replace(EDGES, ""));
    return w.length > 4 ? w.replace(/(aciones|acion|iones|ion|mente|idades|idad|ando|iendo|ados|adas|ado|ada|idos|idas|ido|ida|ar|er|ir|es|as|os|a|o|e|s)$/, "") : w;
  }
  var root = rootEn;
  useLanguage("en");
  // The question as clauses for lunr, and what was asked: for each of the reader's words, the
  // clauses that answer it (its own, and those of the guide's words for it).
  function analyse(query) {
    // A reader who uses search syntax ("exact words", +must, -not, wild*) gets it as typed.
    if (/["*^~:]|(^|\s)[+-]/.test(query)) return { query: query, asked: [] };
    var all = words(query).map(plain);
    var kept = all.filter(function (w) { return !STOP[fold(w)]; });
    if (!kept.length) kept = all;  // "how to" still searches
    var asked = kept.map(function (w) {
      var alts = accented(w) === w ? [clause(w)] : [clause(w), clause(accented(w))];
      alts = alts.concat(meant(w).map(clause));
      alts.own = alts.length;  // the reader's own word, in the forms above; then the guide's words for it
      return alts;
    });
    // The guide's words for the reader's words and phrases ("muscle jumped" -> "twitch").
    // A one-word entry also covers its plural and -ed/-ing forms ("fee" covers "fees"). Accents
    // do not count ("cuanto" is "cuánto").
    var folded = all.map(fold), phrase = " " + folded.join(" ") + " ";
    Object.keys(terms).forEach(function (entry) {
      var lay = fold(entry), parts = lay.split(" ");
      kept.forEach(function (word, i) {
        var at = all.indexOf(word), w = fold(word);
        var found = parts.length > 1
          ? parts.indexOf(w) >= 0 && phrase.indexOf(" " + lay + " ") >= 0
          : w === lay || ["s", "es", "d", "ed", "ing"].some(function (end) { return w === lay + end; });
        if (found && at >= 0)
          terms[entry].forEach(function (guideWords) {
            words(guideWords).forEach(function (g) { asked[i].push(clause(g)); });
          });
      });
    });
    var clauses = [];
    asked.forEach(function (alts) {
      alts.forEach(function (c) { if (clauses.indexOf(c) < 0) clauses.push(c); });
    });
    // The last word, while it is being typed, also matches as the start of a word ("acupunc").
    // (A wildcard word skips the stemmer, so the whole word above is still needed.)
    var last = all[all.length - 1];
    if (last && last.length >= 3 && !/\s$/.test(query) && kept.indexOf(last) >= 0) clauses.push(fold(last) + "*");
    return { query: clauses.join(" "), asked: asked };
  }

  function rewrite(query) { return analyse(query).query; }

  // A question as words only, lowercase, without accents: "¿Duele?" and "duele" are the same.
  function wording(text) { return words(String(text)).map(fold).join(" "); }

  function marked(html) {
    var found = [], re = /<mark>([^<]*)<\/mark>/g, m;
    while ((m = re.exec(html || ""))) found.push(m[1].toLowerCase().replace(EDGES, ""));
    return found;
  }

  function same(a, b) {  // two rough stems: the same word?
    return a === b || (a.length >= 4 && b.length >= 4 && (a.indexOf(b) === 0 || b.indexOf(a) === 0));
  }

  // Material ranks a result by lunr's score times (1 + (p + f)^2), where p is 1 for the top of a
  // page and f the share of the query's words it thinks matched; with whole words f is mostly 0,
  // so the top of a page that merely names the topic beat the section that answers the question.
  // Here that factor is undone: a section counts lunr's score times (1 + 2 c^2), where c is the
  // share of the reader's words (or the guide's words for them) marked in it ("painful" as
  // written counts 1, a word that only shares its stem, "pain", a half); a page counts its
  // best section plus half of the others, times (1 + C^2), C being the share of the question the
  // page answers in all. Lunr scores sections, so a long page that names a word in many of them
  // outweighed the short page about it; half of that is therefore its BM25F score as a whole
  // page, TUNE.bm25. And readers word the same need in the same ways ("is it normal to be sore
  // after"), often not in the page's words: a page's place is then multiplied by up to
  // 1 + TUNE.asked by how well the question matches the readers' questions that page answers
  // (data/reader_questions.yml), as a share of the best-matching page's. (Multiplied, not added,
  // so a page no reader's question has named yet keeps its place from its own words.)
  // (Weights tried on the question sets, and judged on sets written blind: bench/search_quality,
  // BENCHMARKS.md.)
  var TUNE = { coord: 2, article: 1, spread: 0.5, page: 1, stem: 0.5,
    bm25: 0.5, asked: 2, h1: 5, h2: 3, b: 0.75, k1: 1.2, lay: 0.7 };
  function rerank(result, asked) {
    if (!asked.length || !result.items) return;
    var exact = asked.map(function (alts) {
      return alts.map(function (c) { return fold(c.replace(/\^\d+$/, "")); });
    });
    var wanted = exact.map(function (alts) { return alts.map(root); });
    var seen = dict(), pages = dict(), order = [];
    result.items.forEach(function (group) {
      group.forEach(function (item) {
        var t = item.terms || {}, keys = Object.keys(t);
        var f = keys.length ? keys.filter(function (k) { return t[k]; }).length / keys.length : 0;
        var page = item.location.split("#")[0], top = item.location.indexOf("#") < 0;
        var raw = item.score / (1 + Math.pow(+top + f, 2));
        item.guideMarks = marked(item.title).concat(marked(item.text));
        var roots = item.guideMarks.map(function (m) { return seen[m] || (seen[m] = root(m)); });
        var marks = item.guideMarks.map(fold);
        // A word as the reader wrote it counts 1; another word with the same stem, a half.
        var hits = wanted.map(function (alts, i) {
          if (exact[i].some(function (w) { return marks.indexOf(w) >= 0; })) return 1;
          return alts.some(function (a) { return roots.some(function (r) { return same(r, a); }); }) ? TUNE.stem : 0;
        });
        var hit = hits.reduce(function (sum, h) { return sum + h; }, 0) / asked.length;
        item.score = raw * (1 + TUNE.coord * hit * hit) * (top ? TUNE.article : 1);
        if (!pages[page]) { pages[page] = []; pages[page].hits = []; order.push(page); }
        pages[page].push(item);
        hits.forEach(function (h, i) { if (h) pages[page].hits[i] = true; });
      });
    });
    function weight(page) {
      var group = pages[page];
      var cover = group.hits.filter(Boolean).length / asked.length;
      return group.reduce(function (sum, item, i) { return sum + (i ? TUNE.spread : 1) * item.score; }, 0) *
        (1 + TUNE.page * cover * cover);
    }
    order.forEach(function (page) {
      pages[page].sort(function (a, b) { return b.score - a.score; });
      pages[page].weight = weight(page);
    });
    // Then the page's BM25F score, and its readers' questions' score: each as a share of the
    // best page's.
    var stats = learn(), most = 0, mostW = 0, mostA = 0;
    order.forEach(function (page) {
      var g = pages[page];
      g.bm25 = bm25(stats.pages, page, asked);
      g.asked = bm25(stats.asked, page, asked);
      most = Math.max(most, g.bm25);
      mostW = Math.max(mostW, g.weight);
      mostA = Math.max(mostA, g.asked);
    });
    order.forEach(function (page) {
      var g = pages[page];
      g.weight = TUNE.bm25 * (most ? g.bm25 / most : 0) + (1 - TUNE.bm25) * (mostW ? g.weight / mostW : 0);
      g.weight *= 1 + TUNE.asked * (mostA ? g.asked / mostA : 0);
    });
    // The very question a reader asked before, worded the same: its page comes first.
    (stats.answers[asked.question] || []).forEach(function (page) {
      if (pages[page]) pages[page].weight += 1 + TUNE.asked;
    });
    result.items = order.sort(function (a, b) { return pages[b].weight - pages[a].weight; })
      .map(function (page) { return pages[page]; });
  }

  // What search-query.js reads from the search index (Material's setup message), once, the first
  // time a question needs it: the guide's words (`known`, their rough stems `roots`, and those of
  // FUZZY_FROM letters or more, `long`, for typos); for BM25F, how often each page uses each stem
  // (`pages.stats`), how many pages use it (`df`), and pages' average length (`avg`); and the same
  // for the readers' questions each page answers (`asked`).
  function stem(w) { return root(fold(w)); }
  function learn() {
    if (learned) return learned;
    var known = dict(), roots = dict(), long = [], pages = dict(), list = [], df = dict(), total = 0;
    indexDocs.forEach(function (doc) {
      var loc = doc.location || "", page = loc.split("#")[0], top = loc.indexOf("#") < 0;
      var p = pages[page];
      if (!p) { p = pages[page] = { tf: dict(), len: 0 }; list.push(p); }
      function add(text, weight) {
        words(text.replace(/<[^>]*>/g, " ")).forEach(function (w) {
          var f = fold(w);
          if (f.length >= 4 && !known[f]) {
            known[f] = true;
            roots[root(f)] = true;
            if (f.length >= FUZZY_FROM) long.push({ word: w, folded: f });
          }
          if (STOP[f]) return;
          var s = root(f);
          p.tf[s] = (p.tf[s] || 0) + weight;
          p.len += 1;
        });
      }
      add(doc.title || "", top ? TUNE.h1 : TUNE.h2);
      add(doc.text || "", 1);
    });
    list.forEach(function (p) {
      total += p.len;
      Object.keys(p.tf).forEach(function (s) { df[s] = (df[s] || 0) + 1; });
    });
    // Readers' questions (data/reader_questions.yml): each page's questions, as one text; and
    // the pages that answer each question as worded (`answers`).
    var asked = dict(), askedList = [], askedDf = dict(), askedTotal = 0, answers = dict();
    Object.keys(readerQuestions).forEach(function (page) {
      var p = asked[page] = { tf: dict(), len: 0 };
      askedList.push(p);
      [].concat(readerQuestions[page]).forEach(function (question) {
        var key = wording(question);
        (answers[key] = answers[key] || []).push(page);
        words(String(question)).forEach(function (w) {
          var f = fold(w);
          if (STOP[f]) return;
          var s = root(f);
          p.tf[s] = (p.tf[s] || 0) + 1;
          p.len += 1;
        });
      });
      askedTotal += p.len;
      Object.keys(p.tf).forEach(function (s) { askedDf[s] = (askedDf[s] || 0) + 1; });
    });
    learned = { known: known, roots: roots, long: long, answers: answers,
                pages: { stats: pages, n: list.length, df: df, avg: total / (list.length || 1) },
                asked: { stats: asked, n: askedList.length, df: askedDf, avg: askedTotal / (askedList.length || 1) } };
    return learned;
  }

  // A page's BM25 score for the question in one of learn()'s collections: `pages` (the page's
  // own text: BM25F, its title counting TUNE.h1 times and its headings TUNE.h2 times) or `asked`
  // (the readers' questions it answers). Each of the reader's words counts its best form (the
  // word itself, or at TUNE.lay the guide's words for it), by how often the page uses it,
  // length-normalised, and how few pages do.
  function bm25(collection, page, asked) {
    var p = collection.stats[page];
    if (!p) return 0;
    var sum = 0;
    asked.forEach(function (alts) {
      var best = 0;
      alts.forEach(function (c, j) {
        var s = stem(c.replace(/[~^*].*$/, "")), tf = p.tf[s];
        if (!tf) return;
        var n = collection.df[s], idf = Math.log(1 + (collection.n - n + 0.5) / (n + 0.5));
        var norm = tf / (1 - TUNE.b + TUNE.b * p.len / collection.avg);
        var v = idf * norm * (TUNE.k1 + 1) / (TUNE.k1 + norm) * (j < (alts.own || 1) ? 1 : TUNE.lay);
        if (v > best) best = v;
      });
      sum += best;
    });
    return sum;
  }

  // Each result's `terms` become the words marked in it (which Material puts in ?h=...): a page
  // title result gets its sections' words. A query word that nothing matched stays "missing",
  // but not a mistyped one whose word was found ("neeedling" when "needling" is marked).
  function fixResult(result, asked) {
    var forms = dict();  // each of the reader's words -> its forms: as typed, accented, meant
    (asked || []).forEach(function (alts) {
      var own = alts.slice(0, alts.own || 1).map(function (c) { return fold(c.replace(/[~^*].*$/, "")); });
      own.forEach(function (w) { forms[w] = own; });
    });
    (result.items || []).forEach(function (group) {
      var all = [];
      group.forEach(function (item) {
        if (!item.guideMarks) item.guideMarks = marked(item.title).concat(marked(item.text));
        all.push.apply(all, item.guideMarks);
      });
      group.forEach(function (item) {
        var own = item.guideMarks.length ? item.guideMarks : all, fixed = {};
        own.forEach(function (w) { if (w) fixed[w] = true; });
        Object.keys(item.terms || {}).forEach(function (k) {
          var word = k.replace(/[*^].*$/, "");
          var stems = (forms[fold(word)] || [fold(word)]).map(function (f) { return f.slice(0, 4); });
          if (!item.terms[k] && !all.some(function (w) {
            return stems.some(function (stem) { return fold(w).indexOf(stem) === 0; });
          }))
            fixed[word] = false;
        });
        item.terms = fixed;
        delete item.guideMarks;
      });
    });
    return result;
  }

  var pending = [];  // what each query sent asked, until its result comes back (in order)
  var sent = 0;
  window.GuideSearch = {
    rewrite: rewrite,
    // How many questions were sent, and how many still wait for their results
    // (tests/search_eval.py waits for its question to be sent, then for none to wait).
    sent: function () { return sent; },
    waiting: function () { return pending.length; },
    // Page -> worker.
    message: function (message) {
      if (!message) return message;
      if (message.type === SETUP && message.data && message.data.config) {
        terms = message.data.config.guide_terms || {};
        useLanguage([].concat(message.data.config.lang || "en")[0]);
        indexDocs = message.data.docs || [];
        readerQuestions = message.data.config.guide_questions || {};
        learned = null;
      }
      if (message.type === QUERY && typeof message.data === "string") {
        var asked = analyse(message.data);
        asked.asked.question = wording(message.data);
        pending.push(asked.asked);
        sent += 1;
        return { type: QUERY, data: asked.query };
      }
      return message;
    },
    // Worker -> page.
    reply: function (message) {
      if (message && message.type === RESULT && message.data) {
        var asked = pending.shift() || [];
        rerank(message.data, asked);
        fixResult(message.data, asked);
      }
      return message;
    }
  };
})();
