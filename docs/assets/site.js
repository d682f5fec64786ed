/* The site's own behaviour, in every language (the words come from the page's
   #site-strings, which main.html fills from overrides/locales/):
   - Print a section: a small button beside the heading of each section,
     event and quote, where the permalink sits, that prints only that part
     under a header naming the site, page and address. Without JavaScript
     there are no buttons, and printing the page still works.
   - The timeline's filters, shown only where this runs (see below).
   - Cite this page: copy buttons, today's date where a style names the day
     of access, and citing one section (see setUpCitations).
   - The language switcher keeps the reader's place: it links the same page in
     each language, and this adds the #anchor the reader is at. */
(() => {
  "use strict";

  const strings = JSON.parse(document.getElementById("site-strings")?.textContent || "{}");
  const words = (key, values = {}) =>
    (strings[key] || "").replace(/\{(\w+)\}/g, (_, name) => values[name] ?? "");

  /* Each printed sheet's margin names the page (print.css); without scripts,
     the site. A property set from a script, which a Content-Security-Policy
     allows where it forbids style attributes. */
  const cssString = (text) => `"${text.replace(/["\\\n]/g, (c) => `\\${c.charCodeAt(0).toString(16)} `)}"`;
  if (strings.print_title) document.documentElement.style.setProperty("--print-title", cssString(strings.print_title));

  const ICON =
    '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M18 3H6v4h12m1 5a1 1 0 0 1-1-1 1 1 0 0 1 1-1 1 1 0 0 1 1 1 1 1 0 0 1-1 1m-3 7H8v-5h8m3-6H5a3 3 0 0 0-3 3v6h4v4h12v-4h4v-6a3 3 0 0 0-3-3Z"/></svg>';

  /* The nodes that make up the section a heading opens: it runs to the next
     heading of the same or a higher level (a timeline event to the next
     event, a decade to the next decade). */
  function sectionNodes(heading) {
    const level = Number(heading.tagName[1]);
    const nodes = [heading];
    for (let node = heading.nextElementSibling; node; node = node.nextElementSibling) {
      if (/^H[1-6]$/.test(node.tagName) && Number(node.tagName[1]) <= level) break;
      if (node.matches(".footnote")) break;
      nodes.push(node);
    }
    return nodes;
  }

  /* The sheet that is printed: a header, the section, and its footnotes. */
  function buildSheet(heading, nodes) {
    const sheet = document.createElement("div");
    sheet.className = "print-sheet md-typeset";
    const header = document.createElement("header");
    header.className = "print-sheet__header";
    const site = document.querySelector(".md-header__topic .md-ellipsis");
    const url = new URL(location.href);
    url.hash = heading.id;
    for (const text of [`${site ? site.textContent.trim() : ""} · ${document.title}`, url.href]) {
      const line = document.createElement("p");
      line.textContent = text;
      header.append(line);
    }
    sheet.append(header);
    for (const node of nodes) sheet.append(node.cloneNode(true));

    const notes = document.createElement("ol");
    for (const ref of sheet.querySelectorAll("sup[id^='fnref'] a[href^='#fn']")) {
      const note = document.getElementById(decodeURIComponent(ref.hash.slice(1)));
      if (!note) continue;
      const item = note.cloneNode(true);
      item.value = Number(ref.textContent) || 0;
      notes.append(item);
    }
    if (notes.children.length) {
      const footnotes = document.createElement("div");
      footnotes.className = "footnote";
      footnotes.append(document.createElement("hr"), notes);
      sheet.append(footnotes);
    }
    // The copy must not repeat the page's ids, nor carry its buttons.
    for (const el of sheet.querySelectorAll("[id]")) el.removeAttribute("id");
    for (const el of sheet.querySelectorAll(".print-section")) el.remove();
    return sheet;
  }

  function printSection(heading) {
    const sheet = buildSheet(heading, sectionNodes(heading));
    document.body.append(sheet);
    document.body.classList.add("printing-section");
    const done = () => {
      sheet.remove();
      document.body.classList.remove("printing-section");
      window.removeEventListener("afterprint", done);
    };
    window.addEventListener("afterprint", done);
    window.print();
  }

  /* One button per printable heading, inside it after Material's permalink,
     so it sits where readers look for a heading's own controls and takes no
     line of its own. Its name says what it prints. */
  function addButtons() {
    const article = document.querySelector(".md-content article");
    if (!article || document.querySelector(".print-site__cover")) return;
    for (const heading of article.querySelectorAll("h2[id], h3.timeline-event__title[id]")) {
      if (heading.querySelector(".print-section")) continue;
      const name = words("print_section", {title: heading.textContent.replace(/¶$/, "").trim()});
      const button = document.createElement("button");
      button.type = "button";
      button.className = "print-section";
      button.setAttribute("aria-label", name);
      button.title = name;
      button.innerHTML = ICON;
      button.addEventListener("click", () => printSection(heading));
      heading.append(button);
    }
  }

  /* Timeline filters: which events show, kept in the URL's query so that a
     view can be shared, bookmarked and reloaded. Each event heading carries
     its kind, article section and years (page.html); the entry under it, its
     mark on the overview and its line in the contents follow it, and each
     decade shows while any of its events does. */
  const FILTERS = ["show", "section", "from", "to"];

  function readState(form, params) {
    const state = {show: "all", section: "", from: "", to: ""};
    const allowed = (name, value) => name === "show" ? ["all", "article", "context"].includes(value)
      : name === "section" ? [...form.elements.section.options].some((o) => o.value === value)
      : /^-?\d{1,4}$/.test(value);
    for (const name of FILTERS) {
      const value = (params.get(name) || "").trim();
      if (value && allowed(name, value)) state[name] = value;
    }
    return state;
  }

  function showState(form, state) {
    form.elements.show.value = state.show;
    form.elements.section.value = state.section;
    form.elements.from.value = state.from;
    form.elements.to.value = state.to;
    // The decade list names the range when it is exactly one decade.
    const decade = state.from && Number(state.to) === Number(state.from) + 9 ? state.from : "";
    form.elements.decade.value = [...form.elements.decade.options].some((o) => o.value === decade) ? decade : "";
  }

  function matches(heading, state) {
    const [first, last] = heading.dataset.years.split(" ").map(Number);
    if (state.show !== "all" && heading.dataset.kind !== state.show) return false;
    if (state.section && heading.dataset.section !== state.section) return false;
    if (state.from && last < Number(state.from)) return false;
    if (state.to && first > Number(state.to)) return false;
    return true;
  }

  /* Material lists the page's contents twice: in the sidebar, and inside the
     navigation drawer on narrow screens. */
  function hideInContents(id, hidden) {
    for (const link of document.querySelectorAll(`.md-nav--secondary a.md-nav__link[href="#${CSS.escape(id)}"]`)) {
      link.closest("li").hidden = hidden;
    }
  }

  function applyState(root, state) {
    const headings = [...document.querySelectorAll("h3.timeline-event__title[data-years]")];
    let shown = 0;
    for (const heading of headings) {
      const visible = matches(heading, state);
      shown += visible;
      heading.hidden = !visible;
      heading.nextElementSibling.hidden = !visible;
      const mark = document.querySelector(`.timeline-overview__item[data-event="${CSS.escape(heading.id)}"]`);
      if (mark) mark.hidden = !visible;
      hideInContents(heading.id, !visible);
    }
    for (const decade of document.querySelectorAll("h2.timeline-decade")) {
      let any = false;
      for (let node = decade.nextElementSibling; node && !node.matches("h2"); node = node.nextElementSibling) {
        if (node.matches("h3.timeline-event__title") && !node.hidden) { any = true; break; }
      }
      decade.hidden = !any;
      hideInContents(decade.id, !any);
    }
    const count = root.querySelector(".timeline-filters__count");
    const total = headings.length;
    const form = new Intl.PluralRules(document.documentElement.lang).select(total) === "one" ? "one" : "other";
    const text = count.dataset[form].replace("{shown}", shown).replace("{total}", total);
    count.textContent = shown ? text : `${text}. ${count.dataset.none}`;
    root.classList.toggle("timeline-filters--active", shown !== total);
  }

  function writeURL(state) {
    const url = new URL(location.href);
    for (const name of FILTERS) url.searchParams.delete(name);
    for (const name of FILTERS) {
      if (state[name] && !(name === "show" && state[name] === "all")) url.searchParams.set(name, state[name]);
    }
    history.replaceState(history.state, "", url);
  }

  function setUpFilters() {
    const root = document.querySelector(".timeline-filters");
    if (!root || root.dataset.ready) return;
    root.dataset.ready = "true";
    const form = root.querySelector("form");
    let state = readState(form, new URL(location.href).searchParams);
    showState(form, state);
    applyState(root, state);

    const update = (next) => {
      state = next;
      showState(form, state);
      // Events that come back fade in, unless the reader asks for less motion (site.css).
      document.body.classList.add("timeline-filtering");
      applyState(root, state);
      writeURL(state);
    };
    form.addEventListener("change", (event) => {
      const next = {show: form.elements.show.value, section: form.elements.section.value,
                    from: form.elements.from.value.trim(), to: form.elements.to.value.trim()};
      if (event.target.name === "decade") {
        const decade = form.elements.decade.value;
        next.from = decade;
        next.to = decade ? String(Number(decade) + 9) : "";
      }
      update(next);
    });
    form.addEventListener("submit", (event) => event.preventDefault());
    form.addEventListener("reset", (event) => {
      event.preventDefault();
      update({show: "all", section: "", from: "", to: ""});
    });
  }

  /* Cite this page. Each style's <template> holds the page's citation with
     placeholders for the title, the address and the day of access, rendered
     by citeproc-py at build time (cite_page.py, citation/csl.py); filling it
     in here costs the same for a page of ten sections or of a hundred
     thousand events. A reader cites one section by arriving at its anchor or
     by choosing it in the box: the citations, and the three files (written
     here, as downloads), then name the section's title and address. Titles
     are cased as the build cases them (csl.title_case, with the same minor
     words), and a period after a title's ? or ! is dropped (csl.tidy).
     Without JavaScript the page's citation shows as the build wrote it. */
  // What a reader can cite: an article's or a page's section, a quote, a
  // timeline event; a decade of the timeline only groups its events.
  const CITABLE = "h2[id]:not(.timeline-decade), h3.timeline-event__title[id]";
  const CLOSERS = "\u201d\u2019\u00bb";

  function headingText(heading) {
    let text = "";
    for (const node of heading.childNodes) {
      if (node.nodeType === Node.ELEMENT_NODE && node.matches(".headerlink, .print-section")) continue;
      text += node.textContent;
    }
    return text.trim();
  }

  function titleCase(title, minor) {
    const edges = /^[\u201c\u201d\u2018\u2019"'()[\]:,.;!?]+|[\u201c\u201d\u2018\u2019"'()[\]:,.;!?]+$/g;
    const words = title.split(" ");
    return words.map((word, index) => {
      const bare = word.replace(edges, "");
      const opens = index === 0 || words[index - 1].endsWith(":");
      const closes = index === words.length - 1;
      if (!bare || bare !== bare.toLowerCase() || bare === bare.toUpperCase()) return word;
      if (minor.has(bare) && !opens && !closes) return word;
      const at = word.indexOf(bare[0]);
      return word.slice(0, at) + word[at].toUpperCase() + word.slice(at + 1);
    }).join(" ");
  }

  function textNodes(root) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    return nodes;
  }

  // A period right after a title's question or exclamation mark goes.
  function tidy(root) {
    const after = new RegExp(`[?!][${CLOSERS}]*$`);
    let before = "";
    for (const node of textNodes(root)) {
      let text = node.nodeValue.replace(new RegExp(`([?!][${CLOSERS}]*)\\.`, "g"), "$1");
      if (after.test(before)) text = text.replace(new RegExp(`^([${CLOSERS}]*)\\.`), "$1");
      node.nodeValue = text;
      if (text) before = text;
    }
  }

  const latex = (text) => text.replace(/[\\{}%&#$_~^]/g, (char) => ({
    "\\": "\\textbackslash{}", "~": "\\textasciitilde{}", "^": "\\textasciicircum{}",
  })[char] || `\\${char}`);

  function setUpCitations() {
    const cite = document.querySelector("details.cite");
    if (!cite || cite.dataset.ready) return;
    cite.dataset.ready = "true";
    const data = JSON.parse(cite.querySelector(".cite__data").textContent);
    const marks = data.placeholders;
    const minor = new Set(data.minor);
    const lang = document.documentElement.lang;
    const today = new Intl.DateTimeFormat(lang, {day: "2-digit", month: "2-digit", year: "numeric"})
      .format(new Date());

    // One style's citation of the page or a section, in place of the build's.
    function cited(text, title, url) {
      const fragment = text.nextElementSibling.content.cloneNode(true);
      const cased = text.dataset.case === "title" ? titleCase(title, minor) : title;
      for (const node of textNodes(fragment)) {
        node.nodeValue = node.nodeValue.replaceAll(marks.title, cased).replaceAll(marks.url, url)
          .replaceAll(marks.accessed, today);
      }
      return fragment;
    }
    function show(title, url) {
      for (const text of cite.querySelectorAll(".cite__text")) {
        text.replaceChildren(cited(text, title, url));
        tidy(text);
      }
    }
    const first = cite.querySelector(".cite__text");
    const printed = document.querySelector(".cite__print-text");
    show(data.title, data.url);
    if (printed) printed.replaceChildren(...[...first.childNodes].map((node) => node.cloneNode(true)));

    // The files: the page's, or the section's, written here.
    const links = [...cite.querySelectorAll(".cite__files a")];
    for (const link of links) {
      link.dataset.page = link.getAttribute("href");
      link.dataset.pageName = link.download;
    }
    function offer(section) {
      for (const link of links) {
        if (link.href.startsWith("blob:")) URL.revokeObjectURL(link.href);
        if (!section) {
          link.href = link.dataset.page;
          link.download = link.dataset.pageName;
          continue;
        }
        const kind = link.dataset.kind;
        // As each file writes a title and an address (BibTeX's url field is verbatim).
        const inJSON = (t) => JSON.stringify(t).slice(1, -1);
        const [title, url] = {bib: [latex(section.title), section.url], json: [inJSON(section.title),
                              inJSON(section.url)]}[kind] || [section.title, section.url];
        const note = {bib: latex, json: inJSON}[kind]?.(data.note) ?? data.note;
        const text = data.files[kind].replaceAll(marks.title, title).replaceAll(marks.url, url)
          .replaceAll(marks.anchor, section.id).replaceAll(marks.note, note);
        link.href = URL.createObjectURL(new Blob([text], {type: link.type}));
        link.download = link.dataset.pageName.replace(/(\.\w+)$/, `-${section.id}$1`);
      }
    }

    // What to cite: the page, or one of its sections.
    const article = document.querySelector(".md-content article");
    const what = cite.querySelector(".cite__what");
    const select = what.querySelector("select");
    const headings = () => article.querySelectorAll(`${CITABLE}, h2.timeline-decade`);
    const whole = select.options[0];
    let chosen = "";
    let listed = false;
    function choose(id) {
      const heading = id && document.getElementById(id);
      if (id && !(heading && heading.matches(CITABLE) && article.contains(heading))) return;
      chosen = id;
      // Until the list is made, the box names the chosen section alone.
      if (!listed) select.replaceChildren(whole, ...(id ? [new Option(headingText(heading), id)] : []));
      select.value = id;
      if (!id) {
        show(data.title, data.url);
        offer(null);
        return;
      }
      const section = {id, title: data.section.replace("{page}", data.title).replace("{section}", headingText(heading)),
                       url: `${data.url}#${id}`};
      show(section.title, section.url);
      offer(section);
    }
    // The list of sections is made when a reader first goes to it: on a
    // timeline of many thousand events, only for a reader who asks for it.
    // Not when the box opens: Chromium can leave an open <details> drawn
    // closed when a <select> in it changes as it opens.
    function list() {
      if (listed) return;
      listed = true;
      const options = document.createDocumentFragment();
      let group = options;
      for (const heading of headings()) {
        if (heading.matches("h2.timeline-decade")) {
          group = document.createElement("optgroup");
          group.label = headingText(heading);
          options.append(group);
          continue;
        }
        group.append(new Option(headingText(heading), heading.id));
      }
      select.replaceChildren(whole, options);
      select.value = chosen;
    }
    if (article && !document.querySelector(".print-site__cover") && article.querySelector(CITABLE)) {
      what.hidden = false;
      for (const event of ["focus", "pointerdown", "keydown"]) select.addEventListener(event, list);
      select.addEventListener("change", () => choose(select.value));
      const follow = () => choose(decodeURIComponent(location.hash.slice(1)));
      window.addEventListener("hashchange", follow);
      follow();
    }

    // A copy button under each citation, where the clipboard can be written (a secure context).
    if (navigator.clipboard) {
      for (const text of cite.querySelectorAll(".cite__text")) {
        const button = document.createElement("button");
        const label = cite.dataset.copy.replace("{style}", text.dataset.name);
        button.type = "button";
        button.className = "md-button cite__copy";
        button.textContent = label;
        button.addEventListener("click", async () => {
          await navigator.clipboard.writeText(text.innerText.replace(/\s+/g, " ").trim());
          button.textContent = cite.dataset.copied;
          setTimeout(() => { button.textContent = label; }, 2000);
        });
        text.parentElement.append(button);
      }
    }
  }

  /* The anchors are the same in every language, so the place carries over. */
  function keepPlace(event) {
    const link = event.target.closest("a[data-language-switch]");
    if (!link || !location.hash) return;
    const url = new URL(link.href);
    url.hash = location.hash;
    link.href = url.href;
  }

  /* Menus from the keyboard. Material opens its navigation drawer, the page's
     contents inside it and, on narrow screens, its search with <label>s for
     hidden checkboxes: a pointer can use them, the keyboard cannot reach
     them. Each becomes a <button>, named as what it opens, that says whether
     it is open (aria-expanded), moves focus into what it opens, and takes
     focus back when Escape, or Material, closes it. While a panel covers the
     page (the drawer, and search on narrow screens), the rest of the page is
     inert, so that Tab stays in what the reader sees. site.css hides each
     closed panel, so that nothing in it takes focus. */
  const NARROW = {drawer: "(max-width: 76.234375em)", search: "(max-width: 59.984375em)"};
  const MENUS = [
    {toggle: "__drawer", opener: "label.md-header__button", panel: ".md-sidebar--primary",
     name: () => document.querySelector("nav.md-nav--primary")?.getAttribute("aria-label"), covers: NARROW.drawer},
    // The page's contents, inside the drawer: named by its own words and the contents' name.
    {toggle: "__toc", opener: "label.md-nav__link", panel: ".md-nav--primary .md-nav--secondary",
     name: (label) => [label.textContent.trim(),
                       document.querySelector(".md-nav--primary .md-nav--secondary")?.getAttribute("aria-label")]
       .filter(Boolean).join(" – ")},
    {toggle: "__search", opener: "label.md-header__button", panel: ".md-search__inner",
     name: () => document.querySelector(".md-search[role=dialog]")?.getAttribute("aria-label"),
     focus: "input.md-search__input", covers: NARROW.search},
  ];
  const FOCUSABLE = "a[href], button:not([disabled]), input:not([type=hidden]), select, textarea, [tabindex='0']";
  const opened = [];  // the open menus, innermost last

  const setToggle = (toggle, on) => {
    if (toggle.checked === on) return;
    toggle.checked = on;
    toggle.dispatchEvent(new Event("change"));  // as Material's own code does, which listens for it
  };

  /* Make everything but `panel` inert (or live again): each sibling of the
     panel and of every element above it. */
  const inertOutside = (panel, on) => {
    for (let node = panel; node && node !== document.body; node = node.parentElement) {
      for (const sibling of node.parentElement.children) {
        if (sibling === node || sibling.matches("script, input.md-toggle")) continue;
        if (on && !sibling.inert) { sibling.inert = true; sibling.dataset.menuInert = ""; }
        if (!on && sibling.dataset.menuInert !== undefined) { sibling.inert = false; delete sibling.dataset.menuInert; }
      }
    }
  };

  function setUpMenu(menu) {
    const toggle = document.getElementById(menu.toggle);
    const label = document.querySelector(`${menu.opener}[for="${menu.toggle}"]`);
    const panel = document.querySelector(menu.panel);
    if (!toggle || !label || !panel) return;
    const button = document.createElement("button");
    button.type = "button";
    button.className = label.className;
    // Material's stylesheet shows, hides and places the opener by this attribute.
    button.setAttribute("for", menu.toggle);
    button.setAttribute("aria-label", menu.name(label) || label.textContent.trim());
    panel.id ||= `${menu.toggle.slice(2)}-panel`;
    button.setAttribute("aria-controls", panel.id);
    button.setAttribute("aria-expanded", String(toggle.checked));
    button.append(...label.childNodes);
    label.replaceWith(button);
    let followed = null;  // a link inside the panel to a place on this page, just followed

    button.addEventListener("click", () => setToggle(toggle, !toggle.checked));
    panel.addEventListener("click", (event) => {
      const link = event.target.closest("a[href^='#']");
      followed = link ? decodeURIComponent(link.hash.slice(1)) : null;
    });
    toggle.addEventListener("change", () => {
      button.setAttribute("aria-expanded", String(toggle.checked));
      const covers = Boolean(menu.covers && matchMedia(menu.covers).matches);
      if (toggle.checked) {
        opened.push(menu);
        if (covers) inertOutside(panel, true);
        // Focus moves in once the panel shows (site.css makes it visible at once).
        requestAnimationFrame(() => {
          if (panel.contains(document.activeElement)) return;
          // Not inside a nested panel whose toggle is off: one just closed still shows while it slides away.
          (menu.focus ? panel.querySelector(menu.focus) : [...panel.querySelectorAll(FOCUSABLE)]
            .find((el) => el.getClientRects().length && !el.closest(".md-toggle:not(:checked) ~ .md-nav")))?.focus();
        });
        return;
      }
      opened.splice(opened.indexOf(menu), 1);
      inertOutside(panel, false);
      const target = followed && document.getElementById(followed);
      followed = null;
      if (target) {
        // A link to a place on this page: the reader goes on from there.
        if (!target.matches(FOCUSABLE)) target.tabIndex = -1;
        target.focus({preventScroll: true});
      } else if ((panel.contains(document.activeElement) || document.activeElement === document.body)
                 && button.getClientRects().length) {
        button.focus();
      }
    });
    menu.input = toggle;
  }

  /* Escape closes the innermost open menu; Material closes search itself.
     Material also closes search on Tab, as suits its drop-down on wide
     screens; where search covers the page, Tab goes on to its results
     instead, as in any dialog (this listener runs before Material's). */
  window.addEventListener("keydown", (event) => {
    const menu = opened[opened.length - 1];
    if (!menu) return;
    if (event.key === "Tab" && menu.covers && matchMedia(menu.covers).matches) {
      event.stopImmediatePropagation();
    } else if (event.key === "Escape" && !menu.focus) {
      event.preventDefault();
      setToggle(menu.input, false);
    }
  }, true);

  /* Material shows the colour toggle of the scheme in use, but on a first
     visit in the system's dark scheme it checks none of the toggle's radios:
     Tab then stops on the first, whose toggle is hidden. The radio of the
     toggle shown is checked, as Material checks it once the reader chooses. */
  function checkShownPalette() {
    const inputs = [...document.querySelectorAll("input.md-option")];
    if (inputs.some((input) => input.checked)) return;
    const shown = inputs.find((input) => input.nextElementSibling?.matches("label:not([hidden])"));
    if (shown) shown.checked = true;
  }

  document.addEventListener("click", keepPlace, true);
  const ready = () => {
    if (!document.body.dataset.menus) {
      document.body.dataset.menus = "ready";
      for (const menu of MENUS) setUpMenu(menu);
      checkShownPalette();
    }
    addButtons();
    setUpFilters();
    setUpCitations();
  };
  if (typeof document$ !== "undefined") document$.subscribe(ready);
  else document.addEventListener("DOMContentLoaded", ready);
})();
