"""The Python side of the sockets lesson: the same user directory and client with asyncio streams.

Run: python3 crates/sockets/python/sockets_twin.py            (the demo: server and client here)
     python3 crates/sockets/python/sockets_twin.py serve      (only the server; prints its port)
     python3 crates/sockets/python/sockets_twin.py client PORT N   (find_users(N) against PORT)
COURSE_SOCKETS_UNIT=0.05 makes the directory's second shorter.
"""

import asyncio
import os
import sys
import time

UNIT = float(os.environ.get("COURSE_SOCKETS_UNIT", "1"))


# ANCHOR: serve
async def answer(reader, writer):
    while line := await reader.readline():
        line = line.decode().rstrip("\n")
        if line == "BYE":
            break
        command, _, user = line.partition(" ")
        if command == "LOOKUP":
            await asyncio.sleep(UNIT)  # 디렉터리의 일 / the directory's work
            writer.write(f"FOUND {user}\n".encode())
        else:
            writer.write(f"ERROR {line}\n".encode())
        await writer.drain()  # 쓰기 버퍼를 비운다 / empties the write buffer
    writer.close()


async def serve():
    server = await asyncio.start_server(answer, "127.0.0.1", 0)
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


async def serve_forever():
    server, port = await serve()
    print(port, flush=True)
    async with server:
        await server.serve_forever()


async def client(port, n):
    for line, at in await find_users(port, n):
        print(f"{line} @ {at:.1f}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["serve"]:
        asyncio.run(serve_forever())
    elif sys.argv[1:2] == ["client"]:
        asyncio.run(client(int(sys.argv[2]), int(sys.argv[3])))
    else:
        asyncio.run(demo())
