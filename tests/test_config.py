from pathlib import Path

import pytest

from assistant import Settings
from assistant.errors import SettingsError


def test_defaults_without_environment() -> None:
    settings = Settings.from_env({})
    assert settings.corpus_dir == Path("corpus")
    assert settings.index_dir == Path("index")
    assert settings.chroma_url is None


def test_values_come_from_assistant_variables() -> None:
    settings = Settings.from_env(
        {
            "ASSISTANT_INDEX_DIR": "/tmp/ix",
            "ASSISTANT_CHROMA_URL": "http://127.0.0.1:8000",
            "ASSISTANT_TOP_CHUNKS": "3",
            "ASSISTANT_ABSTAIN_BELOW": "0.5",
            "OTHER": "ignored",
        }
    )
    assert settings.index_dir == Path("/tmp/ix")
    assert settings.chroma_url == "http://127.0.0.1:8000"
    assert (settings.top_chunks, settings.abstain_below) == (3, 0.5)


def test_a_bad_value_names_the_variable() -> None:
    with pytest.raises(SettingsError, match="ASSISTANT_TOP_CHUNKS='many' is not a valid int"):
        Settings.from_env({"ASSISTANT_TOP_CHUNKS": "many"})


def test_settings_are_frozen() -> None:
    with pytest.raises(AttributeError):
        Settings().top_chunks = 2  # type: ignore[misc]
