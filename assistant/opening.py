"""Opening the serving index: a version switched away meanwhile is not damage, and damage
is repaired only under the ingest lock, never racing an ingest in another process."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, TypeVar

from assistant.config import Settings
from assistant.errors import IngestBusyError, IngestError, StoreUnreachableError, VersionGoneError
from assistant.storage.integrity import READ_ERRORS, missing_files
from assistant.storage.manifest import Manifest
from assistant.storage.versions import IndexLayout

OPEN_ATTEMPTS = 5
"""Versions opened in a row while ingests keep switching, before the index counts as damaged."""


class Checked(Protocol):
    """What is opened: it names its version and says what is off in it."""

    @property
    def version_name(self) -> str: ...

    def check(self) -> list[str]: ...


Opened = TypeVar("Opened", bound=Checked)


def open_checked(
    settings: Settings,
    make: Callable[[], Opened],
    build: Callable[..., None],
    progress: Callable[[str], None],
) -> Opened:
    """`make()` on the serving version once its parts agree; `build()` first when there is
    no index, `build(repair=True)` when the serving version is damaged.

    A version that an ingest switched away from or removed while it was being opened is not
    damage: the serving one is opened instead. The repair takes the ingest lock (waiting up
    to `settings.lock_wait` for an ingest in another process) and rebuilds only if the
    serving version is still damaged once it holds it.
    """
    layout = IndexLayout(settings.index_dir)
    if layout.current() is None:
        progress(f"No index at {settings.index_dir}/ yet: building it from {settings.corpus_dir}/")
        build()
    problems: list[str] = []
    for _ in range(OPEN_ATTEMPTS):
        opened, problems, name = _try(layout, make)
        if opened is not None:
            return opened
        if layout.current_name() == name:
            break  # the same version, still damaged: not a switch under way
    damage = "; ".join(problems)
    holder = layout.holder()
    if holder is None:
        progress(f"The index is damaged ({damage}): rebuilding it")
    else:
        progress(
            f"The index is damaged ({damage}) and another ingest is running on"
            f" {settings.index_dir}/ ({holder}): waiting for it (up to {settings.lock_wait:g} s)"
        )
    try:
        build(repair=True)
    except IngestBusyError:
        raise IngestBusyError(
            f"the index is damaged ({damage}) and another ingest on {settings.index_dir}/"
            f" ({layout.holder() or 'it has just ended'}) is still running after"
            f" {settings.lock_wait:g} s; ask again when it ends"
        ) from None
    opened, problems, _ = _try(layout, make)
    if opened is None:
        raise IngestError(
            "the index is still damaged after rebuilding it (" + "; ".join(problems) + ")"
        )
    return opened


def _try(
    layout: IndexLayout, make: Callable[[], Opened]
) -> tuple[Opened | None, list[str], str | None]:
    """What `make()` opened if its parts agree, else what is off; and the name of the
    version tried, to tell damage from a switch under way."""
    version = layout.current()
    name = version.name if version else None
    if version is None or Manifest.load(version) is None:
        return None, ["the manifest is missing or damaged"], name
    problems = missing_files(version)
    if problems:
        return None, problems, name
    try:
        opened = make()
        name = opened.version_name
        problems = opened.check()
    except StoreUnreachableError:
        raise  # nothing is wrong with the index: say what is
    except (VersionGoneError, *READ_ERRORS) as error:
        return None, [f"the index files cannot be read ({error})"], name
    except Exception as error:
        if layout.current_name() == name:
            raise  # not a version switched away meanwhile: a real error, said as it is
        return None, [f"the version was switched while it was opened ({error})"], name
    return (None if problems else opened), problems, name
