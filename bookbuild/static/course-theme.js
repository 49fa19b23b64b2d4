// Local fixes for pydata-sphinx-theme 0.17.1 + sphinx-book-theme 1.3.0 (see bookbuild/sphinx_ext.py).
(function () {
  "use strict";

  // Both themes bind their handlers to the first .primary-toggle / .secondary-toggle only: the one in
  // the top bar this site hides. A click on any other toggle (the article header's, on a phone)
  // is handed to that first one, which opens the chapter list or the contents (or, on a desktop,
  // folds the sidebar).
  document.addEventListener("click", (event) => {
    for (const kind of [".primary-toggle", ".secondary-toggle"]) {
      const toggle = event.target.closest(kind);
      const bound = document.querySelector(kind);
      if (toggle && bound && toggle !== bound) {
        event.preventDefault();
        event.stopPropagation();
        bound.click();
        return;
      }
    }
  }, true);

  // With default_mode light, pydata cycles light -> auto -> dark: a first click that looks like nothing.
  // Seen from "auto", its next mode is dark, so a click from light goes straight to dark.
  document.addEventListener("click", (event) => {
    if (!event.target.closest(".theme-switch-button")) return;
    const mode = localStorage.getItem("mode") || document.documentElement.dataset.defaultMode || "auto";
    if (mode === "light" && !window.matchMedia("(prefers-color-scheme: dark)").matches) {
      localStorage.setItem("mode", "auto");
    }
  }, true);

  // Search snippets are the pages' text, where math is its LaTeX source (\(Z\)). Show simple math
  // as plain text and anything with a command or a script as "[formula]".
  function plainMath(latex) {
    const inner = latex.replace(/^\s*\\[(\[]|\\[)\]]\s*$/g, "").trim();
    return /[\\^_{}]/.test(inner) ? "[formula]" : inner;
  }

  function plainSearchSnippets() {
    // searchtools.js declares Search with const: not a property of window.
    if (typeof Search === "undefined" || Search.htmlToText.plainMath) return;
    const original = Search.htmlToText;
    Search.htmlToText = (htmlString, anchor) => {
      const page = new DOMParser().parseFromString(htmlString, "text/html");
      page.querySelectorAll(".math").forEach((math) => { math.textContent = plainMath(math.textContent); });
      return original(page.documentElement.outerHTML, anchor);
    };
    Search.htmlToText.plainMath = true;
  }

  // Two of pydata's buttons are named apart from what they contain, so a speech-input user who says
  // what is on them reaches nothing: the search field reads "Search Ctrl + K" but is labelled
  // "Search", and the colour button's icons carry titles (Light, Dark, System Settings) that its
  // label "Color mode" does not contain. The field is named by its text; the icons become
  // decoration, whether Font Awesome has turned them into SVGs (a <title> inside) yet or not.
  function nameButtonsByWhatTheyShow() {
    document.querySelectorAll(".search-button-field[aria-label]").forEach((field) => field.removeAttribute("aria-label"));
    document.querySelectorAll(".theme-switch-button .theme-switch").forEach((icon) => {
      icon.removeAttribute("title");
      icon.removeAttribute("aria-labelledby");
      icon.querySelectorAll("title").forEach((title) => title.remove());
      icon.setAttribute("aria-hidden", "true");
    });
  }

  document.addEventListener("DOMContentLoaded", nameButtonsByWhatTheyShow);
  plainSearchSnippets();
  document.addEventListener("DOMContentLoaded", plainSearchSnippets);
})();
