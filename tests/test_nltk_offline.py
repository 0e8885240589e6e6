"""Stock NLTK calls work with no download, with NLTK_DATA empty and the network blocked."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

import kjpacts  # noqa: F401  (puts the kit's nltk_data on the path)
import nltk

from .conftest import ROOT

# (text, expected sentences): every hard case in the seeds plus common abbreviations they lack.
HARD = [
    ('Rep. Kim Eul-dong of the ruling Saenuri Party told Yonhap News Agency, "Various issues remain unresolved between Korea and Japan."',
     1),
    ("About 28,500 U.S. troops, mostly ground soldiers, are stationed in South Korea and more than 35,000 U.S. troops are stationed in Japan.", 1),
    ("Speaking here on Dec. 9, Adm. Mike Mullen, chairman of the Joint Chiefs of Staff, urged cooperation. He spoke in Tokyo.", 2),
    ("But analysts note recent signs, particularly in the aftermath of North Korea's Nov. 23 shelling on Yeonpyeong Island. When the United States and Japan held drills, South Korea sent observers.", 2),
    ("S. Korea and Japan discuss security cooperation. The talks began.", 2),
    ("It cited the presence of U.S. forces in Japan. The official said so.", 2),
    ("Gen. Walter Sharp met Lt. Col. Park and Sen. John McCain. Dr. Kim was there too.", 2),
    ("Talks were held on Jan. 5, Feb. 6, Mar. 7, Apr. 8 and Aug. 9. Others followed.", 2),
    ("Meetings in Jun. 2012, Jul. 2012, Sep. 2012, Sept. 2012, Oct. 2012, Nov. 2012 and Dec. 2012 ended. Nothing was signed.", 2),
    # written for issue 13, not in the corpus: weekdays, titles and ranks the seeds lack
    ("The talks resumed on Tues. Jan. 10 in Seoul. Officials said little.", 2),
    ("Ministers met on Mon. Feb. 6 and again on Wed. Feb. 8. Nothing was agreed.", 2),
    ("Adm. Choi arrived on Thurs. Mar. 8 and left on Fri. Mar. 9 with Brig. Gen. Yoon. He said nothing.", 2),
    ("Lt. Gen. Kim and Sgt. Park met Gov. Lee, Prof. Choi and Dr. Yoon. The meeting was brief.", 2),
    ("Sen. Kim, Rep. Park and Col. Lee spoke on Sat. Apr. 7 and Sun. Apr. 8. Maj. Cho did not.", 2),
]


@pytest.mark.parametrize("text,n", HARD)
def test_sentence_splitting_on_hard_cases(text, n):
    sents = nltk.sent_tokenize(text)
    assert len(sents) == n, sents
    assert "".join(sents).replace(" ", "") == text.replace(" ", "")


def test_reader_readme_license_citation(corpus):
    reader = corpus.reader()
    assert reader.readme() == (corpus.root / "DATASHEET.md").read_text(encoding="utf-8")
    assert "copyright of its publisher" in reader.license()
    assert reader.citation().startswith("@misc{kjpacts_corpus,") and "version      = {0.1.0}" in reader.citation()


def test_citation_bib_matches_citation_cff():
    cff = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    bib = (ROOT / "corpus" / "citation.bib").read_text(encoding="utf-8")
    version = next(line.split(":", 1)[1].strip() for line in cff.splitlines() if line.startswith("version:"))
    title = next(line.split(":", 1)[1].strip().strip('"') for line in cff.splitlines() if line.startswith("title:"))
    assert f"version      = {{{version}}}" in bib and f"title        = {{{title}}}" in bib


def test_book_chapter_2_idiom_counts_each_word_once(corpus):
    """ConditionalFreqDist over reader.categories() (NLTK book ch. 2) counts every token once."""
    import re

    reader = corpus.reader()
    cfd = nltk.ConditionalFreqDist((c, w) for c in reader.categories() for w in reader.words(categories=c))
    # WordPunctTokenizer's pattern, applied to the files directly: the expected token count
    expected = sum(len(re.findall(r"\w+|[^\w\s]+", p.read_text(encoding="utf-8")))
                   for p in (corpus.root / "clean").glob("*.txt"))
    assert cfd.N() == expected
    assert sorted(cfd.conditions()) == ["outlet:ahram-online", "outlet:korea-herald", "outlet:washington-post",
                                        "outlet:yonhap"]
    for grouping, n in (("agency", 3), ("year", 2)):
        other = corpus.reader(categories=grouping)
        assert len(other.categories()) == n and all(c.startswith(grouping + ":") for c in other.categories())
        assert sum(len(other.words(categories=c)) for c in other.categories()) == expected
    assert len(corpus.reader(categories="all").categories()) == 9
    with pytest.raises(ValueError, match="unknown categories 'genre'"):
        corpus.reader(categories="genre")


def test_no_false_split_in_the_corpus(corpus):
    from kjpacts.nlp import sentences

    abbreviations = ("U.S.", "Rep.", "Nov.", "Dec.", "Adm.", "S.", "N.", "Gen.", "Lt.", "Col.", "Sen.", "Gov.", "Dr.")
    for doc in corpus:
        for sent in sentences(doc):
            assert not sent.text.endswith(abbreviations), (doc.doc_id, sent.text)
            assert sent.text == doc.text[sent.start:sent.end]


def test_nltk_data_is_empty_and_kit_folder_is_private():
    env_dir = os.environ.get("NLTK_DATA")
    if env_dir:
        assert not any(Path(env_dir).iterdir()), "NLTK_DATA must be empty for this suite"
    kit = kjpacts.setup_nltk()
    assert str(kit) in nltk.data.path
    assert (kit.stat().st_mode & 0o077) == 0


def test_word_tokenize_and_stopwords():
    assert nltk.word_tokenize("Seoul's defense ministry said U.S. forces") == [
        "Seoul", "'s", "defense", "ministry", "said", "U.S.", "forces"]
    stops = nltk.corpus.stopwords.words("english")
    assert "the" in stops and "of" in stops
    assert "said" not in stops and "new" not in stops


def test_collocations_use_the_kit_stopwords(corpus, capsys):
    text = nltk.Text(nltk.word_tokenize(" ".join(d.text for d in corpus)))
    text.collocations()
    out = capsys.readouterr().out
    assert "North Korea" in out and "South Korea" in out
    assert "of the" not in out


def test_vader_sentiment_matches_the_lexicon_package():
    from nltk.sentiment.vader import SentimentIntensityAnalyzer
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer as Reference

    sia = SentimentIntensityAnalyzer()
    for sentence in ["Tokyo's brutal occupation of Korea", "a mature, future-oriented relationship", "The talks were held."]:
        ours, ref = sia.polarity_scores(sentence), Reference().polarity_scores(sentence)
        assert abs(ours["compound"] - ref["compound"]) < 0.05
    assert sia.polarity_scores("Tokyo's brutal occupation")["compound"] < -0.3


def fresh_process(code: str, tmp_path: Path, kit_dir: str = "kit") -> str:
    """Run ``code`` in a new Python with NLTK_DATA empty and a brand-new kit folder; its stdout."""
    env = dict(os.environ, NLTK_DATA=str(tmp_path / "empty"), KJPACTS_NLTK_DIR=str(tmp_path / kit_dir), HOME=str(tmp_path))
    (tmp_path / "empty").mkdir()
    out = subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    return out.stdout.strip()


def test_fresh_process_with_empty_nltk_data(tmp_path):
    """A new process, a brand-new kit folder, NLTK_DATA empty: the NLTK book's calls work."""
    code = (
        "import kjpacts, nltk\n"
        "from nltk.sentiment.vader import SentimentIntensityAnalyzer\n"
        "assert nltk.sent_tokenize('U.S. troops stayed. They left.') == ['U.S. troops stayed.', 'They left.']\n"
        "assert 'the' in nltk.corpus.stopwords.words('english')\n"
        "print(SentimentIntensityAnalyzer().polarity_scores('good')['compound'] > 0)\n"
    )
    assert fresh_process(code, tmp_path, kit_dir="fresh") == "True"
    assert (tmp_path / "fresh" / "tokenizers" / "punkt_tab" / "english" / "abbrev_types.txt").is_file()


