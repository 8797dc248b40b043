"""루틴, 서브루틴, 코루틴 — routine, subroutine, coroutine.

The Python side of `cargo run -p routine`. Run: python3 crates/routine/python/routine.py
Each line it prints starts with the scene's name, so the course's test can compare it with Rust.
"""
import asyncio

out = []  # 숫자를 여기에 모은다 / the digits go here


# ANCHOR: routines
def do_sync(n):
    # 서브루틴: 끝까지 실행된 뒤에야 돌아간다 / a subroutine runs to the end, then returns
    for _ in range(10):
        out.append(str(n))


async def do_async(n):
    # 숫자 하나마다 양보한다 / yield after every digit
    for _ in range(10):
        out.append(str(n))
        await asyncio.sleep(0)
# ANCHOR_END: routines


# ANCHOR: counts
async def count_without_await(n):
    # await가 없으니 멈출 곳이 없다 / no await, nowhere to stop
    for _ in range(100):
        out.append(str(n))


async def count_with_one_yield(n):
    for i in range(100):
        if i == 50:
            await asyncio.sleep(0)  # 유일한 양보 지점 / the only yield point
        out.append(str(n))
# ANCHOR_END: counts


def runs(digits):
    """'3335' -> '3x3 5x1'"""
    result = []
    for c in digits:
        if result and result[-1][0] == c:
            result[-1][1] += 1
        else:
            result.append([c, 1])
    return " ".join(f"{c}x{k}" for c, k in result)


def take():
    digits = "".join(out)
    out.clear()
    return digits


# ANCHOR: main
async def main():
    do_sync(5)
    do_sync(7)
    print("subroutines:", take())

    await asyncio.gather(do_async(5), do_async(7))
    print("coroutines:", take())

    await asyncio.gather(count_without_await(3), count_without_await(5))
    print("no_await:", runs(take()))

    await asyncio.gather(count_with_one_yield(3), count_with_one_yield(5))
    print("one_yield:", runs(take()))


asyncio.run(main())
# ANCHOR_END: main
