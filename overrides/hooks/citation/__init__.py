"""How to cite a page of the site: one record per page, three styles and three files made from it.

- record.py: the `Citation` (what a citation of a page says), the words the
  styles need (dates, title case) and the files reference managers import:
  CSL-JSON, BibTeX (biblatex) and RIS.
- changes.py: the day each file last changed, from git, which is the date a
  citation gives its page.

The APA, MLA and Chicago texts are Jinja macros (overrides/partials/cite.html);
the MkDocs hook, cite_page.py, builds each page's Citation and writes its files.
This package knows nothing of MkDocs.
"""

from citation.record import Citation, Source

__all__ = ["Citation", "Source"]
