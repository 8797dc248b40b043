//! The facts lesson 5 teaches, each checked exactly on tokio's paused clock.

use std::time::Duration;

use gather::{
    LookupError, NOTE_COUNTS, find_users, gather, gather_default, gather_every_result, good_nights,
    join_macro, one_after_another, parse_counts, polls_by_instant, task_names, try_join_cancels,
};
use timeline::Timeline;
use timeline::cli::Lang;

const fn s(secs: u64) -> Duration {
    Duration::from_secs(secs)
}

/// The lines of the note's last cell: `asyncio.gather(find_users_async(3), (2), (1))`, with
/// the second each is printed at.
const PYTHON_GATHER: [(&str, u64); 9] = [
    ("3명 중 1번 째 사용자 조회 중 ...", 0),
    ("2명 중 1번 째 사용자 조회 중 ...", 0),
    ("1명 중 1번 째 사용자 조회 중 ...", 0),
    ("3명 중 2번 째 사용자 조회 중 ...", 1),
    ("2명 중 2번 째 사용자 조회 중 ...", 1),
    ("> 총 1 명 사용자 비동기 조회 완료!", 1),
    ("3명 중 3번 째 사용자 조회 중 ...", 2),
    ("> 총 2 명 사용자 비동기 조회 완료!", 2),
    ("> 총 3 명 사용자 비동기 조회 완료!", 3),
];

fn python_gather() -> Vec<(String, Duration)> {
    PYTHON_GATHER
        .iter()
        .map(|&(text, at)| (text.to_string(), s(at)))
        .collect()
}

/// Two `good_night()` joined both say good night at 1 s, and the pair takes 1 s, not 2.
#[tokio::test(start_paused = true)]
async fn two_good_nights_joined_end_at_one_second() {
    let tl = Timeline::quiet();
    assert_eq!(good_nights(&tl, Lang::Ko).await, s(1));
    assert_eq!(
        tl.said_at(),
        [("잘자요".to_string(), s(1)), ("잘자요".to_string(), s(1))]
    );
}

/// A single `find_users(n)` takes n seconds: one per user.
#[tokio::test(start_paused = true)]
async fn one_find_users_takes_one_second_per_user() {
    let tl = Timeline::quiet();
    let start = tokio::time::Instant::now();
    assert_eq!(find_users(&tl, Lang::Ko, 2).await, 2);
    assert_eq!(start.elapsed(), s(2));
}

/// Awaited one after another, `find_users(3)`, `(2)`, `(1)` take 3 + 2 + 1 = 6 s, and each
/// starts only when the one before has finished.
#[tokio::test(start_paused = true)]
async fn sequential_find_users_take_six_seconds() {
    let tl = Timeline::quiet();
    let run = one_after_another(&tl, Lang::Ko, &NOTE_COUNTS).await;
    assert_eq!(run.took, s(6));
    assert_eq!(run.results, [3, 2, 1]);
    assert_eq!(
        run.finished,
        ["find_users(3)", "find_users(2)", "find_users(1)"]
    );
    assert_eq!(tl.finished_at("find_users(3)"), Some(s(3)));
    assert_eq!(tl.finished_at("find_users(2)"), Some(s(5)));
    assert_eq!(tl.finished_at("find_users(1)"), Some(s(6)));
}

/// Joined with `join_all`, the same three lookups end at exactly 3 s, the longest one's time;
/// each ends at its own count of seconds.
#[tokio::test(start_paused = true)]
async fn joined_find_users_end_at_three_seconds() {
    let tl = Timeline::quiet();
    let run = gather(&tl, Lang::Ko, &NOTE_COUNTS).await;
    assert_eq!(run.took, s(3));
    assert_eq!(tl.finished_at("find_users(1)"), Some(s(1)));
    assert_eq!(tl.finished_at("find_users(2)"), Some(s(2)));
    assert_eq!(tl.finished_at("find_users(3)"), Some(s(3)));
}

