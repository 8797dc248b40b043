"""The Python side of the sockets lesson: the same user directory and client with asyncio streams.

Run: python3 crates/sockets/python/sockets_twin.py            (the demo: server and client here)
     python3 crates/sockets/python/sockets_twin.py serve      (only the server; prints its port)
     python3 crates/sockets/python/sockets_twin.py client PORT N   (find_users(N) against PORT)
     python3 crates/sockets/python/sockets_twin.py bench-serve  (the benchmark's server)
COURSE_SOCKETS_UNIT=0.05 makes the directory's second shorter.
"""

import asyncio
import os
import queue
import socket
import sys
import threading
import time

UNIT = float(os.environ.get("COURSE_SOCKETS_UNIT", "1"))


# ANCHOR: serve
async def answer(reader, writer, units=1):
    try:
        while line := await reader.readline():
            line = line.decode().rstrip("\n")
            if line == "BYE":
                break
            command, _, user = line.partition(" ")
            if command == "LOOKUP":
                await asyncio.sleep(units * UNIT)  # 디렉터리의 일 / the directory's work
                writer.write(f"FOUND {user}\n".encode())
            else:
                writer.write(f"ERROR {line}\n".encode())
            await writer.drain()  # 쓰기 버퍼를 비운다 / empties the write buffer
    except asyncio.CancelledError:
        pass  # 루프가 끝나며 취소되었다 / cancelled as the loop ends
    writer.close()


async def serve(units=1):
    server = await asyncio.start_server(lambda r, w: answer(r, w, units), "127.0.0.1", 0)
    return server, server.sockets[0].getsockname()[1]
# ANCHOR_END: serve


# ANCHOR: find_users
async def find_users(port, n):
    start = time.monotonic()
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    found = []
    for i in range(1, n + 1):
        writer.write(f"LOOKUP {n}-{i}\n".encode())
        await writer.drain()
        found.append((( await reader.readline()).decode().rstrip("\n"), (time.monotonic() - start) / UNIT))
    writer.write(b"BYE\n")
    await writer.drain()
    writer.close()
    return found
# ANCHOR_END: find_users


# ANCHOR: blocking_client
async def ticks_during_lookups(blocking):
    """Three lookups of 0.25 units while a task wants to tick every 0.2: how often did it?"""
    ticks = 0

    async def ticker():
        nonlocal ticks
        while True:
            await asyncio.sleep(0.2 * UNIT)
            ticks += 1

    ticking = asyncio.create_task(ticker())
    await asyncio.sleep(0)  # the ticker starts and sleeps
    if blocking:
        port = serve_on_another_thread(0.25)
        with socket.create_connection(("127.0.0.1", port)) as conn:
            answers = conn.makefile("r")
            for i in range(1, 4):
                conn.sendall(f"LOOKUP blocking-{i}\n".encode())
                answers.readline()  # 스레드가 여기서 멈춘다 / the thread stops here
    else:
        server, port = await serve(0.25)
        await find_users(port, 3)  # 읽을 때마다 루프에 돌려준다 / each read hands the loop back
        server.close()
    ticking.cancel()
    return ticks
# ANCHOR_END: blocking_client


def serve_on_another_thread(units):
    """The directory on an event loop of its own, on a thread of its own."""
    ready = queue.Queue()

    async def main():
        _, port = await serve(units)
        ready.put(port)
        await asyncio.Event().wait()

    threading.Thread(target=asyncio.run, args=(main(),), daemon=True).start()
    return ready.get()


async def demo():
    server, port = await serve()
    start = time.monotonic()
    for n in (3, 2, 1):
        await find_users(port, n)
    print(f"one after another {(time.monotonic() - start) / UNIT:.1f}")
    start = time.monotonic()
    answers = await asyncio.gather(find_users(port, 3), find_users(port, 2), find_users(port, 1))
    print(f"together {(time.monotonic() - start) / UNIT:.1f}")
    for found in answers:
        print(", ".join(f"{line} @ {at:.1f}" for line, at in found))
    server.close()
    print(f"ticks during blocking lookups {await ticks_during_lookups(True)}")
    print(f"ticks during stream lookups {await ticks_during_lookups(False)}")


async def serve_forever():
    server, port = await serve()
    print(port, flush=True)
    async with server:
        await server.serve_forever()


async def bench_serve():
    """The benchmark's asyncio server: answers at once, prints its port, runs until killed."""
    server = await asyncio.start_server(lambda r, w: answer(r, w, 0), "127.0.0.1", 0, backlog=1024)
    print(server.sockets[0].getsockname()[1], flush=True)
    async with server:
        await server.serve_forever()


async def client(port, n):
    for line, at in await find_users(port, n):
        print(f"{line} @ {at:.1f}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["serve"]:
        asyncio.run(serve_forever())
    elif sys.argv[1:2] == ["bench-serve"]:
        asyncio.run(bench_serve())
    elif sys.argv[1:2] == ["client"]:
        asyncio.run(client(int(sys.argv[2]), int(sys.argv[3])))
    else:
        asyncio.run(demo())
