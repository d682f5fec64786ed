/* Appended to lunr's Russian support by search_languages.py. Material keeps
   of lunr's pipeline only the stop-word filter, and indexes each word as it
   is written; for Russian that filter is made to do two things instead:
   - fold ё into е (Горбачёв, Горбачев: one word to Russian search);
   - keep every word, stop words too: the Korean names the site writes in
     Russian are made of them (Ли Со Ён, Но Му Хён), and ru-query.js matches
     a stop word of a query whole, so it finds them without matching half the
     site as a prefix.
   The stemmer, which Material leaves out of the index, folds too, for the
   queries ru-query.js stems. */
(function (lunr) {
  var fold = function (token) {
    return token.update(function (word) { return word.replace(/ё/g, "е"); });
  };
  var stem = lunr.ru.stemmer, isKept = lunr.ru.stopWordFilter;
  lunr.ru.isStopWord = function (token) { return !isKept(fold(token)); };
  lunr.ru.stemmer = function (token) { return stem(fold(token)); };
  lunr.ru.stopWordFilter = function (token) { return fold(token); };
  lunr.Pipeline.registerFunction(lunr.ru.stemmer, "stemmer-ru-yo");
  lunr.Pipeline.registerFunction(lunr.ru.stopWordFilter, "stopWordFilter-ru-yo");
})(lunr);
