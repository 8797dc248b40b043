// Mistake: one receiver moved into two workers, as two asyncio workers share one `Queue`.
use tokio::sync::mpsc;

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let (tx, mut rx) = mpsc::channel::<u32>(2);
    let first = tokio::spawn(async move {
        while let Some(job) = rx.recv().await {
            println!("first: {job}");
        }
    });
    let second = tokio::spawn(async move { //~ ERROR use of moved value: `rx`
        while let Some(job) = rx.recv().await {
            println!("second: {job}");
        }
    });
    tx.send(1).await.unwrap();
    drop(tx);
    let _ = (first.await, second.await);
}
