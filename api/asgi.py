"""What the plain ASGI middlewares (api/guard.py, api/main.py's request log) share."""

from starlette.types import Message, Send


class StatusSpy:
    """A `send` that passes every message on and remembers the answer's status code: `status`
    holds `default` until the response starts (an exception before it leaves it so)."""

    def __init__(self, send: Send, default: int) -> None:
        self.send = send
        self.status = default

    async def __call__(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            self.status = message["status"]
        await self.send(message)
