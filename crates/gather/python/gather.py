"""asyncio.gather: 함께 실행하고, 결과는 인자 순서로 — run together, results in argument order.

The Python side of `cargo run -p gather`. Run: python3 crates/gather/python/gather.py
COURSE_SLEEP_UNIT (seconds, default 1.0) scales every sleep, so a test can run it quickly.
Sections start with `== name ==`; `elapsed_units:` is the time taken, in sleep units.
"""
import asyncio
import os
import time

UNIT = float(os.environ.get("COURSE_SLEEP_UNIT", "1.0"))


# ANCHOR: good_night
async def good_night():
    await asyncio.sleep(UNIT)  # 스레드를 잡지 않고 기다린다 / waits without holding the thread
    print("잘자요")
# ANCHOR_END: good_night


# ANCHOR: find_users
async def find_users(n):
    for i in range(1, n + 1):
        print(f"{n}명 중 {i}번 째 사용자 조회 중 ...")
        await asyncio.sleep(UNIT)
    print(f"> 총 {n} 명 사용자 비동기 조회 완료!")
    return n  # 찾은 사용자 수 / how many users were found
# ANCHOR_END: find_users


async def main():
    print("== good_night ==")
    start = time.monotonic()
    # ANCHOR: gather_good_nights
    await asyncio.gather(good_night(), good_night())
    # ANCHOR_END: gather_good_nights
    print(f"elapsed_units: {(time.monotonic() - start) / UNIT:.3f}")

    print("== find_users ==")
    start = time.monotonic()
    # ANCHOR: gather
    # gather는 코루틴마다 태스크를 만들고, 결과를 인자 순서대로 돌려준다
    # gather wraps each coroutine in a task and returns the results in argument order
    results = await asyncio.gather(find_users(3), find_users(2), find_users(1))
    # ANCHOR_END: gather
    print(f"elapsed_units: {(time.monotonic() - start) / UNIT:.3f}")
    print(f"results: {results}")


asyncio.run(main())
