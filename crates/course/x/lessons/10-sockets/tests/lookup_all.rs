//! `lookup_all`: 사용자마다 연결 하나로 한꺼번에 / a connection per user, all at once.

use std::time::Duration;

use sockets_exercises::lookup_all::{Directory, lookup_all};
use tokio::time::Instant;

/// 셋을 한꺼번에 물으면 1초, 연결은 동시에 셋, 답은 물은 순서대로.
/// Three asked at once take 1 s, on three connections open together, answers in the order asked.
#[tokio::test(start_paused = true)]
async fn three_users_take_one_second_on_three_connections() {
    let directory = Directory::start().await.unwrap();
    let start = Instant::now();
    let answers = tokio::time::timeout(
        Duration::from_secs(60),
        lookup_all(directory.port, &["ana", "bo", "cy"]),
    )
    .await
    .expect("60초(가상 시간)가 지나도 끝나지 않았다 / not done after 60 s of virtual time")
    .expect("조회가 실패했다 / the lookups failed");
    assert_eq!(answers, ["FOUND ana", "FOUND bo", "FOUND cy"]);
    assert_eq!(
        start.elapsed(),
        Duration::from_secs(1),
        "한꺼번에 물으면 1초다 / asked at once, they take 1 s"
    );
    assert_eq!(
        directory.most_at_once(),
        3,
        "연결 셋이 동시에 열려 있어야 한다 / three connections must be open together"
    );
    course_marker::passed();
}

/// 물을 사용자가 없으면 연결도 없고 곧바로 빈 목록이다.
/// No users: no connection, and an empty list at once.
#[tokio::test(start_paused = true)]
async fn no_users_no_connections() {
    let directory = Directory::start().await.unwrap();
    let start = Instant::now();
    let answers = lookup_all(directory.port, &[]).await.unwrap();
    assert!(answers.is_empty());
    assert_eq!(start.elapsed(), Duration::ZERO);
    assert_eq!(directory.most_at_once(), 0);
    course_marker::passed();
}
