//! The facts lesson 6 teaches, each checked exactly on tokio's paused clock.

use std::time::Duration;

use timeline::Timeline;
use timeline::cli::Lang;
use tokio::time::Instant;
use wait::{
    Done, LookupError, NOTE_COUNTS, ReturnWhen, Runner, as_completed, busy_caller, give_up_after,
    join_next, lookups, progress_while_waiting, wait, wait_scene,
};

const fn s(secs: u64) -> Duration {
    Duration::from_secs(secs)
}

const fn ms(millis: u64) -> Duration {
    Duration::from_millis(millis)
}

const NONE_BROKEN: [Option<usize>; 3] = [None, None, None];

fn ok(index: usize, n: usize) -> Done<Result<usize, LookupError>> {
    Done {
        index,
        output: Ok(n),
    }
}

/// FirstCompleted on `find_users(3)`, `(2)`, `(1)` returns at 1 s with only `find_users(1)`
/// done (index 2, result 1); `find_users(3)` and `(2)` come back pending, in argument order,
/// and once awaited they finish at 3 s, as if never interrupted.
#[tokio::test(start_paused = true)]
async fn first_completed_returns_at_one_second_with_the_shortest_done() {
    let tl = Timeline::quiet();
    let (waited, finished) =
        wait_scene(&tl, Lang::Ko, NONE_BROKEN, ReturnWhen::FirstCompleted, None).await;
    assert_eq!(waited.returned_at, s(1));
    assert_eq!(waited.done, [ok(2, 1)]);
    assert_eq!(waited.pending, [0, 1]);
    assert_eq!(finished.results, [ok(0, 3), ok(1, 2)]);
    assert_eq!(finished.at, s(3));
}

/// FirstException returns when the first `Err` arrives (user 2 of `find_users(2)`, at 2 s), with
/// everything that finished by then: `find_users(1)`'s `Ok(1)` from 1 s, then the error.
#[tokio::test(start_paused = true)]
async fn first_exception_returns_at_the_first_error() {
    let tl = Timeline::quiet();
    let broken = [None, Some(2), None];
    let (waited, finished) =
        wait_scene(&tl, Lang::Ko, broken, ReturnWhen::FirstException, None).await;
    assert_eq!(waited.returned_at, s(2));
    assert_eq!(
        waited.done,
        [
            ok(2, 1),
            Done {
                index: 1,
                output: Err(LookupError { n: 2, user: 2 })
            }
        ]
    );
    assert_eq!(waited.pending, [0]);
    assert_eq!(finished.results, [ok(0, 3)]);
    assert_eq!(finished.at, s(3));
}

/// With no error at all, FirstException waits for everything, as asyncio's `FIRST_EXCEPTION`
/// does ("equivalent to ALL_COMPLETED").
#[tokio::test(start_paused = true)]
async fn first_exception_without_errors_waits_for_all() {
    let tl = Timeline::quiet();
    let (waited, _) =
        wait_scene(&tl, Lang::Ko, NONE_BROKEN, ReturnWhen::FirstException, None).await;
    assert_eq!(waited.returned_at, s(3));
    assert_eq!(waited.done.len(), 3);
    assert!(waited.pending.is_empty());
}

/// AllCompleted returns at 3 s with all three done, listed in the order they finished (1, 2, 3)
/// and each keeping its argument index (2, 1, 0).
#[tokio::test(start_paused = true)]
async fn all_completed_returns_at_three_seconds_in_finishing_order() {
    let tl = Timeline::quiet();
    let (waited, finished) =
        wait_scene(&tl, Lang::Ko, NONE_BROKEN, ReturnWhen::AllCompleted, None).await;
    assert_eq!(waited.returned_at, s(3));
    assert_eq!(waited.done, [ok(2, 1), ok(1, 2), ok(0, 3)]);
    assert!(waited.pending.is_empty());
    assert!(finished.results.is_empty());
}

