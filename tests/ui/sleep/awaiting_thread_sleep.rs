// Mistake: `.await` on `std::thread::sleep`, as if it were asyncio.sleep: it is not a future.
use std::time::Duration;

async fn good_night() {
    std::thread::sleep(Duration::from_secs(1)).await; //~ ERROR E0277
    println!("good night");
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    good_night().await;
}
