"""코루틴 객체도 멈췄다 다시 이어 가는 상태 기계다 — a coroutine object is a resumable state machine.

The Python side of `cargo run -p future`. Run: python3 crates/future/python/future.py [--lang en]
`COURSE_SLEEP_UNIT` (seconds, default 1.0) is how long one "second" of the scenario takes.

Two drivers run the same `find_users(3)`:
- by hand: `coro.send(None)` in a loop, the way `loop.run_until_complete` does it inside, with
  a tiny awaitable of our own instead of `asyncio.sleep` (which only an asyncio loop can serve);
- `asyncio.run`, with `asyncio.sleep`.
Every line starts with a tag, so the course's test can compare it with Rust.
"""
import asyncio
import inspect
import os
import sys
import time

UNIT = float(os.environ.get("COURSE_SLEEP_UNIT", "1.0"))
LANG = "en" if sys.argv[1:] == ["--lang", "en"] else "ko"
if sys.argv[1:] not in ([], ["--lang", "en"], ["--lang", "ko"]):
    sys.exit("usage: python3 future.py [--lang ko|en]")


def looking_up(n, i):
    return f"{n}명 중 {i}번 째 사용자 조회 중 ..." if LANG == "ko" else f"looking up user {i} of {n} ..."


def all_looked_up(n):
    return f"> 총 {n} 명 사용자 비동기 조회 완료!" if LANG == "ko" else f"> done: {n} {'user' if n == 1 else 'users'} looked up!"


# ANCHOR: find_users
async def find_users(n, sleep, say):
    # 노트의 find_users_async: 누가 재워 주는지(sleep)만 바꿔 끼운다
    # the notebook's find_users_async, with the sleep passed in
    for i in range(1, n + 1):
        say(looking_up(n, i))
        await sleep(1)
    say(all_looked_up(n))
# ANCHOR_END: find_users


# ANCHOR: sleep
class Sleep:
    """asyncio.sleep 대신 쓰는 작은 어웨이터블 / a tiny awaitable instead of asyncio.sleep."""

    def __init__(self, seconds):
        self.seconds = seconds

    def __await__(self):
        # 여기서 멈추고, 드라이버에게 '이만큼 재워 줘'를 건넨다: Rust의 Poll::Pending 자리
        # stop here and hand the driver the request: where Rust returns Poll::Pending
        yield self
        # 드라이버가 send(None)으로 다시 이어 주면 잠이 끝난 것이다 / resumed: the sleep is over
# ANCHOR_END: sleep


def state(coro):
    """코루틴의 상태와, 멈춘 자리에 저장된 지역 변수 i / the state, and the saved local i."""
    name = inspect.getcoroutinestate(coro)
    frame = coro.cr_frame
    if frame is not None and "i" in frame.f_locals:
        return f"{name} i={frame.f_locals['i']}"
    return name


# ANCHOR: run_by_hand
def run_by_hand(coro):
    """작은 이벤트 루프: 다시 이어 가고, 요청대로 재우고, 끝날 때까지 / a tiny event loop."""
    sends = 0
    while True:
        before = state(coro)
        sends += 1
        try:
            request = coro.send(None)  # Rust: future.as_mut().poll(&mut cx)
        except StopIteration:  # Rust: Poll::Ready
            print(f"step: {sends} {before} -> {state(coro)}")
            return sends
        print(f"step: {sends} {before} -> {state(coro)}")
        time.sleep(request.seconds * UNIT)  # 기다렸다가 깨운다 / wait, then wake
# ANCHOR_END: run_by_hand


def main():
    start = time.perf_counter()
    sends = run_by_hand(
        find_users(3, Sleep, lambda line: print("by_hand:", line))
    )
    print("sends:", sends)
    print(f"by_hand_seconds: {(time.perf_counter() - start) / UNIT:.3f}")

    start = time.perf_counter()
    asyncio.run(
        find_users(3, lambda s: asyncio.sleep(s * UNIT), lambda line: print("asyncio:", line))
    )
    print(f"asyncio_seconds: {(time.perf_counter() - start) / UNIT:.3f}")


main()
