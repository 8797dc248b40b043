// Mistake: writing text to a socket, which carries bytes (Python: `writer.write("...")`).
use tokio::io::AsyncWriteExt;
use tokio::net::TcpStream;

#[tokio::main(flavor = "current_thread")]
async fn main() -> std::io::Result<()> {
    let mut stream = TcpStream::connect(("127.0.0.1", 7000)).await?;
    let user = "1-1";
    stream.write_all(format!("LOOKUP {user}\n")).await?; //~ ERROR mismatched types
    Ok(())
}
