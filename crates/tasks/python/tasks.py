"""The Python side of the tasks lesson: the same scenes with asyncio.

Run: python3 crates/tasks/python/tasks.py   (COURSE_TASKS_UNIT=0.1 makes a second shorter)
"""

import asyncio
import os
import threading
import time

UNIT = float(os.environ.get("COURSE_TASKS_UNIT", "1"))


def units(seconds):
    return f"{seconds / UNIT:.1f}"


# ANCHOR: task_object
async def task_object():
    start = time.monotonic()

    async def returns():
        await asyncio.sleep(UNIT)
        return 1

    async def fails():
        await asyncio.sleep(UNIT)
        raise RuntimeError("lookup failed")

    async def long():
        await asyncio.sleep(5 * UNIT)
        return 5

    tasks = [asyncio.create_task(c()) for c in (returns, fails, long)]
    ends = [f"result {await tasks[0]} at {units(time.monotonic() - start)}"]
    try:
        await tasks[1]
    except RuntimeError:  # the task's own exception comes out of `await task`
        ends.append(f"raised at {units(time.monotonic() - start)}")
    await asyncio.sleep(UNIT)
    tasks[2].cancel()
    try:
        await tasks[2]
    except asyncio.CancelledError:
        ends.append(f"cancelled at {units(time.monotonic() - start)}")
    return ends
# ANCHOR_END: task_object


# ANCHOR: cancel_with_cleanup
async def cancel_with_cleanup():
    start = time.monotonic()
    said = []

    async def query():
        try:
            await asyncio.sleep(5 * UNIT)  # CancelledError is raised here
            said.append("query done")
        finally:
            said.append(f"connection closed at {units(time.monotonic() - start)}")

    task = asyncio.create_task(query())
    await asyncio.sleep(2 * UNIT)
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        said.append("query cancelled")
    return said
# ANCHOR_END: cancel_with_cleanup


async def refuses_to_be_cancelled():
    # 파이썬 코루틴은 CancelledError를 잡고 취소를 거절할 수도 있다 (권장하지 않는다)
    # a Python coroutine may catch CancelledError and refuse (not recommended)
    start = time.monotonic()

    async def stubborn():
        try:
            await asyncio.sleep(5 * UNIT)
        except asyncio.CancelledError:
            await asyncio.sleep(UNIT)  # 취소된 뒤에도 기다린다 / awaits even after cancel
            return f"refused, done at {units(time.monotonic() - start)}"

    task = asyncio.create_task(stubborn())
    await asyncio.sleep(2 * UNIT)
    task.cancel()
    return await task


async def cancel_at_the_next_await():
    said = []

    async def steps():
        said.append("step 1")
        asyncio.current_task().cancel()  # 아직 아무것도 멈추지 않는다 / nothing stops yet
        said.append("step 2 (after cancel)")
        said.append("step 3 (after cancel)")
        await asyncio.sleep(0)  # 여기서 CancelledError / CancelledError here
        said.append("step 4")

    try:
        await asyncio.create_task(steps())
    except asyncio.CancelledError:
        pass
    return said


async def to_thread_cannot_be_cancelled():
    start = time.monotonic()
    finished = []

    def blocking():
        time.sleep(3 * UNIT)
        finished.append(units(time.monotonic() - start))

    task = asyncio.create_task(asyncio.to_thread(blocking))
    await asyncio.sleep(UNIT)
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        cancelled = units(time.monotonic() - start)
    await asyncio.sleep(3 * UNIT)
    return cancelled, finished[0]


# ANCHOR: read_pair
async def read_pair(queue):
    first = await queue.get()
    second = await queue.get()
    return first, second
# ANCHOR_END: read_pair


async def wait_for_loop():
    # 읽는 도중에 wait_for가 시간 제한으로 취소하면 읽어 둔 첫 메시지가 사라진다
    # wait_for cancels read_pair halfway when its limit runs out: the first message is lost
    queue = asyncio.Queue()

    async def send():
        for n in range(1, 7):
            await asyncio.sleep(0.3 * UNIT)
            await queue.put(n)

    sender = asyncio.create_task(send())
    pairs = []
    start = time.monotonic()
    while time.monotonic() - start < 2.5 * UNIT:
        next_tick = UNIT - (time.monotonic() - start) % UNIT
        try:
            pairs.append(await asyncio.wait_for(read_pair(queue), next_tick))
        except TimeoutError:
            pass
    await sender
    return pairs


async def task_group():
    start = time.monotonic()
    said = []

    async def lookup(secs, fails):
        try:
            await asyncio.sleep(secs * UNIT)
            if fails:
                raise RuntimeError(f"lookup of {secs} s failed")
            return secs
        finally:
            said.append(f"lookup({secs}) ended at {units(time.monotonic() - start)}")

    try:
        async with asyncio.TaskGroup() as group:
            for secs, fails in [(3, False), (1, True), (2, False)]:
                group.create_task(lookup(secs, fails))
    except ExceptionGroup as group_error:
        said.append(f"{group_error.exceptions[0]} at {units(time.monotonic() - start)}")
    return said


async def shielded_timeout():
    start = time.monotonic()

    async def job():
        await asyncio.sleep(3 * UNIT)
        return units(time.monotonic() - start)

    work = asyncio.ensure_future(job())
    try:
        await asyncio.wait_for(asyncio.shield(work), UNIT)
    except TimeoutError:
        gave_up = units(time.monotonic() - start)
    return gave_up, await work


async def from_a_plain_thread():
    loop = asyncio.get_running_loop()

    async def answer():
        return 40 + 2

    result = []
    thread = threading.Thread(
        target=lambda: result.append(asyncio.run_coroutine_threadsafe(answer(), loop).result()))
    thread.start()
    while thread.is_alive():
        await asyncio.sleep(0.01)
    return result[0]


# ANCHOR: retry
async def retry(attempts, limit, op):
    last = None
    for _ in range(attempts):
        try:
            return await asyncio.wait_for(op(), limit)  # op: 코루틴 함수 / a coroutine function
        except TimeoutError:
            last = "timed out"
        except RuntimeError as e:
            last = e
    raise RuntimeError(f"gave up: {last}")
# ANCHOR_END: retry


async def flaky_lookup_with_retry():
    start = time.monotonic()
    tries = []

    async def lookup():
        tries.append(units(time.monotonic() - start))
        if len(tries) == 1:
            await asyncio.sleep(2 * UNIT)
            return 1
        if len(tries) == 2:
            raise RuntimeError("lookup failed")
        return 3

    result = await retry(3, UNIT, lookup)
    return result, tries


async def main():
    print("== 1 ==")
    for line in await task_object():
        print(line)
    print("== 2 ==")
    for line in await cancel_with_cleanup():
        print(line)
    print(await refuses_to_be_cancelled())
    for line in await cancel_at_the_next_await():
        print(line)
    cancelled, finished = await to_thread_cannot_be_cancelled()
    print(f"to_thread cancelled at {cancelled}, thread finished at {finished}")
    print("== 3 ==")
    print(f"wait_for loop {await wait_for_loop()}")
    print("== 4 ==")
    for line in await task_group():
        print(line)
    print("== 5 ==")
    gave_up, finished = await shielded_timeout()
    print(f"shield: gave up at {gave_up}, job finished at {finished}")
    print(f"run_coroutine_threadsafe {await from_a_plain_thread()}")
    print("== 6 ==")
    result, tries = await flaky_lookup_with_retry()
    print(f"retry {result} tries at {', '.join(tries)}")


if __name__ == "__main__":
    asyncio.run(main())
