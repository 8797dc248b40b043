// Mistake: calling tokio's sleep without `.await`: the sleep is built, dropped, and never slept.
#![deny(unused_must_use)]

use std::time::Duration;

async fn good_night() {
    tokio::time::sleep(Duration::from_secs(1)); //~ ERROR unused `Sleep` that must be used
    println!("good night");
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    good_night().await;
}
