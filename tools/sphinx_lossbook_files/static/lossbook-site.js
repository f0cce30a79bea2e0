/* lossbook: site behaviour on top of sphinx-book-theme 1.3 / pydata-sphinx-theme 0.17
   (added by tools/sphinx_lossbook.py; checked by tests/test_site_browser.py). */

/* The page contents' toggle folds the column away where it sits beside the article
   (>= 1200 px, where lossbook-site.css shows the toggle); below that width the theme
   opens the page contents as a dialog, as it does the chapter list. Runs in the capture
   phase, before the theme's handler, like the book theme's own fix for the chapter list. */
document.addEventListener("DOMContentLoaded", () => {
  const toggle = document.querySelector(".secondary-toggle");
  const sidebar = document.getElementById("pst-secondary-sidebar");
  if (!toggle || !sidebar) return;
  toggle.setAttribute("aria-controls", "pst-secondary-sidebar");
  toggle.addEventListener("click", (event) => {
    if (!window.matchMedia("(min-width: 1200px)").matches) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    const hidden = sidebar.classList.toggle("lb-sidebar-hidden");
    toggle.setAttribute("aria-expanded", String(!hidden));
  }, true);
});

/* Search result snippets: from the article's prose, not from the page contents, code,
   or the TeX source of the maths (Sphinx takes all of the main element), and around the
   words the reader typed (Sphinx looks for their stems, "entropi", and so often shows a
   passage without them). */
document.addEventListener("DOMContentLoaded", () => {
  if (typeof Search === "undefined" || !Search.htmlToText) return;
  const NOT_PROSE = [".headerlink", "script", "style", "nav", ".bd-toc", ".toctree-wrapper",
    ".cell_input", "pre", ".math", "mjx-container", ".lb-explorer",
    ".header-article-items", ".prev-next-area", "footer"];
  const original = Search.htmlToText;
  Search.htmlToText = (htmlString, anchor) => {
    const doc = new DOMParser().parseFromString(htmlString, "text/html");
    const article = doc.querySelector("article.bd-article");
    if (!article) return original(htmlString, anchor);
    NOT_PROSE.forEach((selector) => article.querySelectorAll(selector).forEach((el) => el.remove()));
    const part = anchor ? doc.getElementById(anchor.replace(/^#/, "")) : null;
    const text = (part && article.contains(part) && part.textContent.trim()) ? part : article;
    return text.textContent.replace(/\s+/g, " ").trim();
  };
  Search.makeSearchSummary = (htmlText, keywords, anchor) => {
    const text = Search.htmlToText(htmlText, anchor);
    if (!text) return null;
    const query = (new URLSearchParams(window.location.search).get("q") || "").trim();
    // the whole query first, then its words, longest first, then Sphinx's stems
    const words = [query, ...splitQuery(query).sort((a, b) => b.length - a.length), ...keywords];
    const lower = text.toLowerCase();
    let at = -1;
    for (const word of words) {
      if (word && (at = lower.indexOf(word.toLowerCase())) > -1) break;
    }
    const start = Math.max(at - 120, 0);
    const summary = document.createElement("p");
    summary.classList.add("context");
    summary.textContent = (start > 0 ? "..." : "") + text.substr(start, 240).trim() +
      (start + 240 < text.length ? "..." : "");
    return summary;
  };
});
