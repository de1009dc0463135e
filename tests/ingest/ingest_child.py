"""An ingest in a child process, for the crash and concurrency tests.

    python -m tests.ingest.ingest_child CORPUS INDEX [--die-at STEP] [--pause-at STEP]
        [--chroma-url URL] [--lock-wait S] [--rebuild]

`--die-at` kills the process with SIGKILL at a named step of the ingest (like a power
cut or kill -9); `--pause-at` sleeps 3 s there (an ingest that holds the lock a while).
Exit status 3 and the message on stderr when the ingest is refused.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import time
from pathlib import Path

from assistant import Settings
from assistant.errors import AssistantError
from assistant.ingest.build import ingest
from tests.fakes import HashingEmbedder


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus", type=Path)
    parser.add_argument("index", type=Path)
    parser.add_argument("--die-at", default="")
    parser.add_argument("--pause-at", default="")
    parser.add_argument("--chroma-url", default=None)
    parser.add_argument("--lock-wait", type=float, default=10.0)
    parser.add_argument("--multilingual", action="store_true")
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()

    def on_step(step: str) -> None:
        if step == args.die_at:
            os.kill(os.getpid(), signal.SIGKILL)
        if step == args.pause_at:
            print("paused", flush=True)
            time.sleep(3)

    settings = Settings(
        corpus_dir=args.corpus,
        index_dir=args.index,
        chroma_url=args.chroma_url,
        lock_wait=args.lock_wait,
        multilingual=args.multilingual,
    )
    try:
        report = ingest(settings, embedder=HashingEmbedder(), on_step=on_step, rebuild=args.rebuild)
    except AssistantError as error:
        print(error, file=sys.stderr)
        sys.exit(3)
    print(report.summary(), flush=True)


if __name__ == "__main__":
    main()
