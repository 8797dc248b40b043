"""await: 코루틴 함수를 호출하면 코루틴 객체가 만들어질 뿐이다 — calling a coroutine function
only builds a coroutine; nothing runs until it is awaited.

The Python side of `cargo run -p awaiting`. Run: python3 crates/awaiting/python/awaiting.py
Each line it prints starts with the scene's name, so the course's test can compare it with Rust.
Sleeps are COURSE_SLEEP_UNIT seconds long (default 1.0).
"""
import asyncio
import os
import time

UNIT = float(os.environ.get("COURSE_SLEEP_UNIT", "1.0"))


def say(scene, text):
    print(f"{scene}: {text}", flush=True)


# ANCHOR: do_asyncs
async def do_asyncs(n, scene):
    # 호출만으로는 이 줄까지 오지 않는다 / calling alone never gets here
    say(scene, str(n) * 10)
# ANCHOR_END: do_asyncs


# ANCHOR: main_async
async def main_async(scene):
    await do_asyncs(5, scene)
# ANCHOR_END: main_async


# ANCHOR: lazy
async def lazy():
    coro = do_asyncs(5, "lazy")  # 코루틴 객체일 뿐 / just a coroutine object
    say("lazy", "built the coroutine (nothing has run yet)")
    say("lazy", "awaiting it now")
    await coro
    say("lazy", "the await returned")
# ANCHOR_END: lazy


# ANCHOR: nested
async def nested():
    outer = main_async("nested")
    say("nested", "built the coroutine of main_async() (do_asyncs(5) has not even been called)")
    await outer
    say("nested", "the await returned")
# ANCHOR_END: nested


# ANCHOR: never_awaited
async def never_awaited():
    coro = do_asyncs(7, "never")
    say("never", "built a coroutine: do_asyncs(7)")
    task = asyncio.create_task(do_asyncs(8, "never"))  # 이벤트 루프에 등록 / queued on the loop
    say("never", "spawned a task: do_asyncs(8)")
    say("never", "main yields the thread once")
    await asyncio.sleep(0)  # 한 번 양보 / yield once
    say("never", "main is back")
    # 여기서 코루틴이 사라지며 RuntimeWarning: coroutine 'do_asyncs' was never awaited
    # the coroutine is destroyed here, with that RuntimeWarning on stderr
    del coro, task
    say("never", "dropped both without awaiting: do_asyncs(7) never ran")
# ANCHOR_END: never_awaited


# ANCHOR: await_coroutine
async def hello_world(scene, start):
    say(scene, f"hello {(time.monotonic() - start) / UNIT:.2f}")
    await asyncio.sleep(UNIT)
    say(scene, f"world {(time.monotonic() - start) / UNIT:.2f}")


async def await_coroutine():
    start = time.monotonic()
    coro = hello_world("await_coroutine", start)
    say("await_coroutine", "main: doing something else for 1 s")
    await asyncio.sleep(UNIT)  # main의 다른 일 / main's other work
    await coro  # 여기서야 시작한다 / starts only here
    say("await_coroutine", "main: the await returned")
    say("await_coroutine", f"took {(time.monotonic() - start) / UNIT:.2f}")
# ANCHOR_END: await_coroutine


# ANCHOR: await_task
async def await_task():
    start = time.monotonic()
    task = asyncio.create_task(hello_world("await_task", start))
    say("await_task", "main: doing something else for 1 s")
    await asyncio.sleep(UNIT)  # 태스크는 그동안 돈다 / the task runs meanwhile
    await task
    say("await_task", "main: the await returned")
    say("await_task", f"took {(time.monotonic() - start) / UNIT:.2f}")
# ANCHOR_END: await_task


async def main():
    await lazy()
    await nested()
    await never_awaited()
    await await_coroutine()
    await await_task()


# ANCHOR: run
# 이벤트 루프를 만들고, main()이 끝날 때까지 돌리고, 닫는다
# (노트의 get_event_loop, run_until_complete, close를 한 번에)
# a new loop, run until main() is done, then closed
# (the notebook's get_event_loop, run_until_complete and close in one call)
asyncio.run(main())
# ANCHOR_END: run
