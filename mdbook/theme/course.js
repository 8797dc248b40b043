// The course's additions to every page of the book:
// 1. a language switch that opens the same page in the other language (site/ko/x.html <-> site/en/x.html);
// 2. a search box backed by Pagefind, whose index (unlike mdBook's) holds Korean words;
// 3. links for the "where it lives" paths when the book is built with a repository URL.
(function () {
  "use strict";

  const LANGS = { ko: { other: "en", label: "English", search: "검색", placeholder: "검색어 (예: 코루틴, 퓨처)" },
                  en: { other: "ko", label: "한국어", search: "Search", placeholder: "Search (e.g. coroutine, future)" } };
  const lang = document.documentElement.lang === "en" ? "en" : "ko";
  const here = LANGS[lang];

  // The root of this language's book, from mdBook's own `path_to_root` (declared by its template).
  // `path_to_root` is "" on top-level pages, which would resolve to the page itself: "./".
  const rootPath = typeof path_to_root === "string" && path_to_root !== "" ? path_to_root : "./";
  const bookRoot = new URL(rootPath, window.location.href);

  function otherLanguageUrl() {
    const root = bookRoot.href;
    const suffix = "/" + lang + "/";
    if (!root.endsWith(suffix)) return null; // not inside site/<lang>/: a plain `mdbook build`
    const otherRoot = root.slice(0, -suffix.length) + "/" + here.other + "/";
    const page = window.location.href.slice(root.length).split("#")[0];
    return otherRoot + page + window.location.hash;
  }

  function addButton(id, text, title, onClick) {
    const right = document.querySelector("#mdbook-menu-bar .right-buttons");
    if (!right) return null;
    const button = document.createElement("button");
    button.id = id;
    button.type = "button";
    button.className = "course-button";
    button.textContent = text;
    button.title = title;
    button.addEventListener("click", onClick);
    right.prepend(button);
    return button;
  }

  // 1. Language switch.
  const other = otherLanguageUrl();
  if (other) {
    addButton("course-language", here.label, here.label, function () { window.location.href = other; });
  }

  // 2. Search (Pagefind, in site/pagefind/, beside site/ko/ and site/en/).
  const pagefindRoot = new URL("../pagefind/", bookRoot).href;
  let searchLoaded = false;
  function openSearch() {
    let panel = document.getElementById("course-search");
    if (panel) {
      panel.hidden = !panel.hidden;
      if (!panel.hidden) { const input = panel.querySelector("input"); if (input) input.focus(); }
      return;
    }
    panel = document.createElement("div");
    panel.id = "course-search";
    const content = document.getElementById("mdbook-content");
    content.prepend(panel);
    if (searchLoaded) return;
    searchLoaded = true;
    const css = document.createElement("link");
    css.rel = "stylesheet";
    css.href = pagefindRoot + "pagefind-ui.css";
    document.head.append(css);
    const script = document.createElement("script");
    script.src = pagefindRoot + "pagefind-ui.js";
    script.onload = function () {
      // eslint-disable-next-line no-undef
      new PagefindUI({ element: "#course-search", bundlePath: pagefindRoot, showSubResults: true,
                       showImages: false, translations: { placeholder: here.placeholder } });
      const input = panel.querySelector("input");
      if (input) input.focus();
    };
    script.onerror = function () {
      panel.textContent = lang === "ko"
        ? "검색 색인이 없습니다. bash mdbook/build 로 만든 사이트에서만 검색할 수 있습니다."
        : "No search index here: search works on the site built by bash mdbook/build.";
    };
    document.head.append(script);
  }
  addButton("course-search-button", here.search, here.search, openSearch);
  document.addEventListener("keydown", function (event) {
    const typing = /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement && document.activeElement.tagName);
    if (!typing && (event.key === "/" || event.key === "s")) { event.preventDefault(); openSearch(); }
  });

  // 3. Repository links.
  const repo = document.querySelector('#mdbook-menu-bar a[aria-label="Git repository"]');
  if (repo) {
    const base = repo.href.replace(/\/$/, "");
    document.querySelectorAll("code.repo-path").forEach(function (code) {
      const path = code.textContent.trim();
      const link = document.createElement("a");
      link.href = base + (path.endsWith("/") ? "/tree/HEAD/" : "/blob/HEAD/") + path.replace(/\/$/, "");
      code.replaceWith(link);
      link.append(code);
    });
  }
})();
