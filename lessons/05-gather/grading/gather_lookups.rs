//! `gather_lookups`, hidden tests: other counts, the lookups' own schedule, edge cases.

use std::future::Future;
use std::time::Duration;

use gather_exercises::gather_lookups::{Directory, Event, gather_lookups};
use tokio::time::Instant;

const fn s(secs: u64) -> Duration {
    Duration::from_secs(secs)
}

async fn within_a_minute<F: Future>(future: F) -> F::Output {
    tokio::time::timeout(s(60), future)
        .await
        .expect("60초(가상 시간)가 지나도 끝나지 않았다 / not done after 60 s of virtual time")
}

/// What the directory notes when every lookup in `counts` starts at 0 s and runs undisturbed:
/// user `u` of `n` at `u - 1` s, `Found` at `n` s. Sorted, since lookups at the same instant
/// may take turns in any order.
fn concurrent_schedule(counts: &[u32]) -> Vec<(Duration, Event)> {
    let mut events: Vec<(Duration, Event)> = counts
        .iter()
        .flat_map(|&n| {
            (1..=n)
                .map(move |user| (s(u64::from(user - 1)), Event::LookingUp { n, user }))
                .chain([(s(u64::from(n)), Event::Found { n })])
        })
        .collect();
    events.sort();
    events
}

fn sorted(mut events: Vec<(Duration, Event)>) -> Vec<(Duration, Event)> {
    events.sort();
    events
}

/// `5, 1, 3` end at 5 s, the longest one's time, and come back as `[5, 1, 3]`.
#[tokio::test(start_paused = true)]
async fn five_one_three_end_at_five_seconds_in_argument_order() {
    let dir = Directory::new();
    let start = Instant::now();
    let results = within_a_minute(gather_lookups(&dir, &[5, 1, 3])).await;
    assert_eq!(start.elapsed(), s(5));
    assert_eq!(results, [5, 1, 3]);
    course_marker::passed();
}

/// Every lookup really runs, all starting at 0 s: user `u` of `n` is looked up at `u - 1` s and
/// `find_users(n)` is done at `n` s (a sleep and made-up results do not count).
#[tokio::test(start_paused = true)]
async fn every_lookup_runs_from_zero_seconds_on_its_own_schedule() {
    let dir = Directory::new();
    within_a_minute(gather_lookups(&dir, &[2, 4, 1])).await;
    assert_eq!(sorted(dir.events()), concurrent_schedule(&[2, 4, 1]));
    course_marker::passed();
}

/// No counts: an empty `Vec` at once (0 s), and the directory is never asked.
#[tokio::test(start_paused = true)]
async fn no_counts_return_nothing_at_once() {
    let dir = Directory::new();
    let start = Instant::now();
    let results = within_a_minute(gather_lookups(&dir, &[])).await;
    assert_eq!(results, Vec::<u32>::new());
    assert_eq!(start.elapsed(), s(0));
    assert_eq!(dir.events(), []);
    course_marker::passed();
}

/// One lookup takes its own time and returns its own count.
#[tokio::test(start_paused = true)]
async fn a_single_lookup_takes_its_own_time() {
    let dir = Directory::new();
    let start = Instant::now();
    assert_eq!(within_a_minute(gather_lookups(&dir, &[2])).await, [2]);
    assert_eq!(start.elapsed(), s(2));
    course_marker::passed();
}

/// The same count three times is three lookups, all together: 2 s, `[2, 2, 2]`, three `Found`.
#[tokio::test(start_paused = true)]
async fn repeated_counts_are_separate_lookups() {
    let dir = Directory::new();
    let start = Instant::now();
    let results = within_a_minute(gather_lookups(&dir, &[2, 2, 2])).await;
    assert_eq!(results, [2, 2, 2]);
    assert_eq!(start.elapsed(), s(2));
    assert_eq!(sorted(dir.events()), concurrent_schedule(&[2, 2, 2]));
    course_marker::passed();
}

/// Forty lookups (past `join_all`'s switch to `FuturesOrdered` at 30) still end at the longest
/// one's time, with results in argument order.
#[tokio::test(start_paused = true)]
async fn forty_lookups_keep_argument_order() {
    let counts: Vec<u32> = (1..=40).rev().collect();
    let dir = Directory::new();
    let start = Instant::now();
    let results = within_a_minute(gather_lookups(&dir, &counts)).await;
    assert_eq!(results, counts);
    assert_eq!(start.elapsed(), s(40));
    course_marker::passed();
}

/// Counts drawn from the class's seed (`course grade --seed N`): a student who read this file in
/// the public repository still cannot know them. All at once, they end at the longest one's time,
/// in argument order.
#[tokio::test(start_paused = true)]
async fn seeded_counts_end_at_the_longest_in_argument_order() {
    let mut x = course_marker::seed();
    let counts: Vec<u32> = (0..4)
        .map(|_| {
            x = x
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (x >> 33) as u32 % 6 + 1
        })
        .collect();
    let dir = Directory::new();
    let start = Instant::now();
    let results = within_a_minute(gather_lookups(&dir, &counts)).await;
    assert_eq!(results, counts);
    let longest = counts.iter().max().copied().unwrap_or(0);
    assert_eq!(start.elapsed(), s(u64::from(longest)), "counts {counts:?}");
    course_marker::passed();
}