/// A 1.5 s timeout is not an error: `wait` returns at exactly 1.5 s with what had finished
/// (`find_users(1)`) and hands back the other two, which, awaited right away, end at 3 s.
#[tokio::test(start_paused = true)]
async fn timeout_hands_back_the_pending_which_then_finish_at_three_seconds() {
    let tl = Timeline::quiet();
    let (waited, finished) = wait_scene(
        &tl,
        Lang::Ko,
        NONE_BROKEN,
        ReturnWhen::AllCompleted,
        Some(ms(1500)),
    )
    .await;
    assert_eq!(waited.returned_at, ms(1500));
    assert_eq!(waited.done, [ok(2, 1)]);
    assert_eq!(waited.pending, [0, 1]);
    assert_eq!(finished.results, [ok(0, 3), ok(1, 2)]);
    assert_eq!(finished.at, s(3));
}

/// The lines show where `wait` returned: right after `find_users(1)` finished, and at 1 s the
/// lookups still running speak in argument order, as they do under asyncio.
#[tokio::test(start_paused = true)]
async fn first_completed_returns_right_after_the_first_result() {
    let tl = Timeline::quiet();
    wait_scene(&tl, Lang::Ko, NONE_BROKEN, ReturnWhen::FirstCompleted, None).await;
    let at_one_second: Vec<String> = tl
        .said_at()
        .into_iter()
        .filter(|(_, at)| *at == s(1))
        .map(|(text, _)| text)
        .collect();
    assert_eq!(
        at_one_second,
        [
            "3명 중 2번 째 사용자 조회 중 ...",
            "2명 중 2번 째 사용자 조회 중 ...",
            "> 총 1 명 사용자 비동기 조회 완료!",
            "[main] wait 반환 (1.000 s): done 1, pending 2",
        ]
    );
}

/// An empty list: `wait` returns at once with nothing in either list (asyncio raises
/// `ValueError` instead).
#[tokio::test(start_paused = true)]
async fn waiting_for_nothing_returns_at_once() {
    let start = Instant::now();
    let nothing: Vec<std::future::Ready<Result<(), ()>>> = Vec::new();
    let (done, pending) = wait(nothing, ReturnWhen::AllCompleted, Some(s(5))).await;
    assert!(done.is_empty() && pending.is_empty());
    assert_eq!(start.elapsed(), Duration::ZERO);
}

/// A pending future handed back by `wait` is a future: awaiting one alone gives its result.
#[tokio::test(start_paused = true)]
async fn a_pending_future_can_be_awaited_on_its_own() {
    let tl = Timeline::quiet();
    let start = Instant::now();
    let (_, mut pending) = wait(
        lookups(&tl, Lang::En, &NOTE_COUNTS),
        ReturnWhen::FirstCompleted,
        None,
    )
    .await;
    let two = pending.remove(1);
    assert_eq!(two.index, 1);
    assert_eq!(two.await, Ok(2));
    assert_eq!(start.elapsed(), s(2));
    // Dropping the other one cancels it: it never finishes.
    drop(pending);
    tokio::time::sleep(s(5)).await;
    assert_eq!(tl.finished_at("find_users(3)"), None);
}

/// Plain futures handed back as pending do not run while the caller is busy elsewhere (1 s to
/// 2.5 s): `find_users(2)` finishes at 2.5 s instead of 2 s, and `find_users(3)` at 3.5 s
/// instead of 3 s.
#[tokio::test(start_paused = true)]
async fn pending_futures_run_only_when_polled() {
    let tl = Timeline::quiet();
    let seen = busy_caller(&tl, Lang::Ko, Runner::Futures).await;
    assert_eq!(seen.returned_at, s(1));
    assert_eq!(seen.finished_at, [(3, ms(3500)), (2, ms(2500)), (1, s(1))]);
    assert_eq!(seen.all_done_at, ms(3500));
    // Nothing was polled between 1 s and 2.5 s.
    assert!(
        tl.spans()
            .iter()
            .all(|span| span.from <= s(1) || span.from >= ms(2500))
    );
}

