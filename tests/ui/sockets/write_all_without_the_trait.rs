// Mistake: calling `write_all` on a tokio stream without its trait in scope.
use tokio::net::TcpStream;

#[tokio::main(flavor = "current_thread")]
async fn main() -> std::io::Result<()> {
    let mut stream = TcpStream::connect(("127.0.0.1", 7000)).await?;
    stream.write_all(b"LOOKUP 1-1\n").await?; //~ ERROR no method named `write_all`
    Ok(())
}
