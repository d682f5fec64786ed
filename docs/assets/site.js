/* The site's own behaviour, in every language (the words come from the page's
   #site-strings, which main.html fills from overrides/locales/):
   - "Print this section": a button on each section, event and quote that
     prints only that part, under a header naming the site, page and address.
     Without JavaScript there are no buttons, and printing the page still works.
   - The language switcher keeps the reader's place: it links the same page in
     each language, and this adds the #anchor the reader is at. */
(() => {
  "use strict";

  const strings = JSON.parse(document.getElementById("site-strings")?.textContent || "{}");
  const words = (key, values = {}) =>
    (strings[key] || "").replace(/\{(\w+)\}/g, (_, name) => values[name] ?? "");

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

  function addButtons() {
    const article = document.querySelector(".md-content article");
    if (!article || document.querySelector(".print-site__cover")) return;
    for (const heading of article.querySelectorAll("h2[id], h3.timeline-event__title[id]")) {
      // An event's button opens its entry, inside the rule that joins the two.
      const entry = heading.matches(".timeline-event__title") ? heading.nextElementSibling : null;
      const first = entry ? entry.firstElementChild : heading.nextElementSibling;
      if (first && first.matches(".print-section")) continue;
      const name = heading.textContent.replace(/¶$/, "").trim();
      const button = document.createElement("button");
      button.type = "button";
      button.className = "print-section";
      button.setAttribute("aria-label", words("print_section_named", {title: name}));
      button.innerHTML = `${ICON}<span></span>`;
      button.lastChild.textContent = words("print_section");
      button.addEventListener("click", () => printSection(heading));
      if (entry) entry.prepend(button);
      else heading.after(button);
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

  document.addEventListener("click", keepPlace, true);
  if (typeof document$ !== "undefined") document$.subscribe(addButtons);
  else document.addEventListener("DOMContentLoaded", addButtons);
})();
