//! `lookup_all`, hidden tests: a hundred users (past `try_join_all`'s switch at 30), a directory
//! that is not there, and every connection closed at the end.

use std::time::Duration;

use sockets_exercises::lookup_all::{Directory, lookup_all};
use tokio::time::Instant;

#[tokio::test(start_paused = true)]
async fn a_hundred_users_take_one_second_in_the_order_asked() {
    let directory = Directory::start().await.unwrap();
    let names: Vec<String> = (0..100).map(|i| format!("user{i}")).collect();
    let users: Vec<&str> = names.iter().map(String::as_str).collect();
    let start = Instant::now();
    let answers =
        tokio::time::timeout(Duration::from_secs(600), lookup_all(directory.port, &users))
            .await
            .expect("not done after 600 s of virtual time")
            .expect("the lookups failed");
    let expected: Vec<String> = names.iter().map(|n| format!("FOUND {n}")).collect();
    assert_eq!(answers, expected);
    assert_eq!(start.elapsed(), Duration::from_secs(1));
    assert_eq!(directory.most_at_once(), 100);
    course_marker::passed();
}

/// Nothing listens on the port: the answer is an `Err`, not a panic and not a hang.
#[tokio::test(start_paused = true)]
async fn a_directory_that_is_not_there_is_an_error() {
    let port = {
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0))
            .await
            .unwrap();
        listener.local_addr().unwrap().port()
    }; // the listener is dropped: connecting is refused
    let answer = tokio::time::timeout(Duration::from_secs(60), lookup_all(port, &["ana"]))
        .await
        .expect("not done after 60 s of virtual time");
    assert!(answer.is_err(), "{answer:?}");
    course_marker::passed();
}

/// When `lookup_all` returns, its connections are closed (dropped or said `BYE`): the directory
/// is not left holding them.
#[tokio::test(start_paused = true)]
async fn no_connection_is_left_open() {
    let directory = Directory::start().await.unwrap();
    lookup_all(directory.port, &["ana", "bo"]).await.unwrap();
    // Let the directory see the ends of the connections (no virtual time passes).
    for _ in 0..100 {
        tokio::task::yield_now().await;
        if directory.open_now() == 0 {
            break;
        }
    }
    assert_eq!(directory.open_now(), 0);
    course_marker::passed();
}
