"""The embedder the settings ask for: sentence-transformers on torch, or the ONNX export."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from assistant.config import Backend, Settings
from assistant.ingest.embed import Embedder, SentenceTransformerEmbedder, packaged_model_dir
from assistant.ingest.onnx import OnnxEmbedder


def _torch(model_dir: Path, index_dir: Path) -> Embedder:
    return SentenceTransformerEmbedder(model_dir)


def _onnx(model_dir: Path, index_dir: Path) -> Embedder:
    return OnnxEmbedder(model_dir, index_dir / "onnx" / "model.onnx")


def _onnx_int8(model_dir: Path, index_dir: Path) -> Embedder:
    return OnnxEmbedder(model_dir, index_dir / "onnx" / "model.int8.onnx", quantized=True)


BACKENDS: dict[Backend, Callable[[Path, Path], Embedder]] = {
    "torch": _torch,
    "onnx": _onnx,
    "onnx-int8": _onnx_int8,
}


def make_embedder(settings: Settings) -> Embedder:
    """The embedder for `settings.embedding_backend`; the model files stay local."""
    model_dir = settings.model_dir or packaged_model_dir()
    return BACKENDS[settings.embedding_backend](model_dir, settings.index_dir)
