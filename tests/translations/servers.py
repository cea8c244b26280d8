"""Real HTTP servers on 127.0.0.1 (a random port, in a thread) that speak LibreTranslate's and DeepL's APIs,
as the backends' counterparts in tests. Each remembers the requests it got."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Received:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes

    def json(self):
        return json.loads(self.body)


@dataclass
class Reply:
    status: int = 200
    body: object = None  # JSON-encoded unless bytes
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before answering (a slow server)


Answer = Callable[[Received], Reply]


class LocalServer:
    def __init__(self, answer: Answer):
        self.answer = answer
        self.received: list[Received] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def _serve(self):
                length = int(self.headers.get("Content-Length") or 0)
                request = Received(
                    self.command, self.path, {k.lower(): v for k, v in self.headers.items()}, self.rfile.read(length)
                )
                server.received.append(request)
                reply = server.answer(request)
                if reply.delay:
                    time.sleep(reply.delay)
                body = reply.body if isinstance(reply.body, bytes) else json.dumps(reply.body).encode()
                try:
                    self.send_response(reply.status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(body)))
                    for name, value in reply.headers.items():
                        self.send_header(name, value)
                    self.end_headers()
                    self.wfile.write(body)
                except OSError:  # the client gave up waiting (the timeout test)
                    pass

            do_GET = do_POST = _serve

            def log_message(self, format, *args):
                pass

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._httpd.server_address[1]}"
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self._thread.start()

    def posts(self) -> list[Received]:
        return [request for request in self.received if request.method == "POST"]

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()


LIBRETRANSLATE_LANGUAGES = [
    {"code": code, "name": code, "targets": [t for t in ("ar", "de", "en", "fa", "ru", "tr", "uk") if t != code]}
    for code in ("ar", "de", "en", "fa", "ru", "tr", "uk")
]


def libretranslate(*, api_key: str = "", languages=LIBRETRANSLATE_LANGUAGES) -> Answer:
    """LibreTranslate as its API documents it: GET /languages, POST /translate → {"translatedText": …}."""

    def answer(request: Received) -> Reply:
        if request.method == "GET" and request.path == "/languages":
            return Reply(body=languages)
        if request.method != "POST" or request.path != "/translate":
            return Reply(404, {"error": "Not Found"})
        data = request.json()
        if api_key and data.get("api_key") != api_key:
            return Reply(403, {"error": "Invalid API key"})
        if not data.get("q") or not data.get("source") or not data.get("target") or data.get("format") != "text":
            return Reply(400, {"error": "Invalid request"})
        return Reply(body={"translatedText": f"[{data['source']}→{data['target']}] {data['q']}"})

    return answer


def deepl(*, api_key: str) -> Answer:
    """DeepL's POST /v2/translate: key in the Authorization header, texts as a list, upper-case languages."""

    def answer(request: Received) -> Reply:
        if request.method != "POST" or request.path != "/v2/translate":
            return Reply(404, {"message": "Not found"})
        if request.headers.get("authorization") != f"DeepL-Auth-Key {api_key}":
            return Reply(403, {"message": "Wrong authentication key"})
        data = request.json()
        if not isinstance(data.get("text"), list) or data.get("target_lang", "") != data.get("target_lang", "").upper():
            return Reply(400, {"message": "Bad request"})
        return Reply(
            body={
                "translations": [
                    {
                        "detected_source_language": data.get("source_lang", "EN"),
                        "text": f"[{data['target_lang']}] {text}",
                    }
                    for text in data["text"]
                ]
            }
        )

    return answer


def always(reply: Reply) -> Answer:
    return lambda request: reply