/// `join_all` prints the note's lines in exactly the order, and at exactly the seconds, that
/// Python's `asyncio.gather` prints them: at each second, the lookups still running speak in
/// argument order.
#[tokio::test(start_paused = true)]
async fn join_all_prints_in_pythons_gather_order() {
    let tl = Timeline::quiet();
    gather(&tl, Lang::Ko, &NOTE_COUNTS).await;
    assert_eq!(tl.said_at(), python_gather());
}

/// `join_all` hands back the results in argument order, whichever finished first:
/// `5 3 1` returns `[5, 3, 1]` although the lookups finished 1, 3, 5.
#[tokio::test(start_paused = true)]
async fn join_all_returns_results_in_argument_order() {
    let tl = Timeline::quiet();
    let run = gather(&tl, Lang::En, &[5, 3, 1]).await;
    assert_eq!(run.results, [5, 3, 1]);
    assert_eq!(
        run.finished,
        ["find_users(1)", "find_users(3)", "find_users(5)"]
    );
    assert_eq!(run.took, s(5));
}

/// `tokio::join!` starts each wake-up one future further along (fairness), so at 1 s it polls
/// `find_users(2)` first: the same lines at the same seconds as Python, in another order.
#[tokio::test(start_paused = true)]
async fn tokio_join_rotates_which_future_it_polls_first() {
    let tl = Timeline::quiet();
    let run = join_macro(&tl, Lang::Ko, false).await;
    assert_eq!(run.took, s(3));
    assert_eq!(run.results, [3, 2, 1]);
    let polls = polls_by_instant(&tl);
    assert_eq!(
        polls,
        [
            (
                s(0),
                vec!["find_users(3)", "find_users(2)", "find_users(1)"]
            ),
            (
                s(1),
                vec!["find_users(2)", "find_users(1)", "find_users(3)"]
            ),
            (s(2), vec!["find_users(3)", "find_users(2)"]),
            (s(3), vec!["find_users(3)"]),
        ]
        .map(|(at, tasks)| (at, tasks.into_iter().map(String::from).collect::<Vec<_>>()))
    );
    let at_one_second: Vec<String> = tl
        .said_at()
        .into_iter()
        .filter(|(_, at)| *at == s(1))
        .map(|(text, _)| text)
        .collect();
    assert_eq!(
        at_one_second,
        [
            "2명 중 2번 째 사용자 조회 중 ...",
            "> 총 1 명 사용자 비동기 조회 완료!",
            "3명 중 2번 째 사용자 조회 중 ...",
        ]
    );
    // Same lines, same times, other order: a multiset equal to Python's, a list that is not.
    let mut ours = tl.said_at();
    let mut python = python_gather();
    assert_ne!(ours, python);
    ours.sort();
    python.sort();
    assert_eq!(ours, python);
}

/// `join!(biased; ...)` polls from the top on every wake-up: Python's order, like `join_all`.
#[tokio::test(start_paused = true)]
async fn biased_join_polls_in_argument_order() {
    let tl = Timeline::quiet();
    let run = join_macro(&tl, Lang::Ko, true).await;
    assert_eq!(run.took, s(3));
    assert_eq!(tl.said_at(), python_gather());
    let order = |names: &[&str]| names.iter().map(|n| n.to_string()).collect::<Vec<_>>();
    assert_eq!(
        polls_by_instant(&tl),
        [
            (
                s(0),
                order(&["find_users(3)", "find_users(2)", "find_users(1)"])
            ),
            (
                s(1),
                order(&["find_users(3)", "find_users(2)", "find_users(1)"])
            ),
            (s(2), order(&["find_users(3)", "find_users(2)"])),
            (s(3), order(&["find_users(3)"])),
        ]
    );
}

