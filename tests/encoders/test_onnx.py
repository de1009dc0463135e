"""The ONNX export gives the sentence-transformers vectors, without torch at query time."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from assistant.encoders.embed import SentenceTransformerEmbedder, packaged_model_dir
from assistant.encoders.onnx import OnnxEmbedder
from tests.conftest import CORPUS, ROOT

pytestmark = pytest.mark.model

TEXTS = [
    "How much did imports fall from 2020 to 2022?",
    (CORPUS / "personalized-medicine-mexico.txt").read_text(encoding="utf-8")[:630],
    "x",
]


def test_onnx_vectors_equal_sentence_transformers(tmp_path: Path) -> None:
    onnx = OnnxEmbedder(packaged_model_dir(), tmp_path / "model.onnx")
    torch = SentenceTransformerEmbedder()
    a, b = torch.encode(TEXTS), onnx.encode(TEXTS)
    assert a.shape == b.shape == (3, 384)
    assert np.min(np.sum(a * b, axis=1)) > 0.9999
    assert onnx.identity == torch.identity  # same vectors: switching needs no new index


def test_bf16_vectors_equal_float32() -> None:
    """On any CPU (emulated where bfloat16 is not native): the same vectors to 1e-4, so an
    index embedded in bfloat16 answers float32 (ONNX) query vectors."""
    bf16, fp32 = SentenceTransformerEmbedder(bf16=True), SentenceTransformerEmbedder()
    a, b = bf16.encode(TEXTS), fp32.encode(TEXTS)
    assert a.dtype == np.float32 and a.shape == (3, 384)
    assert np.min(np.sum(a * b, axis=1)) > 0.999
    assert not np.array_equal(a, b)  # it did run in bfloat16
    assert bf16.identity == fp32.identity


def test_int8_is_a_different_model_for_the_index(tmp_path: Path) -> None:
    int8 = OnnxEmbedder(packaged_model_dir(), tmp_path / "model.int8.onnx", quantized=True)
    vectors = int8.encode(TEXTS)
    assert vectors.shape == (3, 384)
    assert int8.identity.endswith(":int8")


def test_query_time_needs_neither_torch_nor_sentence_transformers(tmp_path: Path) -> None:
    OnnxEmbedder(packaged_model_dir(), tmp_path / "model.onnx").encode(["export first"])
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from assistant.encoders.embed import packaged_model_dir\n"
        "from assistant.encoders.onnx import OnnxEmbedder\n"
        f"e = OnnxEmbedder(packaged_model_dir(), Path({str(tmp_path / 'model.onnx')!r}))\n"
        "assert e.encode(['hello']).shape == (1, 384)\n"
        "print('torch' in sys.modules, 'sentence_transformers' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True)
    assert out.stdout.strip() == "False False", out.stderr


def test_two_processes_exporting_at_once_both_get_a_whole_model(tmp_path: Path) -> None:
    """The first questions of a new index can come from two processes at once: each exports
    the model (to a file of its own, renamed into place) and both encode."""
    script = (
        "import sys; from pathlib import Path\n"
        "from assistant.encoders.onnx import OnnxEmbedder\n"
        "from assistant.encoders.embed import packaged_model_dir\n"
        "e = OnnxEmbedder(packaged_model_dir(), Path(sys.argv[1]) / 'model.onnx')\n"
        "print(e.encode(['a sentence']).shape)\n"
    )
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", script, str(tmp_path)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [run.communicate(timeout=300) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], [err[-500:] for _, err in outputs]
    assert all(out.strip() == "(1, 384)" for out, _ in outputs)
    assert not list(tmp_path.rglob("*.tmp"))
