// Mistake: keeping a std::sync::MutexGuard alive across an .await in a spawned task. The guard
// cannot move to another thread, so neither can the task: tokio::spawn needs a Send future.
use std::sync::{Arc, Mutex};
use std::time::Duration;

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let found = Arc::new(Mutex::new(Vec::new()));
    let shared = found.clone();
    let task = tokio::spawn(async move { //~ ERROR future cannot be sent between threads safely
        let mut list = shared.lock().unwrap();
        tokio::time::sleep(Duration::from_secs(1)).await;
        list.push(3);
    });
    task.await.unwrap();
    println!("{:?}", found.lock().unwrap());
}
