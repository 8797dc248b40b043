//! Every compile-fail case of lesson 10 (`tests/ui/sockets/`), fixed: the same code with only
//! the fix, run against the lesson's directory. The book shows each mistake beside its fix.

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

/// A stream has one owner. `into_split` makes it two: a reading half for the task and a writing
/// half for the code that sends (asyncio's reader and writer).
#[tokio::test(start_paused = true)]
async fn stream_moved_into_the_reading_task() -> std::io::Result<()> {
    let port = sockets::serve().await?;
    // ANCHOR: stream_moved_into_the_reading_task
    let stream = TcpStream::connect(("127.0.0.1", port)).await?;
    let (reading, mut writing) = stream.into_split();
    let reader = tokio::spawn(async move {
        let mut lines = BufReader::new(reading).lines();
        let mut seen = Vec::new();
        while let Ok(Some(line)) = lines.next_line().await {
            seen.push(line);
        }
        seen
    });
    writing.write_all(b"LOOKUP 1-1\n").await?;
    writing.write_all(b"BYE\n").await?;
    assert_eq!(reader.await?, ["FOUND 1-1"]);
    // ANCHOR_END: stream_moved_into_the_reading_task
    Ok(())
}

/// `write_all` is a method of the `AsyncWriteExt` trait: import it.
#[tokio::test(start_paused = true)]
async fn write_all_without_the_trait() -> std::io::Result<()> {
    let port = sockets::serve().await?;
    // ANCHOR: write_all_without_the_trait
    use tokio::io::AsyncWriteExt;
    let mut stream = TcpStream::connect(("127.0.0.1", port)).await?;
    stream.write_all(b"LOOKUP 1-1\n").await?;
    // ANCHOR_END: write_all_without_the_trait
    let mut answer = String::new();
    BufReader::new(stream).read_line(&mut answer).await?;
    assert_eq!(answer, "FOUND 1-1\n");
    Ok(())
}

/// A socket carries bytes: `as_bytes()` lends a `String`'s UTF-8 bytes.
#[tokio::test(start_paused = true)]
async fn write_a_str() -> std::io::Result<()> {
    let port = sockets::serve().await?;
    // ANCHOR: write_a_str
    let mut stream = TcpStream::connect(("127.0.0.1", port)).await?;
    let user = "1-1";
    stream
        .write_all(format!("LOOKUP {user}\n").as_bytes())
        .await?;
    // ANCHOR_END: write_a_str
    let mut answer = String::new();
    BufReader::new(stream).read_line(&mut answer).await?;
    assert_eq!(answer, "FOUND 1-1\n");
    Ok(())
}
