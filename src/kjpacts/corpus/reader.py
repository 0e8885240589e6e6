"""An NLTK corpus reader over the clean texts, used the way the NLTK book uses its readers.

File ids are ``<doc_id>.txt``; categories are ``outlet:<id>``, ``agency:<name>``
(``agency:none`` for staff copy) and ``year:<yyyy>``.

>>> import kjpacts
>>> reader = kjpacts.load().reader()
>>> reader.fileids()[:2]
['ahram-2011-01-10.txt', 'koreaherald-2012-05-13.txt']
>>> reader.categories()
['agency:afp', 'agency:none', 'agency:yonhap', 'outlet:ahram-online', 'outlet:korea-herald', 'outlet:washington-post', 'outlet:yonhap', 'year:2011', 'year:2012']
>>> reader.fileids(categories="outlet:korea-herald")
['koreaherald-2012-05-13.txt', 'koreaherald-2012-05.txt']
>>> reader.words("wapo-2011-01-11.txt")[:6]
['Japan', ',', 'S', '.', 'Korea', 'seek']
>>> reader.sents("yonhap-2012-06-27.txt")[-1][-6:]
['Britain', ',', 'Australia', 'and', 'Russia', '.']
>>> len(reader.paras("koreaherald-2012-05-13.txt"))
12
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kjpacts.nltk_setup import setup_nltk

if TYPE_CHECKING:
    from nltk.corpus.reader import CategorizedPlaintextCorpusReader

    from kjpacts.corpus.load import Corpus


def categories_of(meta: dict) -> list[str]:
    """The reader categories of one document's metadata."""
    agency = (meta.get("agency") or "none").lower()
    return [f"outlet:{meta['outlet_id']}", f"agency:{agency}", f"year:{meta['published'][:4]}"]


class KitSentenceTokenizer:
    """Sentence splitter for the reader: ``nltk.sent_tokenize`` with the kit's Punkt parameters."""

    def tokenize(self, text: str) -> list[str]:
        import nltk

        return nltk.sent_tokenize(text)


def corpus_reader(corpus: "Corpus", sent_tokenizer: Any = None, word_tokenizer: Any = None) -> "CategorizedPlaintextCorpusReader":
    """A ``CategorizedPlaintextCorpusReader`` on ``corpus.root / 'clean'``.

    Like NLTK's own readers it takes its tokenizers as arguments: ``sent_tokenizer`` (default:
    the kit's Punkt via ``nltk.sent_tokenize``) and ``word_tokenizer`` (default: NLTK's
    ``WordPunctTokenizer``, as for every plaintext reader).
    """
    import nltk
    from nltk.corpus.reader import CategorizedPlaintextCorpusReader

    setup_nltk()
    root = str(corpus.root / "clean")
    if root not in nltk.data.path:  # NLTK 3.10 only reads folders on its data path
        nltk.data.path.append(root)
    cat_map = {f"{d.doc_id}.txt": categories_of(d.meta) for d in corpus}
    options = {"word_tokenizer": word_tokenizer} if word_tokenizer is not None else {}
    return CategorizedPlaintextCorpusReader(
        root, sorted(cat_map), cat_map=cat_map, encoding="utf-8",
        sent_tokenizer=sent_tokenizer if sent_tokenizer is not None else KitSentenceTokenizer(), **options,
    )
