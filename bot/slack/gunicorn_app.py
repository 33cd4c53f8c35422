"""`python -m bot serve --workers K`: the WSGI app under gunicorn, K worker processes.

The master applies the migrations once, then forks; each worker starts its own runtime (engines,
inbox workers, SLA scheduler) after the fork, so no connection or thread crosses a fork. The
inbox claims and the escalation sweep are safe with any number of processes. Worker class
gthread: each process serves `THREADS` requests at once, with HTTP keep-alive.
"""

from __future__ import annotations

import logging
import os
from typing import Any

from gunicorn.app.base import BaseApplication

from bot.config import Settings
from bot.db.engine import Schema, make_engine
from bot.messages import t

log = logging.getLogger(__name__)
THREADS = 8


def default_workers() -> int:
    return max(1, os.cpu_count() or 1)


class BotApplication(BaseApplication):  # gunicorn is untyped: BaseApplication is Any
    def __init__(self, settings: Settings, options: dict[str, Any]) -> None:
        self.settings = settings
        self.options = options
        self.runtime: Any = None
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Any:
        from bot.slack.runtime import start_runtime

        self.runtime = start_runtime(self.settings)
        return self.runtime.wsgi()


def _worker_exit(server: Any, worker: Any) -> None:
    runtime = getattr(worker.app, "runtime", None)
    if runtime is not None:
        runtime.close()


def run_gunicorn(settings: Settings, host: str, port: int, workers: int) -> int:
    engine = make_engine(settings.database_url)
    if not Schema(engine).ensure():
        log.error("database unavailable at start: requests are spooled until it is back")
    engine.dispose()
    options = {
        "bind": f"{host}:{port}",
        "workers": workers,
        "worker_class": "gthread",
        "threads": THREADS,
        "keepalive": 5,
        "timeout": 60,
        "graceful_timeout": 10,
        "backlog": 2048,
        "loglevel": settings.log_level.lower(),
        "worker_exit": _worker_exit,
        "proc_name": "sg-support-bot",
    }
    log.info(t("slack.run.http", host=host, port=port))
    BotApplication(settings, options).run()
    return 0
