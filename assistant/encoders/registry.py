"""The encoder registry: the embedder the settings ask for (sentence-transformers on
torch, or the ONNX export), the ingest backend, and the encoders questions use."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cached_property
from pathlib import Path

from assistant.config import Backend, Settings
from assistant.encoders.embed import Embedder, SentenceTransformerEmbedder, packaged_model_dir
from assistant.encoders.multilingual import UseEmbedder
from assistant.encoders.onnx import OnnxEmbedder


def _torch(model_dir: Path, index_dir: Path) -> Embedder:
    return SentenceTransformerEmbedder(model_dir)


def _torch_bf16(model_dir: Path, index_dir: Path) -> Embedder:
    return SentenceTransformerEmbedder(model_dir, bf16=True)


def _onnx(model_dir: Path, index_dir: Path) -> Embedder:
    return OnnxEmbedder(model_dir, index_dir / "onnx" / "model.onnx")


def _onnx_int8(model_dir: Path, index_dir: Path) -> Embedder:
    return OnnxEmbedder(model_dir, index_dir / "onnx" / "model.int8.onnx", quantized=True)


BACKENDS: dict[Backend, Callable[[Path, Path], Embedder]] = {
    "torch": _torch,
    "torch-bf16": _torch_bf16,
    "onnx": _onnx,
    "onnx-int8": _onnx_int8,
}


def make_embedder(settings: Settings) -> Embedder:
    """The embedder for `settings.embedding_backend`; the model files stay local."""
    model_dir = settings.model_dir or packaged_model_dir()
    return BACKENDS[settings.embedding_backend](model_dir, settings.index_dir)


BF16_MIN_BYTES = 500_000
"""New text, in bytes of files, from which `auto` ingest loads torch for bfloat16. Loading
sentence-transformers takes about 5 s; bfloat16 embeds ~520 sentences/s against ONNX's ~170
(bench/ingest_speed.py), so it pays from ~1,300 sentences, about 120 KB of text: 500 KB
leaves room for a slower disk or CPU."""


def native_bf16(cpuinfo: Path = Path("/proc/cpuinfo")) -> bool:
    """Whether the CPU computes bfloat16 natively (AMX or AVX512-BF16); False where unknown."""
    try:
        flags = cpuinfo.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    return re.search(r"\b(amx_bf16|avx512_bf16)\b", flags) is not None


def ingest_backend(settings: Settings, new_bytes: int) -> Backend:
    """The backend an ingest of `new_bytes` of changed files uses (`settings.ingest_backend`).

    `auto` keeps the query encoder's vectors: bfloat16 only stands in for the
    float32 backends, never for int8, whose vectors differ.
    """
    if settings.ingest_backend != "auto":
        return settings.ingest_backend
    fast = (
        settings.embedding_backend in ("onnx", "torch")
        and new_bytes >= BF16_MIN_BYTES
        and native_bf16()
    )
    return "torch-bf16" if fast else settings.embedding_backend


class Encoders:
    """The encoders questions need, each made on first use and shared by every index
    version (the model does not change between versions of one index)."""

    def __init__(self, settings: Settings, *, english: Embedder | None = None) -> None:
        self.settings = settings
        self._english = english

    @cached_property
    def english(self) -> Embedder:
        """The query encoder (`settings.embedding_backend`), or the one given."""
        return self._english or make_embedder(self.settings)

    @cached_property
    def multilingual(self) -> Embedder:
        """USE multilingual v3, for questions in another language than English."""
        return UseEmbedder()
