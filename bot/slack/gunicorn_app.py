"""`python -m bot serve --workers K`: the WSGI app under gunicorn, K web processes and K handler
processes (by default one each per core).

- The master applies the migrations once, then forks the web workers (worker class gthread:
  `THREADS` requests at once per process, HTTP keep-alive). A web worker only verifies, records
  and acks (`start_runtime(handle=False)`): the handling's CPU never holds up an ack, even
  through Python's GIL.
- The master also starts K handler processes (fresh interpreters) that claim the recorded
  requests from the inbox, handle them and run the SLA scheduler; a handler that dies is started
  again. The inbox claims and the escalation sweep are safe with any number of processes.
No connection or thread crosses a fork: each process opens its own after it starts.
"""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import threading
from typing import Any

from gunicorn.app.base import BaseApplication

from bot.config import Settings
from bot.db.engine import Schema, make_engine
from bot.messages import set_language, t

log = logging.getLogger(__name__)
THREADS = 8
RESTART_DELAY = 1.0
# handler processes yield the CPU to the web processes: when the machine is short of CPU, acks
# still go out in time and the backlog waits (it is durable)
HANDLER_NICENESS = 10
IDLE_POLL = 0.4


def default_workers() -> int:
    return max(1, os.cpu_count() or 1)


def handler_main(settings: Settings) -> None:
    """A handler process: the inbox workers and the scheduler, until SIGTERM."""
    from bot.slack.runtime import start_runtime

    logging.basicConfig(
        level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    set_language(settings.language)
    os.nice(HANDLER_NICENESS)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    # the web processes record, this process claims: within 50 ms under load, within
    # IDLE_POLL seconds after a quiet spell (an idle handler process then costs next to nothing)
    runtime = start_runtime(settings, poll=0.05, idle_poll=IDLE_POLL, acks=False)
    try:
        stop.wait()
    finally:
        runtime.close()


class Handlers:
    """Keeps `count` handler processes running (started again when one dies). They are fresh
    interpreters (`python -m bot.slack.gunicorn_app`) reading the same settings (same
    environment, same folder): nothing of the master's state is shared with them."""

    def __init__(self, count: int) -> None:
        self.count = count
        self.stopping = threading.Event()
        self.procs: list[subprocess.Popen[bytes]] = []

    def start(self) -> None:
        for n in range(self.count):
            threading.Thread(target=self._keep, args=(n,), daemon=True).start()

    def _keep(self, n: int) -> None:
        while not self.stopping.is_set():
            proc = subprocess.Popen([sys.executable, "-m", "bot.slack.gunicorn_app"])
            self.procs.append(proc)
            code = proc.wait()
            if not self.stopping.is_set():
                log.error("handler process %s ended (%s): started again", n, code)
                self.stopping.wait(RESTART_DELAY)

    def stop(self) -> None:
        self.stopping.set()
        for proc in self.procs:
            if proc.poll() is None:
                proc.terminate()
        for proc in self.procs:
            try:
                proc.wait(15)
            except subprocess.TimeoutExpired:
                proc.kill()


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

        self.runtime = start_runtime(self.settings, scheduler=False, handle=False)
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
    handlers = Handlers(workers)
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
        "when_ready": lambda server: handlers.start(),
        "on_exit": lambda server: handlers.stop(),
        "proc_name": "sg-support-bot",
    }
    log.info(t("slack.run.http", host=host, port=port))
    BotApplication(settings, options).run()
    return 0


if __name__ == "__main__":  # a handler process, started by `Handlers`
    handler_main(Settings.from_env())
