"""The Python side of the threads lesson: what asyncio and Python threads do with the same four
scenes, and the Python half of the benchmark (`bench-one <variant> <n>`, run by
`cargo run --release -p threads -- bench`).

Run: python3 crates/threads/python/threads.py   (COURSE_THREADS_UNIT=0.2 makes a second shorter)
"""

import asyncio
import json
import multiprocessing
import os
import resource
import sys
import threading
import time

UNIT = float(os.environ.get("COURSE_THREADS_UNIT", "1"))


# ANCHOR: barrier
def meet_at_a_barrier_with_threads():
    barrier = threading.Barrier(2, timeout=10)
    jobs = [threading.Thread(target=barrier.wait) for _ in range(2)]
    for job in jobs:
        job.start()
    for job in jobs:
        job.join()
    return "both"  # 둘 다 지났다 / both passed


async def meet_at_a_barrier_with_tasks():
    barrier = threading.Barrier(2, timeout=0.3)

    async def job():
        barrier.wait()  # 이벤트 루프의 스레드째 멈춘다 / blocks the event loop's thread

    try:
        await asyncio.gather(job(), job())
        return "both"
    except threading.BrokenBarrierError:
        return "stuck"  # 0.3초 안에 둘이 함께 서지 못했다 / never stood there together
# ANCHOR_END: barrier


# ANCHOR: wait_many
async def wait_many(n):
    start = time.monotonic()
    await asyncio.gather(*(asyncio.sleep(UNIT) for _ in range(n)))
    return time.monotonic() - start
# ANCHOR_END: wait_many


# ANCHOR: steps
async def steps_for(n):
    # 코루틴 하나가 몇 번 실행되는지 센다 (asyncio에는 예산이 없다)
    # how many times each coroutine runs (asyncio has no budget)
    steps = 0

    async def counted():
        nonlocal steps
        steps += 1
        await asyncio.sleep(UNIT)
        steps += 1

    await asyncio.gather(*(counted() for _ in range(n)))
    return steps
# ANCHOR_END: steps


# ANCHOR: tally
async def tally_in_tasks():
    start = time.monotonic()
    tally = []  # 락도 Rc도 없다: 스레드 하나, 그리고 GIL / no lock, no Rc: one thread, and the GIL

    async def write(secs):
        await asyncio.sleep(secs * UNIT)
        tally.append((secs, time.monotonic() - start))

    await asyncio.gather(write(3), write(1), write(2))
    return tally
# ANCHOR_END: tally


def sum_in_two_threads(numbers):
    half = len(numbers) // 2
    sums = [0, 0]

    def add(k, part):
        sums[k] = sum(part)

    jobs = [threading.Thread(target=add, args=(0, numbers[:half])),
            threading.Thread(target=add, args=(1, numbers[half:]))]
    for job in jobs:
        job.start()
    for job in jobs:
        job.join()
    return sum(sums)


def units(seconds):
    return f"{seconds / UNIT:.2f}"


def demo():
    print("== 1. barrier ==")
    print(f"threading.Thread -> {meet_at_a_barrier_with_threads()}")
    print(f"asyncio tasks -> {asyncio.run(meet_at_a_barrier_with_tasks())}")
    print("== 2. wait_many ==")
    print(f"asyncio.gather 10000 -> {units(asyncio.run(wait_many(10_000)))} units")
    print("== 3. steps ==")
    print("asyncio " + " ".join(str(asyncio.run(steps_for(n))) for n in (1000, 2000, 4000)))
    print("== 4. tally ==")
    tally = asyncio.run(tally_in_tasks())
    print("tasks " + ", ".join(f"{secs} @ {units(at)}" for secs, at in tally))
    print(f"threads sum {sum_in_two_threads(list(range(1, 101)))}")


# The benchmark's children.

def status_kb(field):
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


PY_WORK = 4_000_000


def cpu_job(work=PY_WORK):
    x = 1
    for i in range(work):
        x = (x * 6364136223846793005 + i) & 0xFFFFFFFFFFFFFFFF
    return x


def bench_one(variant, n):
    before = status_kb("VmRSS")
    cpu_before = time.process_time()
    children_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    done, error = n, None
    if variant == "asyncio":
        async def main():
            await asyncio.gather(*(asyncio.sleep(1) for _ in range(n)))
        asyncio.run(main())
    elif variant == "python-threads":
        threads = []
        for _ in range(n):
            thread = threading.Thread(target=time.sleep, args=(1,))
            try:
                thread.start()
            except RuntimeError as e:
                error = str(e)
                break
            threads.append(thread)
        done = len(threads)
        for thread in threads:
            thread.join()
    elif variant == "cpu-python-threads":
        jobs = [threading.Thread(target=cpu_job) for _ in range(2)]
        for job in jobs:
            job.start()
        for job in jobs:
            job.join()
        done = 2
    elif variant == "cpu-python-processes":
        jobs = [multiprocessing.Process(target=cpu_job) for _ in range(2)]
        for job in jobs:
            job.start()
        for job in jobs:
            job.join()
        done = 2
    else:
        sys.exit(f"unknown variant {variant}")
    wall = time.monotonic() - start
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (time.process_time() - cpu_before
           + children.ru_utime - children_before.ru_utime
           + children.ru_stime - children_before.ru_stime)
    print(json.dumps({"wall": wall, "cpu": cpu, "before_kb": before,
                      "peak_kb": status_kb("VmHWM"), "done": done, "error": error}))


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "bench-one":
        bench_one(sys.argv[2], int(sys.argv[3]))
    else:
        demo()