/// The `JoinHandle`s of spawned tasks, handed back as pending, run on while the caller is busy,
/// as asyncio tasks do: the lookups end at 1, 2 and 3 s whatever the caller does.
#[tokio::test(start_paused = true)]
async fn pending_join_handles_keep_running_like_asyncio_tasks() {
    let tl = Timeline::quiet();
    let seen = busy_caller(&tl, Lang::Ko, Runner::Tasks).await;
    assert_eq!(seen.returned_at, s(1));
    assert_eq!(seen.finished_at, [(3, s(3)), (2, s(2)), (1, s(1))]);
    assert_eq!(seen.all_done_at, s(3));
    assert!(tl.spans().iter().any(|span| span.from == s(2)));
}

/// `FuturesUnordered` yields results as they complete (1, 2, 3); `join_all` on the same lookups
/// keeps argument order (3, 2, 1). Each result is received the moment its lookup ends.
#[tokio::test(start_paused = true)]
async fn as_completed_order_is_one_two_three_and_argument_order_three_two_one() {
    let tl = Timeline::quiet();
    let orders = as_completed(&tl, Lang::En).await;
    assert_eq!(orders.as_completed, [1, 2, 3]);
    assert_eq!(orders.argument_order, [3, 2, 1]);
    let received: Vec<(String, Duration)> = tl
        .said_at()
        .into_iter()
        .filter(|(text, _)| text.starts_with("received"))
        .collect();
    assert_eq!(
        received,
        [
            ("received as completed: 1".to_string(), s(1)),
            ("received as completed: 2".to_string(), s(2)),
            ("received as completed: 3".to_string(), s(3)),
        ]
    );
}

/// `select!` in a loop over `&mut` the pinned lookup: a "still waiting" tick every 0.5 s
/// (five of them) never disturbs the lookup, which ends at exactly 3 s with its result.
#[tokio::test(start_paused = true)]
async fn select_ticks_while_the_lookup_runs_on() {
    let tl = Timeline::quiet();
    let start = Instant::now();
    assert_eq!(progress_while_waiting(&tl, Lang::En).await, (3, 5));
    assert_eq!(start.elapsed(), s(3));
    let ticks: Vec<Duration> = tl
        .said_at()
        .into_iter()
        .filter(|(text, _)| text.starts_with("..."))
        .map(|(_, at)| at)
        .collect();
    assert_eq!(ticks, [ms(500), s(1), ms(1500), s(2), ms(2500)]);
    assert_eq!(tl.finished_at("find_users(3)"), Some(s(3)));
}

/// `JoinSet::join_next` hands back spawned tasks' results in the order they finish, each at the
/// second it finished.
#[tokio::test(start_paused = true)]
async fn join_next_yields_tasks_as_they_finish() {
    let tl = Timeline::quiet();
    assert_eq!(
        join_next(&tl, Lang::En).await,
        [(1, s(1)), (2, s(2)), (3, s(3))]
    );
}

/// `tokio::time::timeout` gives up at exactly 1.5 s and drops the lookup: `find_users(3)` never
/// finishes and never prints its third line.
#[tokio::test(start_paused = true)]
async fn timeout_cancels_the_lookup_at_one_and_a_half_seconds() {
    let tl = Timeline::quiet();
    assert_eq!(
        give_up_after(&tl, Lang::En, ms(1500)).await,
        (true, ms(1500))
    );
    tokio::time::sleep(s(5)).await;
    assert_eq!(tl.finished_at("find_users(3)"), None);
    assert_eq!(
        tl.texts(),
        [
            "looking up user 1 of 3 ...",
            "looking up user 2 of 3 ...",
            "timed out: find_users(3) cancelled (1.500 s)",
        ]
    );
}

/// A timeout longer than the lookup changes nothing: the result comes at 3 s.
#[tokio::test(start_paused = true)]
async fn a_generous_timeout_lets_the_lookup_finish() {
    let tl = Timeline::quiet();
    assert_eq!(give_up_after(&tl, Lang::En, s(4)).await, (false, s(3)));
}
