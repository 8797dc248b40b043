// Mistake: giving select! the lookup future itself inside a loop. The first round moves it
// into select!, so the next round has no future left to wait on.
use std::time::Duration;

async fn find_users(n: u64) -> u64 {
    tokio::time::sleep(Duration::from_secs(n)).await;
    n
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let lookup = find_users(3);
    loop {
        tokio::select! {
            n = lookup => { //~ ERROR E0382
                println!("found {n}");
                break;
            }
            _ = tokio::time::sleep(Duration::from_millis(400)) => println!("still waiting"),
        }
    }
}
