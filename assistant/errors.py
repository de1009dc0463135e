"""Domain errors: each says what went wrong and how to fix it."""


class AssistantError(Exception):
    """Base of every error the CLI turns into one line on stderr."""


class SettingsError(AssistantError):
    """An `ASSISTANT_*` variable has a value that cannot be used."""


class CorpusError(AssistantError):
    """The corpus folder is missing or holds no brief."""


class ReadError(AssistantError):
    """One file could not be read; ingest skips it and goes on."""


class IndexMissingError(AssistantError):
    """There is no index yet; `assistant ingest` builds it."""


class StoreError(AssistantError):
    """The vector store cannot be reached or used."""


class StoreUnreachableError(StoreError):
    """The Chroma server does not answer: nothing about the index itself is wrong."""


class VersionGoneError(StoreError):
    """A part of an index version was asked for after an ingest removed the version."""


class QuestionError(AssistantError):
    """The question cannot be answered as asked (empty, too long, ...)."""


class BriefError(AssistantError):
    """A brief cannot be added or removed as asked (its type, size or name); nothing changed."""


class IngestBusyError(AssistantError):
    """Another ingest holds the index's lock; this one changed nothing."""


class IngestError(AssistantError):
    """An ingest could not complete a verified version; the serving one is unchanged."""
