"""How to cite a page of the site: one record per page, its styles and its files made from it.

- record.py: the `Citation` (what a citation of a page or section says), its
  CSL-JSON item, and the files reference managers import: CSL-JSON, BibTeX
  (biblatex) and RIS, and the COinS they read from the page.
- csl.py: the styles, rendered by citeproc-py from the CSL-JSON item, with
  what citeproc-py gets wrong put right; patches.py: what the site changes in
  the styles, and styles/ the one it copies to change.
- changes.py: from git, the day each file last changed, which is the date a
  citation gives its page, and the commit a build is of, its version.

The MkDocs hook, cite_page.py, builds each page's Citation and writes its
files; partials/cite.html shows it. This package knows nothing of MkDocs.
"""

from citation.record import Citation, Source

__all__ = ["Citation", "Source"]
