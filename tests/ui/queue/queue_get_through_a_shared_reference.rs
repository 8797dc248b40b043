// Mistake: a worker that takes the queue by shared reference, as Python's `await queue.get()`.
use tokio::sync::mpsc;

async fn worker(queue: &mpsc::Receiver<u32>) -> Option<u32> {
    queue.recv().await //~ ERROR cannot borrow `*queue` as mutable
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let (tx, rx) = mpsc::channel(2);
    tx.send(1).await.unwrap();
    println!("{:?}", worker(&rx).await);
}
