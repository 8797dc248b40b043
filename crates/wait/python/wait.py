"""asyncio.wait: 끝난 것과 아직 안 끝난 것을 돌려받는다 — done and pending, by a rule you pick.

The Python side of `cargo run -p wait`. Run: python3 crates/wait/python/wait.py
COURSE_SLEEP_UNIT (seconds, default 1.0) scales every sleep, so a test can run it quickly.
Sections start with `== name ==`; `elapsed_units:` is the time taken, in sleep units.
"""
import asyncio
import os
import sys
import time

UNIT = float(os.environ.get("COURSE_SLEEP_UNIT", "1.0"))


async def find_users(n):
    for i in range(1, n + 1):
        print(f"{n}명 중 {i}번 째 사용자 조회 중 ...")
        await asyncio.sleep(UNIT)
    print(f"> 총 {n} 명 사용자 비동기 조회 완료!")
    return n



async def main():
    print("== wait_coroutines ==")
    print(f"python: {sys.version_info.major}.{sys.version_info.minor}")
    # ANCHOR: wait_coroutines
    # 노트처럼 코루틴을 그대로 넘긴다 / pass bare coroutines, as the notebook does
    coroutines = [find_users(3), find_users(2), find_users(1)]
    try:
        await asyncio.wait(coroutines)
        print("no TypeError: this Python still wraps coroutines in tasks")
    except TypeError as e:
        print(f"TypeError: {e}")
        for c in coroutines:
            c.close()  # 실행되지 않은 코루틴을 닫는다 / close them: no "never awaited" warning
    # ANCHOR_END: wait_coroutines

    print("== wait_first_completed ==")
    # ANCHOR: wait_tasks
    start = time.monotonic()
    # 고친 코드: 태스크를 직접 만든다 / the fix: make the tasks yourself
    tasks = [asyncio.create_task(find_users(n)) for n in (3, 2, 1)]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    print("[main] wait returned")
    print(f"done: {[t.result() for t in tasks if t in done]}")
    print(f"pending: {[n for n, t in zip((3, 2, 1), tasks) if t in pending]}")
    print(f"returned_units: {(time.monotonic() - start) / UNIT:.3f}")
    # 1.5 단위 동안 다른 일을 한다. pending 태스크는 그동안에도 돈다
    # busy elsewhere for 1.5 units; the pending tasks run on meanwhile
    await asyncio.sleep(1.5 * UNIT)
    print("[main] busy done")
    await asyncio.wait(pending)
    print(f"all_done_units: {(time.monotonic() - start) / UNIT:.3f}")
    # ANCHOR_END: wait_tasks

    print("== as_completed ==")
    # ANCHOR: as_completed
    tasks = [asyncio.create_task(find_users(n)) for n in (3, 2, 1)]
    for next_done in asyncio.as_completed(tasks):
        print(f"completed: {await next_done}")
    # ANCHOR_END: as_completed


asyncio.run(main())
