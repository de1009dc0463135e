"""Which encoder an ingest uses: bfloat16 only where the CPU has it and the work repays it."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant import Settings
from assistant.encoders import registry
from assistant.encoders.registry import BF16_MIN_BYTES, ingest_backend, native_bf16
from assistant.errors import SettingsError
from assistant.ingest.build import ingest


def _cpuinfo(tmp_path: Path, flags: str) -> Path:
    path = tmp_path / "cpuinfo"
    path.write_text(f"processor\t: 0\nflags\t\t: fpu sse2 avx2 {flags}\n\n", encoding="utf-8")
    return path


def test_native_bf16_is_read_from_the_cpu_flags(tmp_path: Path) -> None:
    assert native_bf16(_cpuinfo(tmp_path, "avx512f amx_bf16 amx_tile"))
    assert native_bf16(_cpuinfo(tmp_path, "avx512f avx512_bf16"))
    assert not native_bf16(_cpuinfo(tmp_path, "avx512f avx512_fp16 avx512_bf16x"))
    assert not native_bf16(tmp_path / "no-such-file")


@pytest.mark.parametrize(
    ("native", "embedding", "new_bytes", "expected"),
    [
        (True, "onnx", BF16_MIN_BYTES, "torch-bf16"),
        (True, "torch", 10 * BF16_MIN_BYTES, "torch-bf16"),
        (True, "onnx", BF16_MIN_BYTES - 1, "onnx"),  # too little to repay loading torch
        (False, "onnx", 10 * BF16_MIN_BYTES, "onnx"),  # emulated bfloat16 is slower
        (True, "onnx-int8", 10 * BF16_MIN_BYTES, "onnx-int8"),  # other vectors: kept
    ],
)
def test_auto_picks_bf16_only_where_it_is_faster_and_the_vectors_agree(
    monkeypatch: pytest.MonkeyPatch, native: bool, embedding: str, new_bytes: int, expected: str
) -> None:
    monkeypatch.setattr(registry, "native_bf16", lambda: native)
    settings = Settings(embedding_backend=embedding)  # type: ignore[arg-type]
    assert ingest_backend(settings, new_bytes) == expected


def test_an_explicit_ingest_backend_is_used_as_it_is(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(registry, "native_bf16", lambda: False)
    assert ingest_backend(Settings(ingest_backend="torch-bf16"), 0) == "torch-bf16"
    assert ingest_backend(Settings(ingest_backend="onnx"), 10**9) == "onnx"


def test_settings_read_the_ingest_backend_and_refuse_an_unknown_one() -> None:
    env = {"ASSISTANT_INGEST_BACKEND": "torch-bf16"}
    assert Settings.from_env(env).ingest_backend == "torch-bf16"
    with pytest.raises(SettingsError, match="ASSISTANT_INGEST_BACKEND='gpu' is not one of auto"):
        Settings.from_env({"ASSISTANT_INGEST_BACKEND": "gpu"})


def test_an_ingest_encoder_with_other_vectors_than_queries_is_refused(
    tmp_settings: Settings,
) -> None:
    (tmp_settings.corpus_dir / "a.txt").write_text("Alpha runs 12 clinics.\n", encoding="utf-8")
    settings = tmp_settings.with_(ingest_backend="onnx-int8")
    with pytest.raises(SettingsError, match="makes other vectors than"):
        ingest(settings)
    assert not (settings.index_dir / "CURRENT").exists()  # nothing half-built is served
