// Mistake: a task awaited, then cancelled through the same handle, as a Python `Task` allows.
#[tokio::main(flavor = "current_thread")]
async fn main() {
    let task = tokio::spawn(async { 1 });
    let value = task.await.unwrap();
    task.abort(); //~ ERROR borrow of moved value: `task`
    println!("{value}");
}
