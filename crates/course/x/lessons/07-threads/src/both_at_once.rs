//! 두 일을 동시에, 스레드 하나에 하나씩 돌려 두 결과를 함께 돌려주자. 파이썬이라면
//! `threading.Thread` 둘이겠지만, 파이썬 코드는 GIL 때문에 한 번에 하나씩만 실행된다. Rust에는
//! GIL이 없다. 두 일은 호출한 쪽의 지역 변수를 빌릴 수 있다(`'static`이 아니다). 테스트는 두 일이
//! 같은 `Barrier`에서 만나게 해서 정말로 동시에 돌았는지 확인한다: 하나씩 차례로 돌리면 첫 일이
//! 장벽에서 영영 기다린다.
//!
//! Run two jobs at the same time, one thread each, and return both results. In Python this
//! would be two `threading.Thread`s, whose Python code the GIL runs one at a time; Rust has no
//! GIL. The jobs may borrow the caller's locals (they are not `'static`). The tests make the two
//! jobs meet at one `Barrier` to check that they really ran at the same time: run one after the
//! other, the first would wait at the barrier forever.

// TODO: 두 일을 각자의 스레드에서 동시에 시작하고, 둘 다 끝나면 결과를 함께 돌려주자.
//       / Start both jobs at once, each on a thread of its own, and return both results.
/// `a`와 `b`를 각자의 스레드에서 동시에 돌리고, 두 결과를 `(a의 결과, b의 결과)`로 돌려준다.
/// Runs `a` and `b` at the same time on threads of their own; returns `(a's result, b's)`.
pub fn both_at_once<A, B, RA, RB>(a: A, b: B) -> (RA, RB)
where
    A: FnOnce() -> RA + Send,
    B: FnOnce() -> RB + Send,
    RA: Send,
    RB: Send,
{
    // TODO: 여기를 완성하세요. 막히면: cargo run -p course -- hint threads/both_at_once
    // TODO: complete this. Stuck? cargo run -p course -- hint threads/both_at_once
    todo!()
}
