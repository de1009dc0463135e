"""SQuAD 2.0 dev article "Normans" as a brief: answer or abstain, measured apart.

One encyclopedia article (its paragraphs, in order, under its title) is the corpus; its
200+ crowd questions, about half adversarially unanswerable, are asked once each. Only
totals are printed and saved: the article is never trained, calibrated or looked at
(`bench/train_judge.py` refuses it).

- answered right: an answerable question answered (not abstained) with one of its gold
  answers inside the answer's text;
- abstention recall: unanswerable questions abstained; precision: abstentions that were
  on unanswerable questions;
- the always-abstain baseline, for scale.

`--file`: a SQuAD 2.0 JSON file holding the article (dev-v2.0.json, or the Normans-only
copy published at github.com/rabinadk1/ReadIt). `--scorer judge` (or `verdict`) measures a
learned scorer; `ASSISTANT_*` variables apply (e.g. an earlier threshold).

    python squad.py --file dev-v2.0.json --scorer blend --label after
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path
from typing import Any

from common import save

from assistant import Assistant, Settings
from assistant.api import SCORERS

ARTICLE = "Normans"


def article(path: Path) -> dict[str, Any]:
    data = json.loads(path.read_text(encoding="utf-8"))["data"]
    return next(a for a in data if a["title"] == ARTICLE)


def brief(text: dict[str, Any]) -> str:
    return f"# {text['title']}\n\n" + "".join(
        p["context"].strip() + "\n\n" for p in text["paragraphs"]
    )


def measure(path: Path, scorer_name: str) -> dict[str, Any]:
    text = article(path)
    with tempfile.TemporaryDirectory() as folder:
        corpus = Path(folder) / "corpus"
        corpus.mkdir()
        (corpus / "normans.md").write_text(brief(text), encoding="utf-8")
        settings = Settings.from_env().with_(corpus_dir=corpus, index_dir=Path(folder) / "index")
        assistant = Assistant.open(settings, scorer=SCORERS[scorer_name](settings))
        answered = right = abstained = abstained_right = unanswerable = verbatim = cites = 0
        confidences: list[tuple[float, bool]] = []
        for paragraph in text["paragraphs"]:
            for qa in paragraph["qas"]:
                answer = assistant.ask(qa["question"])
                impossible = bool(qa.get("is_impossible"))
                unanswerable += impossible
                said = " ".join(answer.answer.lower().split())
                gold = [" ".join(a["text"].lower().split()) for a in qa["answers"]]
                for c in answer.citations:
                    cites += 1
                    verbatim += c.text == assistant.source_text(c.source)[c.start : c.end]
                if answer.abstained:
                    abstained += 1
                    abstained_right += impossible
                else:
                    answered += not impossible
                    right += not impossible and any(g in said for g in gold)
                if answer.confidence is not None:
                    confidences.append((answer.confidence, impossible))
    total = sum(len(p["qas"]) for p in text["paragraphs"])
    answerable = total - unanswerable
    return {
        "scorer": scorer_name,
        "questions": total,
        "unanswerable": unanswerable,
        "answered_right": round(right / answerable, 3),
        "answered": round(answered / answerable, 3),
        "abstention_recall": round(abstained_right / unanswerable, 3),
        "abstention_precision": round(abstained_right / abstained, 3) if abstained else None,
        "always_abstain": {"abstention_recall": 1.0, "answered_right": 0.0,
                           "abstention_precision": round(unanswerable / total, 3)},
        "verbatim": round(verbatim / cites, 3) if cites else 1.0,
    }  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--file", type=Path, required=True)
    parser.add_argument("--scorer", choices=sorted(SCORERS), default="blend")
    parser.add_argument("--label", default=None, help="saved as squad-normans-LABEL")
    args = parser.parse_args()
    result = measure(args.file, args.scorer)
    save(f"squad-normans-{args.label or args.scorer}", result)
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
