"""The event loop built by hand, in Python: the Rust lesson's three parts in a few lines.

    run queue  collections.deque of tasks ready to step      (asyncio: loop._ready)
    timers     heapq of (deadline, seq, task)                 (asyncio: loop._scheduled)
    reactor    selectors.DefaultSelector: epoll on Linux     (asyncio: loop._selector)

A coroutine here awaits small objects whose __await__ yields an instruction to the loop
("sleep", "read", "write", "join" or None for a bare yield), the way an asyncio coroutine yields
an asyncio.Future up to its Task. asyncio's own loop is BaseEventLoop._run_once, in
Lib/asyncio/base_events.py: the same three steps.

Run: python3 event_loop_twin.py [--virtual]
  --virtual: time jumps to the next timer when nothing can run (the Rust lesson's --paused),
             so the times printed are exact and match the Rust loop's.
"""
import heapq
import selectors
import socket
import sys
import time
from collections import deque


class Sleep:
    def __init__(self, seconds):
        self.seconds = seconds

    def __await__(self):
        yield ("sleep", self.seconds)


class Ready:
    """Waits until sock is readable ("read") or writable ("write")."""

    def __init__(self, how, sock):
        self.how, self.sock = how, sock

    def __await__(self):
        yield (self.how, self.sock)


class Task:
    def __init__(self, coro):
        self.coro, self.done, self.result, self.waiters = coro, False, None, []

    def __await__(self):
        if not self.done:
            yield ("join", self)
        return self.result


# ANCHOR: loop
class Loop:
    def __init__(self, virtual=False):
        self.ready = deque()
        self.timers = []
        self.seq = 0
        self.selector = selectors.DefaultSelector()
        self.virtual, self.virtual_now, self.start = virtual, 0.0, time.monotonic()

    def time(self):
        return self.virtual_now if self.virtual else time.monotonic() - self.start

    def spawn(self, coro):
        task = Task(coro)
        self.ready.append(task)
        return task

    def run_until_complete(self, coro):
        main = self.spawn(coro)
        while True:
            # 1. Run what is ready (as many as were queued when the round began).
            for _ in range(len(self.ready)):
                self.step(self.ready.popleft())
                if main.done:
                    return main.result
            self.wait()

    def wait(self):
        # 2. Wait in the selector until a socket is ready or the next timer is due.
        if self.ready:
            timeout = 0
        elif self.timers:
            timeout = 0 if self.virtual else max(0.0, self.timers[0][0] - self.time())
        else:
            timeout = None
        if self.selector.get_map():
            events = self.selector.select(timeout)
        else:  # nothing to watch: just wait for the timer
            events = []
            if timeout and not self.virtual:
                time.sleep(timeout)
        for key, _ in events:
            self.selector.unregister(key.fileobj)
            self.ready.append(key.data)
        if self.virtual and not events and not self.ready and self.timers:
            self.virtual_now = max(self.virtual_now, self.timers[0][0])
        # 3. Fire the timers that are due.
        while self.timers and self.timers[0][0] <= self.time():
            self.ready.append(heapq.heappop(self.timers)[2])

    def step(self, task):
        try:
            what = task.coro.send(None)
        except StopIteration as stop:
            task.done, task.result = True, stop.value
            self.ready.extend(task.waiters)
            return
        if what is None:
            self.ready.append(task)
        elif what[0] == "sleep":
            self.seq += 1
            heapq.heappush(self.timers, (self.time() + what[1], self.seq, task))
        elif what[0] == "read":
            self.selector.register(what[1], selectors.EVENT_READ, task)
        elif what[0] == "write":
            self.selector.register(what[1], selectors.EVENT_WRITE, task)
        elif what[0] == "join":
            what[1].waiters.append(task)

# ANCHOR_END: loop


LOOP = None


def say(text):
    print(f"  {LOOP.time():4.1f} s  {text}")


# ANCHOR: find_users
async def find_users(n):
    for i in range(1, n + 1):
        say(f"looking up user {i} of {n} ...")
        await Sleep(1)
    say(f"> done: {n} {'user' if n == 1 else 'users'} looked up!")
    return n


async def spawned():
    tasks = [LOOP.spawn(find_users(n)) for n in (3, 2, 1)]
    for task in tasks:
        await task
    say("done")
# ANCHOR_END: find_users


async def read_line(sock, pending):
    while b"\n" not in pending:
        await Ready("read", sock)
        chunk = sock.recv(512)
        if not chunk:
            break
        pending += chunk
    line, _, rest = pending.partition(b"\n")
    pending[:] = rest
    return line.decode()


async def write_all(sock, data):
    while data:
        await Ready("write", sock)
        data = data[sock.send(data):]


async def answer(conn):
    pending = bytearray()
    while (line := await read_line(conn, pending)) and line != "BYE":
        await Sleep(1)  # the directory's work
        await write_all(conn, f"FOUND {line.split(' ', 1)[1]}\n".encode())
    conn.close()


async def serve(listener):
    while True:
        await Ready("read", listener)
        conn, _ = listener.accept()
        conn.setblocking(False)
        LOOP.spawn(answer(conn))


async def find_users_over_tcp(port, n):
    start = LOOP.time()
    sock = socket.create_connection(("127.0.0.1", port))  # loopback: connects at once
    sock.setblocking(False)
    pending, found = bytearray(), []
    for i in range(1, n + 1):
        await write_all(sock, f"LOOKUP {n}-{i}\n".encode())
        found.append(f"{await read_line(sock, pending)} @ {LOOP.time() - start:.3f} s")
    await write_all(sock, b"BYE\n")
    sock.close()
    return found


async def together():
    listener = socket.create_server(("127.0.0.1", 0))
    listener.setblocking(False)
    LOOP.spawn(serve(listener))
    port = listener.getsockname()[1]
    start = LOOP.time()
    tasks = [LOOP.spawn(find_users_over_tcp(port, n)) for n in (3, 2, 1)]
    answers = [await task for task in tasks]
    print(f"  together {LOOP.time() - start:.3f} s")
    for found in answers:
        print("    " + ", ".join(found))


def main():
    global LOOP
    virtual = "--virtual" in sys.argv[1:]
    print("== timers: find_users(3), (2), (1) as spawned tasks ==")
    LOOP = Loop(virtual)
    LOOP.run_until_complete(spawned())
    print("== the reactor: the user directory and three clients on one loop ==")
    LOOP = Loop(virtual)
    LOOP.run_until_complete(together())


if __name__ == "__main__":
    main()
