/* Russian search, in Material's search worker (put before Material's own
   code by search_languages.py). Material indexes each word as it is written
   (ё folded into е, ru-lunr.js) and matches a query's words as prefixes. A
   listener registered before Material's own turns each Russian word of a
   query into its stem, with lunr's Russian stemmer, so that the prefix is
   what every inflected form shares: "Горбачёвым" and "Горбачёва" become
   "горбачев", which begins Горбачёва and Горбачёвым; "Горбачёв" becomes
   "горбач", which begins them all. A stop word (со, ли, но) is matched
   whole ("со^1": Material adds no wildcard to a boosted word), as a prefix
   it would match half the site. */
self.addEventListener("message", function (event) {
  var message = event.data;
  // Material's SearchMessageType: SETUP 0, READY 1, QUERY 2, RESULT 3.
  if (!message || message.type !== 2 || typeof message.data !== "string") return;
  if (typeof lunr === "undefined" || !lunr.ru || !lunr.ru.isStopWord) return;  // not set up yet
  message.data = message.data.replace(/[а-яё]+/gi, function (word) {
    var token = new lunr.Token(word.toLowerCase());
    return lunr.ru.isStopWord(token) ? token.toString() + "^1" : lunr.ru.stemmer(token).toString();
  });
});
