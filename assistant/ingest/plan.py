"""What an ingest must do: the corpus compared with the serving version's manifest."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from assistant.config import Settings
from assistant.encoders.multilingual import UseEmbedder
from assistant.errors import CorpusError, ReadError
from assistant.ingest.load import check_file, hash_file, list_corpus, load_metadata, source_name
from assistant.ingest.report import IngestReport, Progress
from assistant.storage.manifest import Manifest
from assistant.storage.versions import IndexLayout

INDEX_VERSION = 29
"""Bump when chunking or extraction changes in a way the settings do not show: it forces
a rebuild."""


def fingerprint(settings: Settings, model: str, tables: str = "TableReader") -> str:
    """What the index depends on besides the files: the model's identity, chunking, the
    table parser (by its class name; another parser reads the tables anew)."""
    payload = {
        "model": model,
        "tables": tables,
        "chunk_size": settings.chunk_size,
        "version": INDEX_VERSION,
        **({"multilingual": UseEmbedder().identity} if settings.multilingual else {}),
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()[:16]


def corpus_problem(settings: Settings) -> str | None:
    """What is wrong with the corpus folder (missing, unreadable, no brief), or None."""
    try:
        list_corpus(settings.corpus_dir)
    except CorpusError as error:
        return str(error)
    except OSError as error:
        return f"corpus folder {settings.corpus_dir}/ cannot be read ({error.strerror})"
    return None


def corpus_hashes(settings: Settings) -> dict[str, str]:
    """Content hash of every corpus file ingest would read, by source name."""
    corpus_dir = settings.corpus_dir
    try:
        files = list_corpus(corpus_dir)
    except CorpusError:
        return {}
    hashes = {}
    for path in files:
        try:
            check_file(path, corpus_dir, max_bytes=int(settings.max_file_mb * 1e6))
            hashes[source_name(path, corpus_dir)] = hash_file(path)
        except (ReadError, OSError):
            continue
    return hashes


@dataclass
class Plan:
    """What an ingest must do: the files to (re)index, to remove and to forget."""

    serving: Path | None
    old: Manifest | None
    manifest: Manifest
    """The new version's manifest, starting from the serving one unless `fresh`."""
    fresh: bool
    """Every file is indexed again (settings changed, or a rebuild was asked for)."""
    identity: str
    pending: list[tuple[Path, str, str]] = field(default_factory=list)
    """(path, source, sha256) of each new or changed file."""
    gone: list[str] = field(default_factory=list)
    forgotten: list[str] = field(default_factory=list)
    """Unreadable files remembered earlier that are no longer in the corpus."""
    metadata: dict[str, dict[str, str]] = field(default_factory=dict)

    @property
    def has_work(self) -> bool:
        return bool(self.fresh or self.pending or self.gone or self.forgotten)


def plan_ingest(
    layout: IndexLayout,
    settings: Settings,
    identity: str,
    tables: str,
    report: IngestReport,
    progress: Progress,
    *,
    rebuild: bool,
) -> Plan:
    """Compare the corpus with the serving version's manifest."""
    files = list_corpus(settings.corpus_dir)
    wanted = fingerprint(settings, identity, tables)
    serving = layout.current()
    old = Manifest.load(serving)
    fresh = rebuild or old is None or old.fingerprint != wanted
    report.rebuilt = fresh and old is not None
    manifest = Manifest(fingerprint=wanted)
    if old is not None and not fresh:
        manifest = Manifest(
            wanted, dict(old.files), chunks=dict(old.chunks), skipped=dict(old.skipped)
        )
    metadata, warning = load_metadata(settings.corpus_dir)
    if warning:
        progress(f"warning: {warning}")
    plan = Plan(serving, old, manifest, fresh, identity, metadata=metadata)
    max_bytes = int(settings.max_file_mb * 1e6)
    seen: set[str] = set()
    for path in files:
        source = source_name(path, settings.corpus_dir)
        try:
            check_file(path, settings.corpus_dir, max_bytes=max_bytes)
            digest = hash_file(path)
        except ReadError as error:
            report.skip(source, str(error), progress)
            continue
        except OSError as error:
            report.skip(source, f"cannot read file ({error.strerror})", progress)
            continue
        seen.add(source)  # a file skipped here leaves the index, like one that cannot be read
        if source in manifest.skipped and manifest.skipped[source][0] == digest:
            report.skipped.append((source, manifest.skipped[source][1]))  # still unreadable
        elif manifest.files.get(source) != digest:
            plan.pending.append((path, source, digest))
    plan.gone = sorted(set(manifest.files) - seen)
    pending = {source for _, source, _ in plan.pending}
    plan.forgotten = sorted(set(manifest.skipped) - seen - pending)
    return plan


def file_size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # gone since it was listed: loading it will say so