def test_group_writable_install_still_works(tmp_path):
    """A shared, group-writable environment: the kit copies its data into a private folder."""
    kit = kjpacts.setup_nltk(tmp_path / "nltk_data")
    assert (kit.stat().st_mode & 0o077) == 0
    for path in kit.rglob("*"):
        assert path.stat().st_mode & 0o022 == 0, path


#: A loopback address outside both guards' allow-list (127.0.0.1, ::1, localhost): the block is
#: proved against it, so even a broken guard sends nothing off this machine. An audit hook
#: (``socket.connect`` fires inside CPython before the system call) records any attempt that
#: reaches the socket layer and aborts it.
NOT_ALLOWED = ("127.0.0.2", 9)
_attempts: list = []


def _abort_connects(event: str, args: tuple) -> None:
    if event == "socket.connect" and isinstance(args[1], tuple) and args[1][0] == NOT_ALLOWED[0]:
        _attempts.append(args[1])
        raise RuntimeError(f"audit hook: a connect to {args[1]!r} reached the socket layer")


def test_network_is_blocked_before_any_socket_call():
    """The in-process guard (pytest-socket) refuses before CPython's socket.connect runs."""
    sys.addaudithook(_abort_connects)
    _attempts.clear()
    with pytest.raises(Exception) as info:
        socket.create_connection(NOT_ALLOWED, timeout=1)
    assert "audit hook" not in str(info.value), "the guard let the connect reach the socket layer"
    assert "ConnectionRefused" not in type(info.value).__name__
    assert _attempts == []


