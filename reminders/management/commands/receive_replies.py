"""Run the reply receiver: manage.py receive_replies [--smtp] [--host H] [--port P]."""

import signal
import threading

from django.core.management.base import BaseCommand

from reminders.receiver import ReplyController


class Command(BaseCommand):
    help = (
        "Receive replies to reminder emails over LMTP (or SMTP with --smtp) and turn "
        "them into comments, evidence and completions."
    )

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8024)
        parser.add_argument("--smtp", action="store_true", help="speak SMTP, not LMTP")

    def handle(self, *args, host: str, port: int, smtp: bool = False, **options):
        controller = ReplyController(hostname=host, port=port, lmtp=not smtp)
        controller.start()
        self.stdout.write(
            f"Receiving replies over {'SMTP' if smtp else 'LMTP'} on {host}:{port}; Ctrl-C stops."
        )
        stop = threading.Event()
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, lambda *_: stop.set())
        try:
            stop.wait()
        finally:
            controller.stop()