/// `try_join!` returns the first error the moment it happens (2 s) and drops the future still
/// running: `find_users(3)` is cancelled at exactly 2 s and never says it is done; the result
/// `find_users(1)` had at 1 s is thrown away.
#[tokio::test(start_paused = true)]
async fn try_join_cancels_the_others_when_one_fails() {
    let tl = Timeline::quiet();
    let tried = try_join_cancels(&tl, Lang::Ko).await;
    assert_eq!(tried.result, Err(LookupError { n: 2, user: 2 }));
    assert_eq!(tried.took, s(2));
    assert_eq!(tried.cancelled, [("find_users(3)".to_string(), s(2))]);
    assert_eq!(tl.finished_at("find_users(1)"), Some(s(1)));
    assert_eq!(tl.finished_at("find_users(3)"), None);
    let said = tl.said_at();
    assert!(!said.iter().any(|(text, _)| text.contains("총 3 명")));
    // The last two lines: the failure, then the cancellation, both at 2 s.
    assert_eq!(
        said[said.len() - 2..],
        [
            ("! 2명 중 2번 째 사용자 조회 실패".to_string(), s(2)),
            ("find_users(3) 취소됨 (2.000 s)".to_string(), s(2)),
        ]
    );
}

/// Collecting every result (`return_exceptions=True`): nobody is cancelled, every lookup runs to
/// its end (3 s), and the error sits in its own slot, in argument order.
#[tokio::test(start_paused = true)]
async fn gathering_every_result_runs_all_to_the_end() {
    let tl = Timeline::quiet();
    let every = gather_every_result(&tl, Lang::Ko).await;
    assert_eq!(
        every.results,
        [Ok(3), Err(LookupError { n: 2, user: 2 }), Ok(1)]
    );
    assert_eq!(every.took, s(3));
    assert!(every.cancelled.is_empty());
    assert_eq!(tl.finished_at("find_users(3)"), Some(s(3)));
    assert!(
        tl.said_at()
            .contains(&("> 총 3 명 사용자 비동기 조회 완료!".to_string(), s(3)))
    );
}

/// `asyncio.gather`'s default, in Rust: lookups spawned as tasks, their handles awaited with
/// `try_join_all`. The first error comes back at 2 s, as from `try_join!`, but no lookup is
/// cancelled: nobody awaits `find_users(3)` any more, and it still finishes at 3 s.
#[tokio::test(start_paused = true)]
async fn spawned_lookups_run_on_after_the_first_error_like_gathers_default() {
    let tl = Timeline::quiet();
    let (first, took) = gather_default(&tl, Lang::Ko).await;
    assert_eq!(first, Err(LookupError { n: 2, user: 2 }));
    assert_eq!(took, s(2));
    let done = ("> 총 3 명 사용자 비동기 조회 완료!".to_string(), s(3));
    assert!(!tl.said_at().contains(&done), "not yet at 2 s");
    // (Well past 3 s: at 3 s itself this test and the lookup wake together.)
    tokio::time::sleep(s(2)).await;
    assert!(tl.said_at().contains(&done), "{:?}", tl.said_at());
    assert!(!tl.said_at().iter().any(|(text, _)| text.contains("취소됨")));
}

/// No counts means the note's `3 2 1`; counts must be whole numbers from 1 to 20.
#[test]
fn counts_on_the_command_line_are_checked() {
    let args = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert_eq!(parse_counts(&[]), Ok(vec![3, 2, 1]));
    assert_eq!(parse_counts(&args(&["5", "3", "1"])), Ok(vec![5, 3, 1]));
    assert_eq!(parse_counts(&args(&["20"])), Ok(vec![20]));
    let refused = |a: &[&str]| parse_counts(&args(a)).map_err(|reason| reason.en);
    assert_eq!(
        refused(&["3", "x"]),
        Err("`x` is not a count: give whole numbers from 1 to 20".to_string())
    );
    assert_eq!(
        refused(&["0"]),
        Err("count `0` is out of range: give whole numbers from 1 to 20".to_string())
    );
    assert_eq!(
        refused(&["21"]),
        Err("count `21` is out of range: give whole numbers from 1 to 20".to_string())
    );
    assert!(parse_counts(&args(&["2.5"])).is_err());
}

/// A repeated count gets its own row on the timeline.
#[test]
fn repeated_counts_get_their_own_task_names() {
    assert_eq!(
        task_names(&[2, 1, 2]),
        ["find_users(2)", "find_users(1)", "find_users(2) #2"]
    );
}
