"""time.sleep vs asyncio.sleep — 블로킹 sleep은 스레드의 모든 태스크를 멈추고, asyncio.sleep은
스레드를 양보한다 / a blocking sleep freezes every task on its thread; asyncio.sleep yields it.

The Python side of `cargo run -p sleep`. Run: python3 crates/sleep/python/sleep.py
Two good_night coroutines gathered, four ways. Each line starts with the way's name and ends
with a time in sleep units, so the course's test can compare it with Rust.
Sleeps are COURSE_SLEEP_UNIT seconds long (default 1.0).
"""
import asyncio
import os
import time

UNIT = float(os.environ.get("COURSE_SLEEP_UNIT", "1.0"))


def since(start):
    return f"{(time.monotonic() - start) / UNIT:.2f}"


# ANCHOR: good_night_async
async def good_night_async(start):
    await asyncio.sleep(UNIT)  # 스레드를 양보하고 잔다 / sleeps with the thread handed back
    print(f"async: good night {since(start)}")
# ANCHOR_END: good_night_async


# ANCHOR: good_night_blocking
async def good_night_blocking(start):
    time.sleep(UNIT)  # 스레드째 잔다: 이벤트 루프도 멈춘다 / the thread sleeps, loop and all
    print(f"blocking: good night {since(start)}")
# ANCHOR_END: good_night_blocking


# ANCHOR: good_night_to_thread
async def good_night_to_thread(start):
    # 블로킹 sleep을 다른 스레드에서 (Rust의 spawn_blocking) / the blocking sleep on another thread (spawn_blocking)
    await asyncio.to_thread(time.sleep, UNIT)
    print(f"to_thread: good night {since(start)}")
# ANCHOR_END: good_night_to_thread


# ANCHOR: good_night_forgot_await
async def good_night_forgot_await(start):
    # await가 없다: 코루틴 객체를 만들고 버린다 (RuntimeWarning)
    # no await: the coroutine is built and thrown away (RuntimeWarning)
    asyncio.sleep(UNIT)
    print(f"forgot_await: good night {since(start)}")
# ANCHOR_END: good_night_forgot_await


# ANCHOR: main
async def main():
    for way, good_night in [
        ("async", good_night_async),
        ("blocking", good_night_blocking),
        ("to_thread", good_night_to_thread),
        ("forgot_await", good_night_forgot_await),
    ]:
        start = time.monotonic()
        await asyncio.gather(good_night(start), good_night(start))
        print(f"{way}: took {since(start)}")
# ANCHOR_END: main


asyncio.run(main())
