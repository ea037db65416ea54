"""The gate in front of Django (bedoeling/lib/gate.py), with a real ASGI app behind it."""

import asyncio

from bedoeling.lib.gate import Gate


def _app(log):
    async def app(scope, receive, send):
        log["now"] += 1
        log["most"] = max(log["most"], log["now"])
        await asyncio.sleep(0.01)  # the synchronous part of a view
        log["now"] -= 1
        await send({"type": "http.response.start", "status": 200, "headers": []})
        if scope["path"] == "/stroom/":
            log["streams"] += 1
            await log["end"].wait()  # a held stream
        await send({"type": "http.response.body", "body": b"ok"})
    return app


async def _request(gate, path="/"):
    sent = []

    async def receive():
        return {"type": "http.request", "body": b""}

    async def send(message):
        sent.append(message)

    await gate({"type": "http", "path": path}, receive, send)
    return sent


def test_at_most_n_requests_are_inside_and_all_are_answered():
    async def main():
        log = {"now": 0, "most": 0, "streams": 0, "end": asyncio.Event()}
        gate = Gate(_app(log), 3)
        answers = await asyncio.gather(*(_request(gate) for _ in range(40)))
        return log, answers

    log, answers = asyncio.run(main())
    assert log["most"] == 3
    assert all(a[0]["status"] == 200 and a[1]["body"] == b"ok" for a in answers)


def test_a_held_stream_does_not_hold_a_place():
    async def main():
        log = {"now": 0, "most": 0, "streams": 0, "end": asyncio.Event()}
        gate = Gate(_app(log), 2)
        streams = [asyncio.create_task(_request(gate, "/stroom/")) for _ in range(10)]
        # Ten streams are open and waiting; ordinary requests still get through.
        answers = await asyncio.wait_for(asyncio.gather(*(_request(gate) for _ in range(5))), 5)
        opened = log["streams"]
        log["end"].set()
        await asyncio.gather(*streams)
        return opened, answers

    opened, answers = asyncio.run(main())
    assert opened == 10
    assert len(answers) == 5


def test_a_failing_request_gives_its_place_back():
    async def broken(scope, receive, send):
        raise RuntimeError("boom")

    async def main():
        gate = Gate(broken, 1)
        for _ in range(3):
            try:
                await asyncio.wait_for(_request(gate), 1)
            except RuntimeError:
                pass
        return gate._places._value

    assert asyncio.run(main()) == 1


def test_the_server_is_told_there_is_nothing_to_start_or_stop():
    async def main():
        sent = []
        messages = iter([{"type": "lifespan.startup"}, {"type": "lifespan.shutdown"}])

        async def receive():
            return next(messages)

        async def send(message):
            sent.append(message["type"])

        async def never(scope, receive, send):
            raise AssertionError("Django is not asked")

        await Gate(never, 2)({"type": "lifespan"}, receive, send)
        return sent

    assert asyncio.run(main()) == ["lifespan.startup.complete", "lifespan.shutdown.complete"]


def test_phones_have_their_own_places_and_never_wait_behind_the_others():
    async def main():
        inside = {"phone": 0, "other": 0}
        most = {"phone": 0, "other": 0}
        release = asyncio.Event()

        async def app(scope, receive, send):
            kind = "phone" if scope["path"].startswith("/doe-mee/") else "other"
            inside[kind] += 1
            most[kind] = max(most[kind], inside[kind])
            if kind == "other":
                await release.wait()  # a long export holds every common place
            else:
                await asyncio.sleep(0.005)
            inside[kind] -= 1
            await send({"type": "http.response.start", "status": 200, "headers": []})
            await send({"type": "http.response.body", "body": b"ok"})

        gate = Gate(app, 2, lanes=[("phone", 1, lambda s: s["path"].startswith("/doe-mee/"))])
        exports = [asyncio.create_task(_request(gate, "/export/")) for _ in range(3)]
        await asyncio.sleep(0.05)
        taps = await asyncio.wait_for(
            asyncio.gather(*(_request(gate, "/doe-mee/ABC/fase/1/") for _ in range(20))), 5)
        release.set()
        await asyncio.gather(*exports)
        return most, taps

    most, taps = asyncio.run(main())
    assert most == {"phone": 1, "other": 2}
    assert all(t[0]["status"] == 200 for t in taps)
