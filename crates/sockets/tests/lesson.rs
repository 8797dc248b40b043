//! The facts lesson 10 teaches, over real sockets on loopback.

use std::time::Duration;

use sockets::Reading;

const fn s(secs: u64) -> Duration {
    Duration::from_secs(secs)
}

#[tokio::test(start_paused = true)]
async fn find_users_looks_up_one_user_a_second() {
    let port = sockets::serve().await.unwrap();
    let found = sockets::find_users(port, 3).await.unwrap();
    assert_eq!(
        found,
        [
            ("FOUND 3-1".to_string(), s(1)),
            ("FOUND 3-2".to_string(), s(2)),
            ("FOUND 3-3".to_string(), s(3))
        ]
    );
}

#[tokio::test(start_paused = true)]
async fn in_turn_six_seconds_together_three() {
    let port = sockets::serve().await.unwrap();
    assert_eq!(sockets::one_after_another(port).await.unwrap(), s(6));
    let (answers, took) = sockets::together(port).await.unwrap();
    assert_eq!(took, s(3));
    assert_eq!(answers[2], [("FOUND 1-1".to_string(), s(1))]);
    assert_eq!(answers[0].last().unwrap(), &("FOUND 3-3".to_string(), s(3)));
}

#[tokio::test(start_paused = true)]
async fn read_exact_in_select_loses_bytes_and_a_kept_buffer_does_not() {
    let lost = sockets::read_in_select(Reading::ReadExact).await;
    let kept = sockets::read_in_select(Reading::KeptBuffer).await;
    assert_eq!(kept, ["aaaa", "bbbb", "cccc", "dddd", "eeee", "ffff"]);
    // The tick at 1 s drops a read that had "bb" of "bbbb": "cc" follows "bb"; again at 2 s.
    assert_eq!(lost, ["aaaa", "bbcc", "dddd", "eeff"]);
}

#[tokio::test(start_paused = true)]
async fn blocking_reads_hold_the_thread_and_async_reads_hand_it_back() {
    use sockets::Client;
    assert_eq!(sockets::ticks_during_lookups(Client::Blocking).await, 0);
    assert_eq!(sockets::ticks_during_lookups(Client::Async).await, 3);
}

#[tokio::test(start_paused = true)]
async fn a_line_left_in_a_buf_writer_gets_no_answer_until_flushed() {
    let port = sockets::serve().await.unwrap();
    assert_eq!(sockets::lookup_through_a_buffer(port, false).await, None);
    assert_eq!(
        sockets::lookup_through_a_buffer(port, true)
            .await
            .as_deref(),
        Some("FOUND flushed")
    );
}

#[tokio::test(start_paused = true)]
async fn an_unknown_command_gets_an_error_line() {
    use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
    let port = sockets::serve().await.unwrap();
    let mut stream = tokio::net::TcpStream::connect(("127.0.0.1", port))
        .await
        .unwrap();
    stream.write_all(b"HELLO\n").await.unwrap();
    let mut answer = String::new();
    BufReader::new(stream).read_line(&mut answer).await.unwrap();
    assert_eq!(answer, "ERROR HELLO\n");
}