CHILD = f"""
import socket, sys
attempts = []
def hook(event, args):
    if event == "socket.connect" and isinstance(args[1], tuple) and args[1][0] == {NOT_ALLOWED[0]!r}:
        attempts.append(args[1])
        raise RuntimeError("audit hook: connect reached the socket layer")
sys.addaudithook(hook)
try:
    socket.create_connection({NOT_ALLOWED!r}, timeout=1)
except Exception as exc:
    print(type(exc).__name__, exc, file=sys.stderr)
print("reached-socket-layer" if attempts else "refused-before-socket-layer")
"""


def test_network_is_blocked_in_children_before_any_socket_call():
    """Every child process (kernels, servers) is guarded too, and refuses before any connect.

    Where ``unshare -n`` works (root), the child also runs in a network namespace of its own,
    which has no route off the machine at all."""
    if "offline_guard" not in os.environ.get("PYTHONPATH", ""):
        pytest.skip("child processes are guarded only under `python -m tests.run` (make test)")
    cmd = [sys.executable, "-c", CHILD]
    if shutil.which("unshare") and subprocess.run(["unshare", "-n", "true"], capture_output=True).returncode == 0:
        cmd = ["unshare", "-n", *cmd]
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    assert out.stdout.split() == ["refused-before-socket-layer"], out.stdout + out.stderr
    assert "blocked" in out.stderr


def test_loopback_outside_the_allow_list_is_reachable_without_the_guard():
    """The probe address is a real, refusing loopback port: unguarded, a connect reaches the socket
    layer and fails with "connection refused" (so the guarded tests above see the guard, not that)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    probe = f"import socket\ntry:\n    socket.create_connection({NOT_ALLOWED!r}, timeout=1)\nexcept OSError as e:\n    print(type(e).__name__)"
    out = subprocess.run([sys.executable, "-S", "-c", probe], capture_output=True, text=True, timeout=60, env=env)
    assert out.stdout.strip() == "ConnectionRefusedError", out.stdout + out.stderr


def test_kit_never_calls_nltk_download():
    for folder in ("src", "notebooks", "exercises"):
        for path in (ROOT / folder).rglob("*"):
            if path.suffix in (".py", ".ipynb") and path.is_file():
                assert "nltk.download(" not in path.read_text(encoding="utf-8"), path


def test_shipped_punkt_parameters_are_reproducible(corpus):
    from kjpacts.nltk_setup import write_punkt_files

    assert write_punkt_files([d.text for d in corpus], check=True) == []


@pytest.mark.parametrize("order", ["kjpacts first", "nltk first"])
def test_importing_the_kit_does_not_import_nltk_yet_the_book_calls_work(tmp_path, order):
    """`import kjpacts` stays cheap (no NLTK import); NLTK finds the kit's data whenever it is imported."""
    first = "import kjpacts, sys\nassert 'nltk' not in sys.modules, 'import kjpacts imported NLTK'\nimport nltk\n"
    if order == "nltk first":
        first = "import nltk\nimport kjpacts\n"
    code = first + (
        "folder = str(kjpacts.setup_nltk())\n"
        "assert nltk.data.path.count(folder) == 1, nltk.data.path\n"
        "print(nltk.sent_tokenize('Adm. Mike Mullen spoke on Dec. 9. He urged cooperation.'))\n"
    )
    assert fresh_process(code, tmp_path) == "['Adm. Mike Mullen spoke on Dec. 9.', 'He urged cooperation.']"
