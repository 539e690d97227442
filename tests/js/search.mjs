// Runs the site's search (templates/html/site.js) in Node, for tests/test_search_script.py:
// reads a request as JSON on stdin, prints the answers as JSON on stdout.
//
// The request: `site` (the script's path), `rules` (languages.SEARCH_RULES), and any of
// `keys` (texts to fold), `singulars` (words), and `searches` with `data` (the path of a
// search-data.js): each search {ui, queries}, the UI language's index and queries typed into
// one search box in turn. Each result is {id, by, term}: the concept, what it was found by,
// and the term that matched (null when no one term did).
import { readFileSync } from "node:fs";
import { createContext, runInContext } from "node:vm";

const request = JSON.parse(readFileSync(0, "utf8"));
const page = createContext({});
page.window = page;
runInContext(readFileSync(request.site, "utf8"), page, { filename: request.site });
const { searchKey, singularBy, prepare, searcher, foundBy } = page.termbaseSearch;
const singular = singularBy(request.rules);

const answers = {
  keys: (request.keys ?? []).map(searchKey),
  singulars: (request.singulars ?? []).map(singular),
  searches: [],
};
if (request.searches) {
  runInContext(readFileSync(request.data, "utf8"), page, { filename: request.data });
  const entries = new Map();
  const inOrderOf = (ui) => {
    if (!entries.has(ui)) entries.set(ui, prepare(page.TERMBASE_SEARCH, ui));
    return entries.get(ui);
  };
  answers.searches = request.searches.map(({ ui, queries }) => {
    const search = searcher(singular);
    return queries.map((query) =>
      search(inOrderOf(ui), query).map((hit) => ({
        id: hit.entry.id,
        by: foundBy(hit),
        term: hit.term >= 0 ? hit.entry.terms[hit.term][3] : null,
      })),
    );
  });
}
process.stdout.write(JSON.stringify(answers));
