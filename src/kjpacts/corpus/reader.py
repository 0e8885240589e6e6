"""An NLTK corpus reader over the clean texts, used the way the NLTK book uses its readers.

File ids are ``<doc_id>.txt``. Each file is in exactly one category of the chosen grouping, so
the NLTK book's chapter 2 idiom ``ConditionalFreqDist((c, w) for c in reader.categories() for w
in reader.words(categories=c))`` counts every word once. The default grouping is the outlet
(``outlet:<id>``); ``categories="agency"`` gives ``agency:<name>`` (``agency:none`` for staff
copy), ``categories="year"`` gives ``year:<yyyy>``, and ``categories="all"`` all three at once
(each file then in three categories).

``readme()`` is the corpus's DATASHEET.md, ``license()`` its RIGHTS.md (the article texts' rights;
the kit's own files are MIT) and ``citation()`` its citation.bib, as for NLTK's own corpora.

>>> import kjpacts
>>> reader = kjpacts.load().reader()
>>> reader.fileids()[:2]
['ahram-2011-01-10.txt', 'koreaherald-2012-05-13.txt']
>>> reader.categories()
['outlet:ahram-online', 'outlet:korea-herald', 'outlet:washington-post', 'outlet:yonhap']
>>> reader.fileids(categories="outlet:korea-herald")
['koreaherald-2012-05-13.txt', 'koreaherald-2012-05.txt']
>>> kjpacts.load().reader(categories="agency").categories()
['agency:afp', 'agency:none', 'agency:yonhap']
>>> reader.words("wapo-2011-01-11.txt")[:6]
['Japan', ',', 'S', '.', 'Korea', 'seek']
>>> reader.sents("yonhap-2012-06-27.txt")[-1][-6:]
['Britain', ',', 'Australia', 'and', 'Russia', '.']
>>> len(reader.paras("koreaherald-2012-05-13.txt"))
12
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from kjpacts.nltk_setup import setup_nltk

if TYPE_CHECKING:
    from nltk.corpus.reader import CategorizedPlaintextCorpusReader

    from kjpacts.corpus.load import Corpus


GROUPINGS = ("outlet", "agency", "year")
#: Files of the corpus folder that the reader's readme(), license() and citation() return.
README, LICENSE, CITATION = "DATASHEET.md", "RIGHTS.md", "citation.bib"


def categories_of(meta: dict, grouping: str = "outlet") -> list[str]:
    """The reader categories of one document's metadata in one grouping ('outlet', 'agency',
    'year', or 'all' for the three)."""
    agency = (meta.get("agency") or "none").lower()
    every = {"outlet": f"outlet:{meta['outlet_id']}", "agency": f"agency:{agency}",
             "year": f"year:{meta['published'][:4]}"}
    if grouping == "all":
        return list(every.values())
    if grouping not in every:
        raise ValueError(f"unknown categories {grouping!r}; use one of: {', '.join(GROUPINGS)}, all")
    return [every[grouping]]


class KitSentenceTokenizer:
    """Sentence splitter for the reader: ``nltk.sent_tokenize`` with the kit's Punkt parameters."""

    def tokenize(self, text: str) -> list[str]:
        import nltk

        return nltk.sent_tokenize(text)


def reader_class() -> type:
    """``CategorizedPlaintextCorpusReader`` whose readme(), license() and citation() read the
    corpus folder (the parent of ``clean/``), where NLTK would look in the reader's root."""
    from nltk.corpus.reader import CategorizedPlaintextCorpusReader

    class KitCorpusReader(CategorizedPlaintextCorpusReader):
        corpus_folder: Path

        def _corpus_file(self, name: str) -> str:
            path = self.corpus_folder / name
            if not path.is_file():
                raise FileNotFoundError(f"{path}: the corpus folder has no {name}; restore it")
            return path.read_text(encoding="utf-8")

        def readme(self) -> str:
            """The corpus datasheet (DATASHEET.md)."""
            return self._corpus_file(README)

        def license(self) -> str:
            """The rights statement of the article texts (RIGHTS.md); the kit's own files are MIT."""
            return self._corpus_file(LICENSE)

        def citation(self) -> str:
            """How to cite the corpus, as BibTeX (citation.bib)."""
            return self._corpus_file(CITATION)

    return KitCorpusReader


def corpus_reader(corpus: "Corpus", sent_tokenizer: Any = None, word_tokenizer: Any = None,
                  categories: str = "outlet") -> "CategorizedPlaintextCorpusReader":
    """A ``CategorizedPlaintextCorpusReader`` on ``corpus.root / 'clean'``.

    Like NLTK's own readers it takes its tokenizers as arguments: ``sent_tokenizer`` (default:
    the kit's Punkt via ``nltk.sent_tokenize``) and ``word_tokenizer`` (default: NLTK's
    ``WordPunctTokenizer``, as for every plaintext reader). ``categories`` picks the grouping:
    'outlet' (default), 'agency', 'year' or 'all'.
    """
    import nltk

    setup_nltk()
    root = str(corpus.root / "clean")
    if root not in nltk.data.path:  # NLTK 3.10 only reads folders on its data path
        nltk.data.path.append(root)
    cat_map = {f"{d.doc_id}.txt": categories_of(d.meta, categories) for d in corpus}
    options = {"word_tokenizer": word_tokenizer} if word_tokenizer is not None else {}
    reader = reader_class()(
        root, sorted(cat_map), cat_map=cat_map, encoding="utf-8",
        sent_tokenizer=sent_tokenizer if sent_tokenizer is not None else KitSentenceTokenizer(), **options,
    )
    reader.corpus_folder = Path(corpus.root)
    return reader
