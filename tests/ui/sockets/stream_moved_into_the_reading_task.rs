// Mistake: one stream for a reading task and the writing code, as asyncio's
// `open_connection` hands out a reader and a writer.
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

#[tokio::main(flavor = "current_thread")]
async fn main() -> std::io::Result<()> {
    let mut stream = TcpStream::connect(("127.0.0.1", 7000)).await?;
    let reader = tokio::spawn(async move {
        let mut lines = BufReader::new(stream).lines();
        while let Ok(Some(line)) = lines.next_line().await {
            println!("{line}");
        }
    });
    stream.write_all(b"LOOKUP 1-1\n").await?; //~ ERROR borrow of moved value: `stream`
    reader.await?;
    Ok(())
}
