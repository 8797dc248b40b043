"""The Python side of the queue lesson: asyncio's Queue, Semaphore, Lock, Event, Future and
Barrier in the same scenes.

Run: python3 crates/queue/python/queue_twin.py   (COURSE_QUEUE_UNIT=0.01 makes a second shorter)
     python3 crates/queue/python/queue_twin.py --virtual   (a virtual clock, like tokio's paused
     one: no real waiting, and exact times; the tests run it so)
"""

import asyncio
import os
import selectors
import sys
import threading

UNIT = float(os.environ.get("COURSE_QUEUE_UNIT", "1"))


def units(seconds):
    return f"{seconds / UNIT:.1f}"


# ANCHOR: backpressure
async def backpressure(items, maxsize, workers):
    start = asyncio.get_running_loop().time()
    queue = asyncio.Queue(maxsize)
    done = []

    async def worker():
        while True:
            job = await queue.get()
            await asyncio.sleep(UNIT)
            done.append((job, units(asyncio.get_running_loop().time() - start)))
            queue.task_done()

    crew = [asyncio.create_task(worker()) for _ in range(workers)]
    sent = []
    for job in range(1, items + 1):
        await queue.put(job)  # 꽉 차 있으면 기다린다 / waits while the queue is full
        sent.append(units(asyncio.get_running_loop().time() - start))
    await queue.join()  # task_done()이 put()만큼 불릴 때까지 / until task_done() matched every put()
    joined = units(asyncio.get_running_loop().time() - start)
    for task in crew:
        task.cancel()  # 일꾼은 영원히 get()을 기다리므로 직접 멈춘다 / workers wait forever: stop them
    return sent, done, joined
# ANCHOR_END: backpressure


# ANCHOR: limited
async def limited(n, limit):
    start = asyncio.get_running_loop().time()
    permits = asyncio.Semaphore(limit)
    running = most = 0

    async def lookup():
        nonlocal running, most
        async with permits:
            running += 1
            most = max(most, running)
            await asyncio.sleep(UNIT)
            running -= 1

    await asyncio.gather(*(lookup() for _ in range(n)))
    return units(asyncio.get_running_loop().time() - start), most
# ANCHOR_END: limited


async def two_tasks_one_lock():
    start = asyncio.get_running_loop().time()
    lock = asyncio.Lock()

    async def hold():
        async with lock:
            await asyncio.sleep(UNIT)

    await asyncio.gather(hold(), hold())
    asyncio_lock = units(asyncio.get_running_loop().time() - start)

    thread_lock = threading.Lock()
    outcome = []

    async def hold_thread_lock():
        # threading.Lock을 await 너머로 쥐면, 둘째 태스크가 이벤트 루프의 스레드째 막힌다
        # a threading.Lock held across an await: the second task blocks the event loop's thread
        if not thread_lock.acquire(timeout=0.3):
            outcome.append("stuck")
            return
        try:
            await asyncio.sleep(UNIT)
        finally:
            thread_lock.release()

    await asyncio.gather(hold_thread_lock(), hold_thread_lock())
    return asyncio_lock, outcome


async def event():
    start = asyncio.get_running_loop().time()
    ready = asyncio.Event()
    went_on = []

    async def waiter(delay):
        await asyncio.sleep(delay * UNIT)
        await ready.wait()
        went_on.append(units(asyncio.get_running_loop().time() - start))

    waiters = [asyncio.create_task(waiter(d)) for d in (0, 1, 1, 3)]
    await asyncio.sleep(2 * UNIT)
    ready.set()
    await asyncio.gather(*waiters)
    return sorted(went_on)


async def one_reply():
    reply = asyncio.get_running_loop().create_future()

    async def answer():
        await asyncio.sleep(UNIT)
        reply.set_result(42)

    asyncio.create_task(answer())
    return await reply


async def meet():
    start = asyncio.get_running_loop().time()
    barrier = asyncio.Barrier(3)
    went_on = []

    async def arrive(secs):
        await asyncio.sleep(secs * UNIT)
        await barrier.wait()
        went_on.append(units(asyncio.get_running_loop().time() - start))

    await asyncio.gather(*(arrive(s) for s in (1, 2, 3)))
    return went_on


async def main():
    print("== 1 ==")
    sent, done, joined = await backpressure(6, 2, 1)
    print("sent " + ", ".join(sent))
    print("done " + ", ".join(f"{job} @ {at}" for job, at in done))
    print(f"join {joined}")
    print("== 2 ==")
    took, most = await limited(1000, 10)
    print(f"Semaphore {took} most {most}")
    print("== 3 ==")
    asyncio_lock, outcome = await two_tasks_one_lock()
    print(f"asyncio.Lock {asyncio_lock}")
    print(f"threading.Lock {outcome[0]}")
    print("== 4 ==")
    print("Event " + ", ".join(await event()))
    print(f"Future {await one_reply()}")
    print("Barrier " + ", ".join(await meet()))


class VirtualSelector(selectors.DefaultSelector):
    """Never waits: when nothing is ready, the virtual clock jumps by the time the loop would have
    waited, which asyncio computes as the time to its next timer (tokio's paused clock does the
    same)."""

    def __init__(self):
        super().__init__()
        self.now = 0.0

    def select(self, timeout=None):
        events = super().select(0)
        if not events and timeout:
            self.now += timeout
        return events


def run_virtual(coro):
    selector = VirtualSelector()
    loop = asyncio.SelectorEventLoop(selector)
    loop.time = lambda: selector.now
    try:
        return loop.run_until_complete(coro)
    finally:
        loop.close()


if __name__ == "__main__":
    if "--virtual" in sys.argv[1:]:
        UNIT = 1.0
        run_virtual(main())
    else:
        asyncio.run(main())
