"""all-MiniLM-L6-v2 in onnxruntime: exported here from the packaged model, never downloaded.

The export (torch, once per index) wraps the transformer with its mean pooling and
normalisation, so the graph gives sentence vectors directly; at query time only
onnxruntime and the tokenizer are imported, not torch or sentence-transformers.
"""

from __future__ import annotations

import json
import os
import threading
import warnings
from collections.abc import Sequence
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np

from assistant.encoders.embed import model_identity
from assistant.types import Vectors

BATCH = 32


def export_onnx(model_dir: Path, target: Path, *, quantize: bool = False) -> Path:
    """Write `target` (model.onnx, or its int8 dynamic quantization) from the local model."""
    import torch
    from transformers import AutoModel, AutoTokenizer
    from transformers.utils import logging

    target.parent.mkdir(parents=True, exist_ok=True)
    fp32 = target.with_name("model.onnx")
    if not fp32.exists():
        logging.disable_progress_bar()  # type: ignore[no-untyped-call]
        tokenizer = AutoTokenizer.from_pretrained(str(model_dir), local_files_only=True)
        model = AutoModel.from_pretrained(str(model_dir), local_files_only=True).eval()
        sample = tokenizer(["a sentence", "another one"], padding=True, return_tensors="pt")
        inputs = ("input_ids", "attention_mask", "token_type_ids")
        # A name of this process's own: two processes exporting at once (the first questions
        # of a new index) must not write one file; the rename below is atomic, either wins.
        tmp = fp32.with_name(f"model.{os.getpid()}.{threading.get_ident()}.tmp")
        with warnings.catch_warnings():
            # The tracer's notes on the model's Python branches (TracerWarning) and on
            # opset details: known and harmless here, and noise in a user's terminal.
            warnings.simplefilter("ignore")
            torch.onnx.export(
                _pooled(model),
                tuple(sample[name] for name in inputs),
                str(tmp),
                input_names=list(inputs),
                output_names=["embedding"],
                dynamic_axes={**{n: {0: "b", 1: "s"} for n in inputs}, "embedding": {0: "b"}},
                opset_version=17,
                dynamo=False,
            )
        tmp.replace(fp32)
    if quantize and not target.exists():
        from onnxruntime.quantization import QuantType, quantize_dynamic

        partial = target.with_name(f"{target.stem}.{os.getpid()}.{threading.get_ident()}.tmp")
        quantize_dynamic(str(fp32), str(partial), weight_type=QuantType.QInt8)
        partial.replace(target)
    return target


def _pooled(model: Any) -> Any:
    import torch

    class Pooled(torch.nn.Module):
        """The transformer, then mean pooling over real tokens, then L2 normalisation."""

        def __init__(self) -> None:
            super().__init__()
            self.model = model

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            hidden = self.model(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(pooled, p=2, dim=1)

    return Pooled().eval()


class OnnxEmbedder:
    """Sentence vectors from the exported graph; texts batched by length to pad little."""

    def __init__(
        self,
        model_dir: Path,
        onnx_path: Path,
        *,
        quantized: bool = False,
        by_length: bool = True,
    ) -> None:
        self.model_dir = model_dir
        self.onnx_path = onnx_path
        self.quantized = quantized
        self.by_length = by_length

    @cached_property
    def identity(self) -> str:
        return model_identity(self.model_dir) + (":int8" if self.quantized else "")

    @cached_property
    def _runtime(self) -> tuple[Any, Any]:
        import onnxruntime
        from tokenizers import Tokenizer

        if not self.onnx_path.exists():
            export_onnx(self.model_dir, self.onnx_path, quantize=self.quantized)
        config = json.loads((self.model_dir / "sentence_bert_config.json").read_text())
        tokenizer = Tokenizer.from_file(str(self.model_dir / "tokenizer.json"))
        tokenizer.enable_truncation(int(config.get("max_seq_length", 256)))
        tokenizer.enable_padding()
        options = onnxruntime.SessionOptions()
        options.log_severity_level = 3
        # No busy-waiting between runs: it would slow every other thread of the process.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        session = onnxruntime.InferenceSession(
            str(self.onnx_path), options, providers=["CPUExecutionProvider"]
        )
        return tokenizer, session

    def encode(self, texts: Sequence[str]) -> Vectors:
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        tokenizer, session = self._runtime
        order = list(range(len(texts)))
        if self.by_length:  # similar lengths in a batch: little padding to compute
            order.sort(key=lambda i: len(texts[i]))
        parts = []
        for start in range(0, len(order), BATCH):
            batch = [texts[i] for i in order[start : start + BATCH]]
            encodings = tokenizer.encode_batch(batch)
            feed = {
                "input_ids": np.array([e.ids for e in encodings], dtype=np.int64),
                "attention_mask": np.array([e.attention_mask for e in encodings], dtype=np.int64),
                "token_type_ids": np.array([e.type_ids for e in encodings], dtype=np.int64),
            }
            parts.append(session.run(None, feed)[0])
        vectors = np.concatenate(parts).astype(np.float32)
        out = np.empty_like(vectors)
        out[order] = vectors
        return out
