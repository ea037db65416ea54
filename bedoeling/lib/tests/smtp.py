"""A real SMTP server on 127.0.0.1 for tests, whose mood the test sets: `stall` (accepts the
connection and says nothing), `refuse` (answers 421, as a server that is down for
maintenance does) or `accept` (takes the mail). Written here because Python 3.11's smtpd is
deprecated and gone in 3.12, and aiosmtpd would be a dependency for one test helper."""

import socketserver
import threading
import time


class _Handler(socketserver.StreamRequestHandler):
    timeout = 30

    def handle(self):
        server = self.server.owner
        server.connections += 1
        mood = server.mood
        if mood == "stall":
            server.released.wait(30)
            return
        if mood == "refuse":
            self._say("421 4.3.2 Service not available, try again later")
            return
        self._say("220 test.smtp ESMTP")
        mail_from, recipients, data = "", [], None
        while True:
            try:
                line = self.rfile.readline()
            except OSError:
                return
            if not line:
                return
            command = line.decode("utf-8", "replace").strip()
            verb = command[:4].upper()
            if verb == "EHLO":
                self._say("250-test.smtp", "250-8BITMIME", "250 SMTPUTF8")
            elif verb == "HELO":
                self._say("250 test.smtp")
            elif verb == "MAIL":
                mail_from = command[10:]
                self._say("250 OK")
            elif verb == "RCPT":
                recipients.append(command[8:])
                self._say("250 OK")
            elif verb == "DATA":
                self._say("354 End data with <CR><LF>.<CR><LF>")
                lines = []
                while (chunk := self.rfile.readline()) not in (b".\r\n", b".\n", b""):
                    lines.append(chunk[1:] if chunk.startswith(b"..") else chunk)
                data = b"".join(lines).decode("utf-8", "replace")
                server.messages.append({"from": mail_from, "to": recipients, "data": data})
                self._say("250 OK: queued")
            elif verb == "RSET":
                self._say("250 OK")
            elif verb == "QUIT":
                self._say("221 Bye")
                return
            else:
                self._say("502 Command not implemented")

    def _say(self, *lines):
        self.wfile.write("".join(f"{line}\r\n" for line in lines).encode())


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


class SMTPServer:
    def __init__(self, mood="accept"):
        self.mood = mood
        self.connections = 0
        self.messages: list[dict] = []
        self.released = threading.Event()
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.owner = self
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self.released.set()
        self._server.shutdown()
        self._server.server_close()

    def set_mood(self, mood):
        self.mood = mood
        if mood != "stall":
            self.released.set()

    def wait_for(self, condition, timeout=30.0, what="the condition"):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if condition():
                return
            time.sleep(0.05)
        raise AssertionError(f"timed out after {timeout} s waiting for {what}")
