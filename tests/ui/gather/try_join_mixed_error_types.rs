// Mistake: try_join! over futures that fail with different error types. It hands back the
// first error, so all of them must fail with one and the same error type.
use std::num::ParseIntError;

async fn read_config() -> Result<String, std::io::Error> {
    Ok("3".to_string())
}

async fn parse_count(text: &str) -> Result<usize, ParseIntError> {
    text.parse()
}

async fn load() -> Result<(String, usize), std::io::Error> {
    tokio::try_join!(read_config(), parse_count("3")) //~ ERROR E0308
}

fn main() {
    let _ = load();
}
